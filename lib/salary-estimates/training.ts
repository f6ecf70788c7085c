// One training run, end to end, in the trainer's own process (scripts/train-salary.ts; tests call
// it directly): find places in the text of ads without one, measure the model by grouped 5-fold
// cross-validation against the category+region median baseline, train the model on every ad with
// a real salary, store it with its figures, estimate every ad without a salary, and adopt it.
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { recordChange } from "@/lib/events/record-change";
import { CategoryRegionMedian } from "@/lib/salary/baseline";
import { intervalCoverage } from "@/lib/salary/conformal";
import { regionOf } from "@/lib/salary/features";
import { groupedFolds } from "@/lib/salary/folds";
import { absoluteErrors, mean, median } from "@/lib/salary/metrics";
import { SalaryEstimator, type SalaryModel } from "@/lib/salary/model";
import { serialiseModel } from "@/lib/salary/serialise";
import { DEFAULT_TRAINING, isUsableSalary, trainSalaryModel, type TrainingRow } from "@/lib/salary/train";
import { estimateAds } from "./estimates";
import { duplicateGroupsOf } from "./groups";
import { countAds, countUsableSalaries, readAds, type AdRow } from "./rows";
import { fillTextLocations } from "./text-locations";

/** Fewer ads with a real salary than this and there is nothing to learn from. */
export const MIN_TRAINING_ADS = 30;
/** Cross-validation reads at most this many ads (an even spread by id) into memory. */
export const CV_MAX_ADS = 8000;
export const CV_FOLDS = 5;

export type CategoryMeasure = { category: string; ads: number; mae: number; baselineMae: number; coverage: number };
export type SalaryMeasures = {
  cvAds: number;
  folds: number;
  groups: number;
  mae: number;
  medianError: number;
  baselineMae: number;
  baselineMedianError: number;
  coverage: number;
  intervalCoverage: number;
  byCategory: CategoryMeasure[];
  textLocationsFound: number;
  trainSeconds: number;
};

export type Report = (progress: number, phase: string) => Promise<void> | void;

type Row = TrainingRow & { id: number; region: string | null; duplicateGroupId: number | null };

const toRow = (a: AdRow): Row => ({ ...a, salary: a.salary!, region: regionOf(a.locationPath) });

function fitsPerTraining(rows: number): number {
  const epochs = Math.min(20, Math.max(1, Math.ceil(DEFAULT_TRAINING.targetSteps / rows)));
  const calibrationFits = rows <= DEFAULT_TRAINING.crossMaxRows ? DEFAULT_TRAINING.crossFolds : 0;
  return epochs * (calibrationFits + 1);
}

/** Grouped k-fold cross-validation of the model and the baseline on `rows`. */
export async function crossValidate(
  rows: Row[],
  report: (share: number) => Promise<void> | void,
): Promise<Omit<SalaryMeasures, "textLocationsFound" | "trainSeconds" | "intervalCoverage">> {
  const groups = duplicateGroupsOf(rows);
  const folds = groupedFolds(groups, CV_FOLDS, 1);
  const n = rows.length;
  const actual = Float64Array.from(rows, (r) => r.salary);
  const model = new Float64Array(n);
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  const baseline = new Float64Array(n);
  let fits = 0;
  const perFold = fitsPerTraining(Math.round((n * (CV_FOLDS - 1)) / CV_FOLDS));
  for (let f = 0; f < CV_FOLDS; f++) {
    const train = rows.flatMap((r, i) => (folds[i] === f ? [] : [{ ...r, group: groups[i] }]));
    if (!train.length) continue;
    const m = await trainSalaryModel(() => train, { seed: 1, onProgress: () => report(Math.min(1, ++fits / (perFold * CV_FOLDS))) });
    const estimator = new SalaryEstimator(m);
    const base = new CategoryRegionMedian(train);
    rows.forEach((r, i) => {
      if (folds[i] !== f) return;
      const e = estimator.estimate(r);
      model[i] = e.salary;
      low[i] = e.low;
      high[i] = e.high;
      baseline[i] = base.predict(r.category, r.region);
    });
  }
  const me = absoluteErrors(actual, model);
  const be = absoluteErrors(actual, baseline);
  const byCat = new Map<string, number[]>();
  rows.forEach((r, i) => byCat.set(r.category ?? "(none)", [...(byCat.get(r.category ?? "(none)") ?? []), i]));
  const byCategory = [...byCat]
    .filter(([, idx]) => idx.length >= 10)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([category, idx]) => {
      const pick = (xs: Float64Array) => idx.map((i) => xs[i]);
      return {
        category,
        ads: idx.length,
        mae: Math.round(mean(absoluteErrors(pick(actual), pick(model)))),
        baselineMae: Math.round(mean(absoluteErrors(pick(actual), pick(baseline)))),
        coverage: intervalCoverage(pick(actual), pick(low), pick(high)),
      };
    });
  return {
    cvAds: n,
    folds: CV_FOLDS,
    groups: new Set(groups).size,
    mae: Math.round(mean(me)),
    medianError: Math.round(median(me)),
    baselineMae: Math.round(mean(be)),
    baselineMedianError: Math.round(median(be)),
    coverage: intervalCoverage(actual, low, high),
    byCategory,
  };
}

/** Trains, measures, stores, estimates and adopts model `modelId` (a SalaryModel row in TRAINING). */
export async function runTraining(db: Db, dialect: Dialect, modelId: number, report: Report = () => {}): Promise<{ model: SalaryModel; estimated: number }> {
  const started = performance.now();
  await report(1, "Finding places in the text of ads without a location");
  const places = await fillTextLocations(db, dialect);

  const total = await countAds(db, "real", dialect);
  if (total < MIN_TRAINING_ADS) throw new Error(`${total} ads have a real salary; the model needs at least ${MIN_TRAINING_ADS}`);

  // An even spread of at most CV_MAX_ADS ads, in memory, for cross-validation.
  await report(5, "Reading the ads with a salary");
  const every = Math.ceil(total / CV_MAX_ADS);
  const sample: Row[] = [];
  let k = 0;
  for await (const a of readAds(db, "real", dialect)) if (k++ % every === 0 && isUsableSalary(a.salary!)) sample.push(toRow(a));
  const cv = await crossValidate(sample, (share) =>
    report(10 + Math.round(50 * share), `Cross-validating (${CV_FOLDS} folds grouped by near-duplicates, ${sample.length.toLocaleString("en-GB")} ads)`),
  );

  // The model itself, on every ad with a real salary (in memory when the sample is all of them).
  let fits = 0;
  const allInMemory = every === 1;
  const groups = allInMemory ? duplicateGroupsOf(sample) : null;
  const memoryRows = allInMemory ? sample.map((r, i) => ({ ...r, group: groups![i] })) : null;
  const source = memoryRows
    ? () => memoryRows
    : async function* () {
        for await (const a of readAds(db, "real", dialect)) if (isUsableSalary(a.salary!)) yield toRow(a);
      };
  // The database counted them (the same rows the stream yields): no counting pass over 250,000 ads.
  const rowCount = memoryRows ? memoryRows.length : await countUsableSalaries(db, dialect);
  const expected = fitsPerTraining(rowCount ?? total);
  const model = await trainSalaryModel(source, {
    seed: 1,
    rowCount,
    onProgress: () => report(60 + Math.round((25 * Math.min(++fits, expected)) / expected), `Training on ${total.toLocaleString("en-GB")} ads`),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const measures: SalaryMeasures = { ...cv, intervalCoverage: model.interval.coverage, textLocationsFound: places.found, trainSeconds: Math.round(trainSeconds * 10) / 10 };
  const bytes = serialiseModel(model);
  await db.salaryModel.update({
    where: { id: modelId },
    data: {
      formatVersion: model.formatVersion,
      trainedAt: new Date(model.trainedAt),
      // Every ad with a real salary the run read (fitted on, or held out to calibrate the interval on
      // large data): what the after-import check compares the ads with a salary against.
      adsUsed: rowCount,
      measures: JSON.stringify(measures),
      bytes: new Uint8Array(bytes),
      byteSize: bytes.length,
    },
  });

  await report(86, "Estimating the ads without a salary");
  const unsalaried = await countAds(db, "unsalaried", dialect);
  const estimated = await estimateAds(db, dialect, model, modelId, {
    onProgress: (done) => report(86 + Math.round((13 * done) / Math.max(1, unsalaried)), "Estimating the ads without a salary"),
  });

  await db.$transaction(async (tx) => {
    await tx.salaryModel.updateMany({ where: { adopted: true, id: { not: modelId } }, data: { adopted: false } });
    await tx.salaryModel.update({ where: { id: modelId }, data: { adopted: true, status: "READY", progress: 100, phase: null, adsEstimated: estimated, heartbeatAt: new Date() } });
    await recordChange(tx, {
      action: "salary.adopt",
      actorId: null,
      entityId: modelId,
      changes: { adsUsed: rowCount, adsEstimated: estimated, mae: cv.mae, baselineMae: cv.baselineMae },
    });
  });
  return { model, estimated };
}
