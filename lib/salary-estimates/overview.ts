// What Admin → Salary model shows: the adopted model and its measured figures, the training in
// progress (or the last one that failed), and how many ads have a real salary or an estimate.
import { getDb, type Db } from "@/lib/db/client";
import { REAL_SALARY_SOURCES } from "@/lib/ads/fields";
import { failStaleTrainings } from "./jobs";
import type { SalaryMeasures } from "./training";

export type TrainingRun = { id: number; status: string; reason: string; progress: number; phase: string | null; message: string | null; createdAt: Date };
export type AdoptedModel = { id: number; trainedAt: Date | null; adsUsed: number; adsEstimated: number; byteSize: number; measures: SalaryMeasures | null };
export type SalaryModelOverview = {
  adopted: AdoptedModel | null;
  run: TrainingRun | null;
  counts: { realSalary: number; estimated: number; withoutSalary: number };
  history: { id: number; trainedAt: Date | null; adsUsed: number; mae: number | null; baselineMae: number | null; adopted: boolean }[];
};

const runSelect = { id: true, status: true, reason: true, progress: true, phase: true, message: true, createdAt: true } as const;

/** The newest training that is waiting, running or failed after the adopted model (null: none). */
export async function currentRun(db: Db = getDb()): Promise<TrainingRun | null> {
  await failStaleTrainings(db);
  const adopted = await db.salaryModel.findFirst({ where: { adopted: true }, select: { id: true } });
  return db.salaryModel.findFirst({
    where: { status: { in: ["QUEUED", "TRAINING", "FAILED"] }, ...(adopted ? { id: { gt: adopted.id } } : {}) },
    orderBy: { id: "desc" },
    select: runSelect,
  });
}

export async function salaryModelOverview(db: Db = getDb()): Promise<SalaryModelOverview> {
  const [adopted, run, realSalary, estimated, withoutSalary, history] = await Promise.all([
    db.salaryModel.findFirst({ where: { adopted: true }, select: { id: true, trainedAt: true, adsUsed: true, adsEstimated: true, byteSize: true, measures: true } }),
    currentRun(db),
    db.ad.count({ where: { salaryAnnual: { not: null }, salarySource: { in: [...REAL_SALARY_SOURCES] } } }),
    db.ad.count({ where: { salaryAnnual: null, salaryEstimate: { not: null } } }),
    db.ad.count({ where: { salaryAnnual: null } }),
    db.salaryModel.findMany({ where: { status: "READY" }, orderBy: { id: "desc" }, take: 5, select: { id: true, trainedAt: true, adsUsed: true, measures: true, adopted: true } }),
  ]);
  return {
    adopted: adopted ? { ...adopted, measures: adopted.measures ? (JSON.parse(adopted.measures) as SalaryMeasures) : null } : null,
    run,
    counts: { realSalary, estimated, withoutSalary },
    history: history.map((h) => {
      const m = h.measures ? (JSON.parse(h.measures) as SalaryMeasures) : null;
      return { id: h.id, trainedAt: h.trainedAt, adsUsed: h.adsUsed, mae: m?.mae ?? null, baselineMae: m?.baselineMae ?? null, adopted: h.adopted };
    }),
  };
}
