import { describe, expect, it } from "vitest";
import { SalaryEstimator } from "./model";
import { serialiseModel } from "./serialise";
import { syntheticAds } from "./test-ads";
import { AdaGradLearner, groupFolds, trainSalaryModel, type TrainOptions, type TrainingRow } from "./train";

const SMALL: TrainOptions = { features: { hashBits: 16 }, now: () => new Date("2026-01-01T00:00:00Z") };
const train = syntheticAds(600, 1);
const fresh = syntheticAds(1000, 2);
const model = await trainSalaryModel(() => train, SMALL);
const estimator = new SalaryEstimator(model);

describe("trainSalaryModel", () => {
  it("learns the salary structure: fresh ads within a few per cent, seniority and London paying more", () => {
    const relErrors = fresh.map((ad) => Math.abs(estimator.estimate(ad).salary / ad.salary - 1)).sort((a, b) => a - b);
    expect(relErrors[relErrors.length >> 1]).toBeLessThan(0.1); // the noise alone is ~7% (median |N(0, 0.1)|)
    const nurse = { title: "Staff Nurse", description: "Staff Nurse required.", locationPath: "UK~Scotland~Glasgow" };
    const base = estimator.estimate(nurse).salary;
    expect(estimator.estimate({ ...nurse, title: "Senior Staff Nurse" }).salary).toBeGreaterThan(base * 1.15);
    expect(estimator.estimate({ ...nurse, locationPath: "UK~London~East London~Mile End" }).salary).toBeGreaterThan(base * 1.1);
  });

  it("calibrates an 80% interval that covers about 80% of fresh ads", () => {
    expect(model.interval.coverage).toBe(0.8);
    const inside = fresh.filter((ad) => {
      const e = estimator.estimate(ad);
      return ad.salary >= e.low && ad.salary <= e.high;
    }).length;
    expect(inside / fresh.length).toBeGreaterThan(0.74);
    expect(inside / fresh.length).toBeLessThan(0.88);
  });

  it("records how it was trained: small data is cross-calibrated, every row then trains the final model", () => {
    expect(model.trainingAds).toBe(600);
    expect(model.calibrationAds).toBe(600);
    expect(model.training).toMatchObject({ calibration: "cross", calibrationFolds: 5, epochs: 20 });
    expect(model.trainedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(model.measured.calibrationMae).toBeGreaterThan(0);
  });

  it("holds out a share of the groups instead when told to (large data)", async () => {
    const m = await trainSalaryModel(() => train, { ...SMALL, calibration: "split", calibrationShare: 0.2, epochs: 3 });
    expect(m.training.calibration).toBe("split");
    expect(m.calibrationAds + m.trainingAds).toBe(600);
    expect(m.calibrationAds).toBeGreaterThan(80);
    expect(m.calibrationAds).toBeLessThan(160);
  });

  it("is the same model for the same seed and rows, read from an async stream or an array", async () => {
    async function* stream() {
      for (const row of train) yield row;
    }
    const again = await trainSalaryModel(stream, SMALL);
    expect(serialiseModel(again).equals(serialiseModel(model))).toBe(true);
    const other = await trainSalaryModel(() => train, { ...SMALL, seed: 2 });
    expect(serialiseModel(other).equals(serialiseModel(model))).toBe(false);
  });

  it("skips rows without a usable salary", async () => {
    const rows: TrainingRow[] = [...train.slice(0, 200), { ...train[0], salary: NaN }, { ...train[0], salary: 0 }, { ...train[0], salary: 5_000_000 }];
    const m = await trainSalaryModel(() => rows, { ...SMALL, epochs: 2 });
    expect(m.trainingAds).toBe(200);
  });

  it("keeps a group on one side of the calibration split", () => {
    const foldOf = groupFolds(5, 1);
    const a = foldOf({ ...train[0], group: "job-17" }, 0);
    expect(foldOf({ ...train[1], group: "job-17" }, 99)).toBe(a);
    const seen = new Set(Array.from({ length: 200 }, (_, i) => foldOf({ ...train[0], group: i }, 0)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("says why it cannot train", async () => {
    await expect(trainSalaryModel(() => [], SMALL)).rejects.toThrow(/no rows/);
    await expect(trainSalaryModel(() => train, { ...SMALL, coverage: 1 })).rejects.toThrow(/coverage/);
    await expect(trainSalaryModel(() => train, { ...SMALL, epochs: 0 })).rejects.toThrow(/epochs/);
    await expect(trainSalaryModel(() => train.slice(0, 3), { ...SMALL, epochs: 1 })).rejects.toThrow(/too few/);
  });
});

describe("AdaGradLearner", () => {
  const x = (...idx: number[]) => [Int32Array.from(idx), Float32Array.from(idx, () => 1), idx.length] as const;

  it("moves towards the target and, without decay or averaging, holds its last weights", () => {
    const l = new AdaGradLearner(8, 0.5, 0, 10);
    for (let i = 0; i < 200; i++) {
      l.step(...x(1), 2);
      l.step(...x(2), 0);
    }
    const { bias, weights } = l.result();
    expect(bias + weights[1]).toBeCloseTo(2, 2);
    expect(bias + weights[2]).toBeCloseTo(0, 2);
  });

  it("decays a weight nobody uses any more (L2 reaches every weight, not only the touched ones)", () => {
    const l = new AdaGradLearner(8, 0.5, 0.01, 10);
    for (let i = 0; i < 50; i++) {
      l.step(...x(3), 1);
      l.step(...x(4), -1);
    }
    const before = l.result().weights[3];
    for (let i = 0; i < 2000; i++) l.step(...x(4), -1);
    const after = l.result().weights[3];
    expect(before).toBeGreaterThan(0.5);
    expect(after).toBeLessThan(before / 2);
    expect(after).toBeGreaterThanOrEqual(0);
  });

  it("averages the weights over every step since averaging began, including steps a weight sat out", () => {
    const plain = new AdaGradLearner(8, 0.8, 0, 10);
    const averaged = new AdaGradLearner(8, 0.8, 0, 10);
    averaged.startAveraging();
    const held: number[][] = [[], []];
    for (let i = 0; i < 30; i++) {
      const row = i % 3 === 0 ? x(1, 2) : x(2);
      const y = i % 2 ? 3 : -1;
      plain.step(...row, y);
      averaged.step(...row, y);
      const w = plain.result().weights;
      held[0].push(w[1]);
      held[1].push(w[2]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const { weights } = averaged.result();
    expect(weights[1]).toBeCloseTo(mean(held[0]), 5);
    expect(weights[2]).toBeCloseTo(mean(held[1]), 5);
  });
});
