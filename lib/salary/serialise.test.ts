import { describe, expect, it } from "vitest";
import { SalaryEstimator } from "./model";
import { deserialiseModel, serialiseModel } from "./serialise";
import { syntheticAds } from "./test-ads";
import { trainSalaryModel } from "./train";

const model = await trainSalaryModel(() => syntheticAds(300, 3), { features: { hashBits: 16 }, epochs: 3, now: () => new Date("2026-02-03T04:05:06Z") });

describe("serialiseModel / deserialiseModel", () => {
  it("round-trips a model: same metadata, same weights, same estimates", () => {
    const bytes = serialiseModel(model);
    const back = deserialiseModel(bytes);
    const { weights, ...meta } = back;
    const { weights: original, ...originalMeta } = model;
    expect(meta).toEqual(originalMeta);
    expect(weights).toEqual(original);
    const ad = syntheticAds(1, 9)[0];
    expect(new SalaryEstimator(back).estimate(ad)).toEqual(new SalaryEstimator(model).estimate(ad));
  });

  it("stores few non-zero weights as index/value pairs, many as a dense array", () => {
    const sparse = serialiseModel(model);
    expect(sparse.length).toBeLessThan(model.weights.length * 4);
    const dense = { ...model, weights: model.weights.map((_, i) => (i % 7) + 1) };
    const bytes = serialiseModel(dense);
    expect(bytes.length).toBeGreaterThan(dense.weights.length * 4);
    expect(deserialiseModel(bytes).weights).toEqual(dense.weights);
  });

  it("reads a model from any byte offset (a Buffer sliced out of a database row)", () => {
    const bytes = serialiseModel(model);
    const padded = Buffer.concat([Buffer.from("xyz"), bytes]);
    expect(deserialiseModel(padded.subarray(3)).weights).toEqual(model.weights);
  });

  it("refuses bytes that are not a whole model of a known format", () => {
    const bytes = serialiseModel(model);
    expect(() => deserialiseModel(Buffer.from("hello world, not a model"))).toThrow(/not a salary model/);
    expect(() => deserialiseModel(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
    const future = Buffer.from(bytes);
    const at = future.indexOf('"formatVersion":1');
    future.write('"formatVersion":9', at);
    expect(() => deserialiseModel(future)).toThrow(/format 9/);
  });

  it("refuses to write a model with numbers JSON cannot hold", () => {
    expect(() => serialiseModel({ ...model, measured: { mae: NaN } })).toThrow(/measured.mae/);
  });
});
