// Salary model training as a background job: never on a request. A request (an admin's "Retrain",
// or an import that changed enough ads) adds a QUEUED SalaryModel row and queues a job (lib/jobs)
// due at its time (imports push it on, so a run of imports trains once); a server's runner then
// runs `scripts/train-salary.ts --job <id>`, which waits for running imports and other trainings
// (asking the runner to try again later), then trains with progress on the row (runJob). A
// training whose server died is taken over by the job's next attempt.
import { getDb, type Db } from "@/lib/db/client";
import { dialectOfDb, type Dialect } from "@/lib/db/dialect";
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { enqueueJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log";
import { deserialiseModel } from "@/lib/salary/serialise";
import { estimateAds } from "./estimates";
import { countAds } from "./rows";
import { MIN_TRAINING_ADS, runTraining } from "./training";

/** A training whose heartbeat is older than this has stopped. */
export const STALE_AFTER_MS = 2 * 60_000;
/** After an import, training waits this long for more imports (each pushes it on). */
export const IMPORT_DEBOUNCE_MS = Number(process.env.SALARY_TRAIN_DEBOUNCE_MS ?? 60_000);
/** An import that changes the ads with a real salary by this share of the model's (or 25 ads) retrains. */
export const RETRAIN_SHARE = 0.05;
const RETRAIN_MIN_ADS = 25;

const trainingJobKey = (id: number) => `salary.train:${id}`;

/** Queues the job that runs model `id` at `runAfter` (once: the key makes a second call a no-op). */
async function queueTrainingJob(db: Db, id: number, runAfter: Date) {
  await enqueueJob(db, { kind: "salary.train", ref: String(id), runAfter, key: trainingJobKey(id) });
  await db.job.updateMany({ where: { key: trainingJobKey(id), status: "QUEUED" }, data: { runAfter } });
}

/** Marks trainings failed whose process stopped mid-way and was not taken over. */
export async function failStaleTrainings(db: Db = getDb()): Promise<void> {
  const stale = await db.salaryModel.findMany({ where: { status: "TRAINING", heartbeatAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } }, select: { id: true } });
  for (const { id } of stale) {
    if (await db.job.count({ where: { key: trainingJobKey(id), status: { in: ["QUEUED", "RUNNING"] } } })) continue; // its job will take it over
    await db.salaryModel.updateMany({
      where: { id, status: "TRAINING" },
      data: { status: "FAILED", message: "The training process stopped before it finished. Start it again.", phase: null },
    });
  }
}

/** Queues a training (or pushes on the one already waiting); returns its id. */
export async function requestTraining(opts: { reason: "admin" | "import"; userId?: string | null; delayMs?: number; queueJob?: boolean }, db: Db = getDb()): Promise<number> {
  await failStaleTrainings(db);
  const runAfter = new Date(Date.now() + (opts.delayMs ?? 0));
  const waiting = await db.salaryModel.findFirst({ where: { status: "QUEUED" }, orderBy: { id: "desc" }, select: { id: true, runAfter: true } });
  if (waiting) {
    // An admin's request runs it now; an import's pushes it on.
    const at = opts.reason === "admin" ? new Date() : runAfter;
    await db.salaryModel.update({
      where: { id: waiting.id },
      data: { runAfter: at, ...(opts.reason === "admin" ? { reason: "admin", requestedById: opts.userId ?? null } : {}) },
    });
    if (opts.queueJob !== false) await queueTrainingJob(db, waiting.id, at);
    return waiting.id;
  }
  if (opts.reason === "admin" && (await db.salaryModel.count({ where: { status: "TRAINING" } }))) {
    throw new UserError("A model is being trained now; its progress is shown below.", "CONFLICT");
  }
  const id = await db.$transaction(async (tx) => {
    const row = await tx.salaryModel.create({
      data: { reason: opts.reason, requestedById: opts.userId ?? null, runAfter, heartbeatAt: new Date(), phase: "Waiting to start" },
      select: { id: true },
    });
    if (opts.reason === "admin") await recordChange(tx, { action: "salary.retrain", actorId: opts.userId ?? null, entityId: row.id });
    return row.id;
  });
  if (opts.queueJob !== false) await queueTrainingJob(db, id, runAfter);
  logger.info("salary training queued", { id, reason: opts.reason });
  return id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The job's process: claims the row when its time has come and no import or other training is
 * running, then trains. Returns "trained" (or failed, recorded on the row), "nothing" (another
 * process took it, or it was cancelled), or "later" with `once` when it is not time yet (the job
 * runner queues it again); without `once` it waits here, beating the heartbeat.
 */
export async function runJob(db: Db, id: number, opts: { pollMs?: number; once?: boolean } = {}): Promise<"trained" | "nothing" | "later"> {
  const dialect = dialectOfDb(db);
  const poll = opts.pollMs ?? 2000;
  for (;;) {
    const row = await db.salaryModel.findUnique({ where: { id }, select: { status: true, runAfter: true, heartbeatAt: true } });
    const stale = new Date(Date.now() - STALE_AFTER_MS);
    // A TRAINING row whose process stopped (its server died) is taken over by the job's next attempt.
    const orphaned = row?.status === "TRAINING" && (!row.heartbeatAt || row.heartbeatAt < stale);
    if (!row || (row.status !== "QUEUED" && !orphaned)) return "nothing";
    const busy =
      // Imports still alive (a stopped one is resumed or given up; it must not hold training back forever).
      (await db.import.count({ where: { status: { in: ["QUEUED", "RUNNING"] }, heartbeatAt: { gte: stale } } })) > 0 ||
      (await db.salaryModel.count({ where: { status: "TRAINING", id: { not: id }, heartbeatAt: { gte: stale } } })) > 0;
    if (row.runAfter.getTime() <= Date.now() && !busy) {
      const { count } = await db.salaryModel.updateMany({
        where: { id, OR: [{ status: "QUEUED" }, { status: "TRAINING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stale } }] }] },
        data: { status: "TRAINING", heartbeatAt: new Date(), progress: 0, phase: "Starting" },
      });
      if (!count) return "nothing";
      break;
    }
    const phase = busy ? "Waiting for an import or another training to finish" : "Waiting for further imports";
    await db.salaryModel.updateMany({ where: { id, status: "QUEUED" }, data: { heartbeatAt: new Date(), phase } });
    if (opts.once) return "later";
    await sleep(Math.min(poll, Math.max(50, row.runAfter.getTime() - Date.now())));
  }
  let last = 0;
  const report = async (progress: number, phase: string) => {
    if (Date.now() - last < 500 && progress < 100) return;
    last = Date.now();
    // Only while training: a progress write that lands after the model was adopted (READY, 100%) is dropped.
    await db.salaryModel.updateMany({ where: { id, status: "TRAINING" }, data: { progress, phase, heartbeatAt: new Date() } });
  };
  try {
    await runTraining(db, dialect, id, report);
    return "trained";
  } catch (e) {
    logger.error("salary training failed", { id, error: e });
    await db.salaryModel.update({ where: { id }, data: { status: "FAILED", phase: null, message: (e as Error).message.slice(0, 500) } });
    return "trained";
  }
}

/**
 * After an import changed ads: if the ads with a real salary moved enough since the adopted model
 * was trained (or there is none yet), queue a training (debounced); otherwise estimate the new
 * salary-less ads with the adopted model, now.
 */
export async function afterImport(db: Db, opts: { queueJob?: boolean; delayMs?: number } = {}): Promise<"queued" | "estimated" | "nothing"> {
  const dialect: Dialect = dialectOfDb(db);
  const real = await countAds(db, "real", dialect);
  const adopted = await db.salaryModel.findFirst({ where: { adopted: true }, select: { id: true, adsUsed: true, bytes: true } });
  const threshold = adopted ? Math.max(RETRAIN_MIN_ADS, Math.round(adopted.adsUsed * RETRAIN_SHARE)) : 0;
  if (real >= MIN_TRAINING_ADS && (!adopted || Math.abs(real - adopted.adsUsed) >= threshold)) {
    await requestTraining({ reason: "import", delayMs: opts.delayMs ?? IMPORT_DEBOUNCE_MS, queueJob: opts.queueJob }, db);
    return "queued";
  }
  if (!adopted?.bytes) return "nothing";
  const estimated = await estimateAds(db, dialect, deserialiseModel(adopted.bytes), adopted.id, { onlyMissing: true });
  await db.$transaction((tx) => recordChange(tx, { action: "salary.estimate", actorId: null, entityId: adopted.id, changes: { estimated } }));
  return "estimated";
}
