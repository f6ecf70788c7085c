import { describe, expect, it } from "vitest";
import { groupedFolds } from "./folds";

describe("groupedFolds", () => {
  const groups = Array.from({ length: 1000 }, (_, i) => (i < 300 ? Math.floor(i / 10) : i)); // 30 groups of 10, 700 singletons

  it("keeps every group in one fold", () => {
    const folds = groupedFolds(groups, 5, 1);
    const foldOfGroup = new Map<number, number>();
    groups.forEach((g, i) => {
      if (!foldOfGroup.has(g)) foldOfGroup.set(g, folds[i]);
      expect(folds[i]).toBe(foldOfGroup.get(g));
    });
  });

  it("makes folds of near-equal size", () => {
    const sizes = [0, 0, 0, 0, 0];
    for (const f of groupedFolds(groups, 5, 1)) sizes[f]++;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("is the same for the same seed, different for another", () => {
    expect(groupedFolds(groups, 5, 7)).toEqual(groupedFolds(groups, 5, 7));
    expect(groupedFolds(groups, 5, 7)).not.toEqual(groupedFolds(groups, 5, 8));
  });

  it("takes string ids too, and refuses fewer than two folds", () => {
    expect(Array.from(groupedFolds(["a", "a", "b"], 2, 1)).slice(0, 2)).toEqual(Array(2).fill(groupedFolds(["a", "a", "b"], 2, 1)[0]));
    expect(() => groupedFolds([1, 2], 1)).toThrow(/k must be/);
  });
});
