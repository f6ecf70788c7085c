// Why an ad's estimate is what it is, for the ad page: the model that made it (kept in memory per
// process, by id: a model is never changed once stored) run again over the ad with its explanation.
import { getDb, type Db } from "@/lib/db/client";
import { dialectOfDb } from "@/lib/db/dialect";
import { SalaryEstimator, type Contribution } from "@/lib/salary/model";
import { deserialiseModel } from "@/lib/salary/serialise";
import { readAd } from "./rows";

const FIELD_LABELS: Record<Contribution["field"], string> = {
  title: "title word",
  description: "description word",
  category: "category",
  "contract type": "contract type",
  "contract time": "contract time",
  source: "source",
  company: "company",
  location: "place",
};

export type ExplainedPart = { field: string; text: string; /** e.g. +0.12: the estimate × 1.12 */ effect: number };
export type AdEstimateExplanation = {
  salary: number;
  low: number;
  high: number;
  coverage: number;
  up: ExplainedPart[];
  down: ExplainedPart[];
  model: { id: number; trainedAt: Date | null; adsUsed: number };
};

const estimators = new Map<number, Promise<SalaryEstimator | null>>();

function estimatorFor(db: Db, id: number): Promise<SalaryEstimator | null> {
  let e = estimators.get(id);
  if (!e) {
    e = db.salaryModel
      .findUnique({ where: { id }, select: { bytes: true } })
      .then((r) => (r?.bytes ? new SalaryEstimator(deserialiseModel(r.bytes)) : null))
      .catch((err) => {
        estimators.delete(id);
        throw err;
      });
    // Two models at most (the adopted one and the one before): each holds ~4 MB of weights.
    if (estimators.size >= 2) estimators.delete(estimators.keys().next().value!);
    estimators.set(id, e);
  }
  return e;
}

const part = (c: Contribution): ExplainedPart => ({
  field: FIELD_LABELS[c.field] ?? c.field,
  text: c.text === "(none)" ? "not stated" : c.text,
  effect: Math.exp(c.contribution) - 1,
});

/** The explanation of ad `adId`'s estimate by model `modelId`; null when either is gone. */
export async function explainAdEstimate(adId: number, modelId: number, db: Db = getDb()): Promise<AdEstimateExplanation | null> {
  const [estimator, ad, model] = await Promise.all([
    estimatorFor(db, modelId),
    readAd(db, adId, dialectOfDb(db)),
    db.salaryModel.findUnique({ where: { id: modelId }, select: { id: true, trainedAt: true, adsUsed: true } }),
  ]);
  if (!estimator || !ad || !model) return null;
  const x = estimator.explain(ad, 6);
  return { salary: x.estimate.salary, low: x.estimate.low, high: x.estimate.high, coverage: x.estimate.coverage, up: x.up.map(part), down: x.down.map(part), model };
}
