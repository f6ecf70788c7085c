import { describe, expect, it } from "vitest";
import { CategoryRegionMedian } from "./baseline";

const nursing = "Healthcare & Nursing Jobs";
const it_ = "IT Jobs";
const baseline = new CategoryRegionMedian([
  { category: nursing, region: "London", salary: 30_000 },
  { category: nursing, region: "London", salary: 32_000 },
  { category: nursing, region: "London", salary: 40_000 },
  { category: nursing, region: "Scotland", salary: 20_000 },
  { category: nursing, region: "Scotland", salary: 22_000 },
  { category: it_, region: "London", salary: 60_000 },
]);

describe("CategoryRegionMedian", () => {
  it("uses the median of the same category and region when at least 3 ads share them", () => {
    expect(baseline.predict(nursing, "London")).toBe(32_000);
  });

  it("falls back to the category alone when fewer than 3 share the region", () => {
    expect(baseline.predict(nursing, "Scotland")).toBe(30_000); // median of all five nursing ads
    expect(baseline.predict(nursing, null)).toBe(30_000);
  });

  it("falls back to every ad for an unknown category", () => {
    expect(baseline.predict("Legal Jobs", "London")).toBe(31_000);
  });
});
