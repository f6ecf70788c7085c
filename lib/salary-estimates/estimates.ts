// Estimates stored per ad: every ad without a real salary gets the adopted model's estimate and
// interval; an ad with a real salary holds none (an estimate never stands in for a real salary).
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { execute, Sql } from "@/lib/db/sql";
import { SalaryEstimator } from "@/lib/salary/model";
import type { SalaryModel } from "@/lib/salary/model";
import { deserialiseModel } from "@/lib/salary/serialise";
import { readAds } from "./rows";
import { typedValues } from "./sql-values";

const WRITE_BATCH = 1000;

/** Clears estimates from ads that have a real salary (an import or an admin gave them one). */
export function clearEstimatesOfSalariedAds(db: Db, dialect: Dialect): Promise<number> {
  return execute(
    db,
    Sql.of(
      `UPDATE "Ad" SET "salaryEstimate" = NULL, "salaryEstimateLow" = NULL, "salaryEstimateHigh" = NULL, "salaryModelId" = NULL WHERE "salaryAnnual" IS NOT NULL AND "salaryEstimate" IS NOT NULL`,
    ),
    dialect,
  );
}

/**
 * Estimates the ads without a real salary with `model` (stored as `modelId`). `onlyMissing`: just
 * those without an estimate from this model (after an import); else every one (a model adopted).
 */
export async function estimateAds(
  db: Db,
  dialect: Dialect,
  model: SalaryModel,
  modelId: number,
  opts: { onlyMissing?: boolean; onProgress?: (done: number) => void; adId?: number } = {},
): Promise<number> {
  const estimator = new SalaryEstimator(model);
  let batch: [number, number, number, number, number][] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    await writeEstimates(db, dialect, batch);
    done += batch.length;
    batch = [];
    opts.onProgress?.(done);
  };
  const also = opts.adId !== undefined ? Sql.of(`a."id" = ?`, opts.adId) : opts.onlyMissing ? Sql.of(`(a."salaryModelId" IS NULL OR a."salaryModelId" <> ?)`, modelId) : undefined;
  for await (const ad of readAds(db, "unsalaried", dialect, also)) {
    const e = estimator.estimate(ad);
    batch.push([ad.id, e.salary, e.low, e.high, modelId]);
    if (batch.length >= WRITE_BATCH) await flush();
  }
  await flush();
  if (opts.adId === undefined) await clearEstimatesOfSalariedAds(db, dialect);
  return done;
}

/**
 * Estimates one ad now with the adopted model, if it has no real salary (an admin cleared it, or
 * changed what the estimate reads): the page shows a fresh estimate at once, not after the next
 * training. Returns whether it was estimated.
 */
export async function estimateAdNow(db: Db, dialect: Dialect, adId: number): Promise<boolean> {
  const adopted = await db.salaryModel.findFirst({ where: { adopted: true }, select: { id: true, bytes: true } });
  if (!adopted?.bytes) return false;
  return (await estimateAds(db, dialect, deserialiseModel(adopted.bytes), adopted.id, { adId })) > 0;
}

async function writeEstimates(db: Db, dialect: Dialect, rows: [number, number, number, number, number][]): Promise<void> {
  // The salary check in the WHERE: an ad given a real salary meanwhile keeps no estimate.
  const statement =
    dialect === "postgres"
      ? Sql.of(`UPDATE "Ad" a SET "salaryEstimate" = v.e, "salaryEstimateLow" = v.lo, "salaryEstimateHigh" = v.hi, "salaryModelId" = v.m FROM (VALUES `)
          .append(typedValues(dialect, rows, ["int", "int", "int", "int", "int"]))
          .append(`) AS v(id, e, lo, hi, m) WHERE a."id" = v.id AND a."salaryAnnual" IS NULL`)
      : Sql.of(`UPDATE "Ad" SET "salaryEstimate" = v.column2, "salaryEstimateLow" = v.column3, "salaryEstimateHigh" = v.column4, "salaryModelId" = v.column5 FROM (VALUES `)
          .append(typedValues(dialect, rows, ["int", "int", "int", "int", "int"]))
          .append(`) AS v WHERE "Ad"."id" = v.column1 AND "Ad"."salaryAnnual" IS NULL`);
  await execute(db, statement, dialect);
}
