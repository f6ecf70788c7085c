import { describe, expect, it } from "vitest";
import { SalaryEstimator, type SalaryModel } from "./model";
import { syntheticAds } from "./test-ads";
import { trainSalaryModel } from "./train";

const model = await trainSalaryModel(() => syntheticAds(600, 1), { features: { hashBits: 16 }, epochs: 8 });
const estimator = new SalaryEstimator(model);
const ad = {
  title: "Senior Software Developer",
  description: "Senior Software Developer required. Our client is looking for an experienced person.",
  category: "Other/General Jobs",
  contractType: "full_time",
  contractTime: "permanent",
  source: "example.co.uk",
  locationPath: "UK~London~Central London~The City",
};

describe("SalaryEstimator.estimate", () => {
  it("gives whole pounds with the interval around the estimate", () => {
    const e = estimator.estimate(ad);
    expect(Number.isInteger(e.salary)).toBe(true);
    expect(e.low).toBeLessThan(e.salary);
    expect(e.high).toBeGreaterThan(e.salary);
    expect(e.coverage).toBe(0.8);
    expect(e.salary).toBe(Math.round(Math.exp(e.logSalary)));
    expect(Math.log(e.high / e.salary)).toBeCloseTo(model.interval.logHalfWidth, 3);
  });

  it("refuses weights that do not match the hash size", () => {
    const broken: SalaryModel = { ...model, weights: new Float32Array(10) };
    expect(() => new SalaryEstimator(broken)).toThrow(/hashBits/);
  });
});

describe("SalaryEstimator.explain", () => {
  const why = estimator.explain(ad, 5);

  it("has contributions that, with the bias, add up to the estimate in log space", () => {
    const total = why.bias + why.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(total).toBeCloseTo(why.estimate.logSalary, 9);
    expect(why.estimate).toEqual(estimator.estimate(ad));
  });

  it("names the words and fields that pushed it up and down, biggest first", () => {
    expect(why.up.length).toBeGreaterThan(0);
    expect(why.up.length).toBeLessThanOrEqual(5);
    const upTexts = why.up.map((c) => `${c.field}: ${c.text}`);
    // A senior developer in London: "senior" / "developer" / London are among the reasons it is high.
    expect(upTexts.some((t) => /senior|developer|software/.test(t))).toBe(true);
    for (let i = 1; i < why.up.length; i++) expect(why.up[i].contribution).toBeLessThanOrEqual(why.up[i - 1].contribution);
    for (let i = 1; i < why.down.length; i++) expect(why.down[i].contribution).toBeGreaterThanOrEqual(why.down[i - 1].contribution);
    expect(why.down.every((c) => c.contribution < 0)).toBe(true);
  });

  it("groups a word's features under one readable label per field", () => {
    const labels = why.contributions.map((c) => `${c.field}\u0000${c.text}`);
    expect(new Set(labels).size).toBe(labels.length);
    expect(why.contributions.some((c) => c.field === "location" && c.text === "London")).toBe(true);
    expect(why.contributions.some((c) => c.field === "title" && c.text === "software developer")).toBe(true);
  });
});
