import { describe, expect, it } from "vitest";
import { FingerprintTable, type Fingerprint } from "./fingerprint";

const fp = (id: number): Fingerprint => ({
  id,
  seq: id,
  signature: Uint32Array.from({ length: 64 }, (_, i) => (id * 131 + i) >>> 0),
  company: `co${id % 7}`,
  title: { terms: Uint32Array.of(id, id + 1), axes: id & 3 },
  pay: id % 2 ? { min: id, max: Infinity } : null,
  place: id % 5,
});

describe("FingerprintTable", () => {
  it("keeps every fingerprint across signature pages while it grows and slots are reused", () => {
    const table = new FingerprintTable(64);
    for (let id = 1; id <= 10_000; id++) table.put(fp(id)); // three pages of 4,096 slots
    for (let id = 2; id <= 10_000; id += 3) table.remove(id);
    for (let id = 10_001; id <= 12_000; id++) table.put(fp(id)); // into freed slots, then a new page
    expect(table.slots).toBeGreaterThan(8192);
    for (let id = 1; id <= 12_000; id++) {
      const got = table.get(id);
      if (id <= 10_000 && id % 3 === 2) expect(got).toBeUndefined();
      else expect(got).toEqual(fp(id));
    }
    const slot = table.slotOf(12_000);
    expect([...table.pageOf(slot).subarray(table.offsetOf(slot), table.offsetOf(slot) + 64)]).toEqual([...fp(12_000).signature]);
  });
});
