import { describe, expect, it } from "vitest";
import { conformalByClass, conformalQuantile, intervalCoverage, OTHER_CLASS } from "./conformal";
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

describe("conformalByClass (Mondrian)", () => {
  // Seeded uniform errors: nurses' within ±0.1, rarer IT ads' within ±0.5, two tiny classes.
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const draw = (cls: string, scale: number, n: number) => Array.from({ length: n }, () => ({ cls, score: rand() * scale }));
  const calibration = [...draw("nurse", 0.1, 900), ...draw("it", 0.5, 100), ...draw("travel", 0.3, 25), ...draw("retail", 0.3, 25)];
  const test = [...draw("nurse", 0.1, 9000), ...draw("it", 0.5, 1000), ...draw("travel", 0.3, 250), ...draw("retail", 0.3, 250)];
  const coverageOf = (width: (cls: string) => number, cls: string) => {
    const rows = test.filter((r) => r.cls === cls);
    return rows.filter((r) => r.score <= width(cls)).length / rows.length;
  };

  it("covers each class as intended where one overall width fails the rarer, harder ones", () => {
    const scores = calibration.map((r) => r.score);
    const overall = conformalQuantile(scores, 0.8);
    const byClass = conformalByClass(
      scores,
      calibration.map((r) => r.cls),
      0.8,
      40,
      overall,
    );
    expect(coverageOf(() => overall, "it")).toBeLessThan(0.4);
    for (const cls of ["nurse", "it", "travel", "retail"]) {
      expect(coverageOf((c) => byClass[c], cls)).toBeGreaterThan(0.74);
      expect(coverageOf((c) => byClass[c], cls)).toBeLessThan(0.9);
    }
    // The two small classes (25 each) share the width of their pooled 50 scores; so does an unseen class.
    expect(byClass.travel).toBe(byClass.retail);
    expect(byClass[OTHER_CLASS]).toBe(byClass.travel);
    expect(byClass.travel).toBe(
      conformalQuantile(
        calibration.filter((r) => r.cls === "travel" || r.cls === "retail").map((r) => r.score),
        0.8,
      ),
    );
  });

  it("falls back to the overall width when even the pooled small classes are too few", () => {
    const byClass = conformalByClass([0.1, 0.2, 0.3], ["a", "b", "c"], 0.8, 40, 0.25);
    expect(byClass).toEqual({ a: 0.25, b: 0.25, c: 0.25, [OTHER_CLASS]: 0.25 });
  });
});
