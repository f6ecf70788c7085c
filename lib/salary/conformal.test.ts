import { describe, expect, it } from "vitest";
import { conformalQuantile, intervalCoverage } from "./conformal";
import { median } from "./metrics";

describe("conformalQuantile", () => {
  it("takes the ⌈(n+1)·c⌉-th smallest score", () => {
    const scores = [5, 1, 4, 2, 3, 9, 7, 8, 6, 10]; // 1..10
    expect(conformalQuantile(scores, 0.8)).toBe(9); // ⌈11 × 0.8⌉ = 9
    expect(conformalQuantile(scores, 0.5)).toBe(6); // ⌈5.5⌉ = 6
  });

  it("is infinite when there are too few scores for the coverage", () => {
    expect(conformalQuantile([1, 2, 3], 0.8)).toBe(Infinity); // ⌈3.2⌉ = 4 > 3
    expect(() => conformalQuantile([1], 1)).toThrow(/coverage/);
  });
});

describe("intervalCoverage and median", () => {
  it("count inclusive bounds and take the middle", () => {
    expect(intervalCoverage([1, 2, 3, 4], [1, 0, 0, 5], [1, 3, 2, 6])).toBe(0.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
