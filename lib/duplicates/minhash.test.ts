import { describe, expect, it } from "vitest";
import { inverseOdd } from "./hash";
import { DEFAULT_BANDING, MinHasher, bandKeys, estimateJaccard } from "./minhash";
import { distinct, jaccard, shingles, words } from "./text";

// Texts of numbered nonsense words (letters only: digits would all read as one number token):
// text(0, 100) and text(50, 150) share words 50–99.
const word = (n: number) => "w" + n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
const text = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => word(from + i)).join(" ");
const set = (t: string) => distinct(shingles(words(t).hashes));

describe("MinHash", () => {
  const hasher = new MinHasher();

  it("estimates the Jaccard similarity of known texts", () => {
    const errors: number[] = [];
    for (const overlap of [20, 50, 80, 120, 160, 190]) {
      const a = set(text(0, 200)),
        b = set(text(200 - overlap, 400 - overlap));
      const exact = jaccard(a, b);
      const estimate = estimateJaccard(hasher.signature(a), hasher.signature(b));
      expect(Math.abs(estimate - exact)).toBeLessThan(0.2); // 64 slots: standard error ≤ 0.0625
      errors.push(Math.abs(estimate - exact));
    }
    expect(errors.reduce((x, y) => x + y) / errors.length).toBeLessThan(0.08);
    const same = hasher.signature(set(text(0, 50)));
    expect(estimateJaccard(same, hasher.signature(set(text(0, 50))))).toBe(1);
  });

  it("can say which shingle produced each slot", () => {
    const a = set(text(0, 80));
    const sig = hasher.signature(a);
    for (let i = 0; i < sig.length; i++) expect(a.includes(hasher.shingleAt(i, sig[i]))).toBe(true);
    expect(Math.imul(inverseOdd(0x9e3779b1), 0x9e3779b1) >>> 0).toBe(1);
  });

  it("fills the slots of a short text from its own shingles (densification), and still estimates", () => {
    const a = set(text(0, 14)); // 10 shingles for 64 slots: most bins empty
    const sig = hasher.signature(a);
    expect(sig.every((v) => v !== 0xffffffff)).toBe(true);
    for (let i = 0; i < sig.length; i++) expect(a.includes(hasher.shingleAt(i, sig[i]))).toBe(true);
    expect(new Set(sig).size).toBeLessThanOrEqual(a.length);
    // Short texts overlapping by half: the estimate stays near the exact value on average.
    const errors: number[] = [];
    for (let t = 0; t < 30; t++) {
      const x = set(text(t * 100, t * 100 + 40)),
        y = set(text(t * 100 + 20, t * 100 + 60));
      errors.push(estimateJaccard(hasher.signature(x), hasher.signature(y)) - jaccard(x, y));
    }
    expect(Math.abs(errors.reduce((p, q) => p + q) / errors.length)).toBeLessThan(0.05);
    expect(hasher.signature(new Uint32Array(0)).every((v) => v === 0xffffffff)).toBe(true);
  });

  it("is the same under the same seed and differs under another", () => {
    const a = set(text(0, 80));
    expect(new MinHasher(64, 1).signature(a)).toEqual(new MinHasher(64, 1).signature(a));
    expect(new MinHasher(64, 2).signature(a)).not.toEqual(new MinHasher(64, 1).signature(a));
  });
});

describe("LSH banding", () => {
  const hasher = new MinHasher();
  const shareBand = (x: string, y: string) => {
    const a = bandKeys(hasher.signature(set(x))),
      b = bandKeys(hasher.signature(set(y)));
    return a.some((k, i) => b[i] === k);
  };

  it(`(${DEFAULT_BANDING.bands}×${DEFAULT_BANDING.rows}) finds 0.8-similar pairs and not 0.2-similar ones`, () => {
    let found80 = 0,
      found20 = 0;
    for (let t = 0; t < 20; t++) {
      const base = t * 1000;
      const a = text(base, base + 200);
      const at80 = text(base + 22, base + 222); // 178 of 222 words shared: Jaccard ≈ 0.8
      const at20 = text(base + 133, base + 333); // 67 of 333: ≈ 0.2
      expect(jaccard(set(a), set(at80))).toBeCloseTo(0.8, 1);
      expect(jaccard(set(a), set(at20))).toBeCloseTo(0.2, 1);
      if (shareBand(a, at80)) found80++;
      if (shareBand(a, at20)) found20++;
    }
    expect(found80).toBeGreaterThanOrEqual(19);
    expect(found20).toBeLessThanOrEqual(1);
  });

  it("refuses a banding longer than the signature", () => {
    expect(() => bandKeys(new Uint32Array(64), { bands: 13, rows: 5 })).toThrow(RangeError);
  });
});
