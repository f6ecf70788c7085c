import { describe, expect, it } from "vitest";
import { quantile, summarise } from "./insights";
import { estimateLabel, estimateText, shortPounds } from "./format";

describe("salary insights", () => {
  it("takes quantiles between neighbours", () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("gives median and quartiles per category × region, leaving out groups of fewer than three ads, most ads first", () => {
    const rows = [
      ...[20, 22, 24, 26, 28].map((k) => ({ category: "Nursing", regionId: 1, salary: k * 1000 })),
      ...[30, 40, 50].map((k) => ({ category: "IT", regionId: 2, salary: k * 1000 })),
      { category: "IT", regionId: 1, salary: 99_000 },
    ];
    const out = summarise(rows, (id) => (id === 1 ? "Yorkshire" : "London"));
    expect(out).toEqual([
      { category: "Nursing", regionId: 1, region: "Yorkshire", ads: 5, median: 24_000, q1: 22_000, q3: 26_000 },
      { category: "IT", regionId: 2, region: "London", ads: 3, median: 40_000, q1: 35_000, q3: 45_000 },
    ]);
  });
});

describe("how an estimate is written", () => {
  it("is marked as an estimate, short in the table and in full for screen readers", () => {
    expect(shortPounds(23_600)).toBe("£24k");
    expect(estimateText({ low: 23_600, high: 31_200 })).toBe("est. £24k–£31k");
    expect(estimateLabel({ salary: 27_000, low: 23_600, high: 31_200 })).toBe("Estimated salary, not stated in the ad: about £27,000 a year, 80% range £23,600 to £31,200");
  });
});
