import { describe, expect, it } from "vitest";
import { U32Map, U32MultiMap } from "./tables";

// A seeded stream of operations, checked against a JS Map: growth, collisions and the
// backward-shift deletion must never lose or invent an entry.
function* randomInts(seed: number, n: number, range: number) {
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    yield s % range;
  }
}

describe("U32Map", () => {
  it("behaves as a Map under mixed sets and deletes", () => {
    const table = new U32Map();
    const reference = new Map<number, number>();
    let i = 0;
    for (const k of randomInts(7, 6_000, 1_000)) {
      const key = (k * 2654435761) >>> 0; // spread over the whole 32-bit range, 0 included
      if (i++ % 3 === 0) expect(table.delete(key)).toBe(reference.delete(key));
      else {
        table.set(key, i);
        reference.set(key, i);
      }
    }
    expect(table.size).toBe(reference.size);
    for (const [k, v] of reference) expect(table.get(k)).toBe(v);
    let seen = 0;
    table.forEachEntry((k, v) => (expect(reference.get(k)).toBe(v), seen++));
    expect(seen).toBe(reference.size);
    expect(table.get(0xdeadbeef)).toBe(-1);
  });

  it("stores 0 and 2^32 − 2, and refuses 2^32 − 1", () => {
    const table = new U32Map();
    table.set(0, 0);
    table.set(1, 0xfffffffe);
    expect([table.get(0), table.get(1)]).toEqual([0, 0xfffffffe]);
    expect(() => table.set(2, 0xffffffff)).toThrow(RangeError);
  });

  it("prunes entries", () => {
    const table = new U32Map();
    for (let k = 0; k < 100; k++) table.set(k, k % 2);
    table.prune((_, v) => v === 0);
    expect(table.size).toBe(50);
    expect(table.has(3) && !table.has(4)).toBe(true);
  });
});

describe("U32MultiMap", () => {
  it("keeps several values per key and removes exactly one pair", () => {
    const table = new U32MultiMap();
    const reference = new Map<number, number[]>();
    let i = 0;
    for (const key of randomInts(11, 10_000, 500)) {
      const list = reference.get(key) ?? [];
      if (i++ % 4 === 0 && list.length) {
        expect(table.remove(key, list[0])).toBe(true);
        list.shift();
      } else {
        table.add(key, i);
        list.push(i);
      }
      reference.set(key, list);
    }
    for (const [key, list] of reference) {
      const got: number[] = [];
      table.forEach(key, (v) => got.push(v));
      expect(got.sort((a, b) => a - b)).toEqual(list.sort((a, b) => a - b));
    }
    expect(table.remove(123456, 1)).toBe(false);
  });
});
