// Salary model training as a background job: never on a request. A request (an admin's "Retrain",
// or an import that changed enough ads) adds a QUEUED SalaryModel row and starts
// `scripts/train-salary.ts --job <id>` as a detached process, which waits for its time (imports
// push it on, so a run of imports trains once), for running imports and for any other training,
// then trains with progress on the row (runJob). A job whose heartbeat stops is marked failed.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { getDb, type Db } from "@/lib/db/client";
import { dialectOfDb, type Dialect } from "@/lib/db/dialect";
import { dataDir } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { logger } from "@/lib/log";
import { deserialiseModel } from "@/lib/salary/serialise";
import { estimateAds } from "./estimates";
import { countAds } from "./rows";
import { MIN_TRAINING_ADS, runTraining } from "./training";

/** A job whose heartbeat is older than this has stopped. */
export const STALE_AFTER_MS = 2 * 60_000;
/** After an import, training waits this long for more imports (each pushes it on). */
export const IMPORT_DEBOUNCE_MS = Number(process.env.SALARY_TRAIN_DEBOUNCE_MS ?? 60_000);
/** An import that changes the ads with a real salary by this share of the model's (or 25 ads) retrains. */
export const RETRAIN_SHARE = 0.05;
const RETRAIN_MIN_ADS = 25;

function spawnTrainer(args: string[]) {
  const logs = path.join(dataDir(), "logs");
  mkdirSync(logs, { recursive: true });
  const log = openSync(path.join(logs, "salary-training.log"), "a");
  const child = spawn(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "scripts/train-salary.ts", ...args], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", log, log],
    env: process.env,
  });
  child.on("error", (e) => logger.error("could not start salary training", { error: e }));
  child.unref();
  logger.info("salary training started", { args, pid: child.pid });
}

/** Marks stopped jobs failed (their process died: a restart, a kill). */
export async function failStaleTrainings(db: Db = getDb()): Promise<void> {
  await db.salaryModel.updateMany({
    where: { status: { in: ["QUEUED", "TRAINING"] }, heartbeatAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } },
    data: { status: "FAILED", message: "The training process stopped before it finished. Start it again.", phase: null },
  });
}

/** Queues a training (or pushes on the one already waiting); returns its id. */
export async function requestTraining(opts: { reason: "admin" | "import"; userId?: string | null; delayMs?: number; spawnJob?: boolean }, db: Db = getDb()): Promise<number> {
  await failStaleTrainings(db);
  const runAfter = new Date(Date.now() + (opts.delayMs ?? 0));
  const waiting = await db.salaryModel.findFirst({ where: { status: "QUEUED" }, orderBy: { id: "desc" }, select: { id: true, runAfter: true } });
  if (waiting) {
    // An admin's request runs it now; an import's pushes it on.
    await db.salaryModel.update({
      where: { id: waiting.id },
      data: { runAfter: opts.reason === "admin" ? new Date() : runAfter, ...(opts.reason === "admin" ? { reason: "admin", requestedById: opts.userId ?? null } : {}) },
    });
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
  if (opts.spawnJob !== false) spawnTrainer(["--job", String(id)]);
  return id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The job's process: waits its turn (heartbeat meanwhile), claims the row, trains. Returns false
 * when there was nothing to do (another process took it, or it was marked failed).
 */
export async function runJob(db: Db, id: number, opts: { pollMs?: number } = {}): Promise<boolean> {
  const dialect = dialectOfDb(db);
  const poll = opts.pollMs ?? 2000;
  for (;;) {
    const row = await db.salaryModel.findUnique({ where: { id }, select: { status: true, runAfter: true } });
    if (!row || row.status !== "QUEUED") return false;
    const busy =
      // Imports still alive (a stopped one is restarted or left; it must not hold training back forever).
      (await db.import.count({ where: { status: { in: ["QUEUED", "RUNNING"] }, heartbeatAt: { gte: new Date(Date.now() - STALE_AFTER_MS) } } })) > 0 ||
      (await db.salaryModel.count({ where: { status: "TRAINING", id: { not: id }, heartbeatAt: { gte: new Date(Date.now() - STALE_AFTER_MS) } } })) > 0;
    if (row.runAfter.getTime() <= Date.now() && !busy) {
      const { count } = await db.salaryModel.updateMany({ where: { id, status: "QUEUED" }, data: { status: "TRAINING", heartbeatAt: new Date(), progress: 0, phase: "Starting" } });
      if (!count) return false;
      break;
    }
    await db.salaryModel.updateMany({
      where: { id, status: "QUEUED" },
      data: { heartbeatAt: new Date(), phase: busy ? "Waiting for an import or another training to finish" : "Waiting for further imports" },
    });
    await sleep(Math.min(poll, Math.max(50, row.runAfter.getTime() - Date.now())));
  }
  let last = 0;
  const report = async (progress: number, phase: string) => {
    if (Date.now() - last < 500 && progress < 100) return;
    last = Date.now();
    await db.salaryModel.update({ where: { id }, data: { progress, phase, heartbeatAt: new Date() } });
  };
  try {
    await runTraining(db, dialect, id, report);
    return true;
  } catch (e) {
    logger.error("salary training failed", { id, error: e });
    await db.salaryModel.update({ where: { id }, data: { status: "FAILED", phase: null, message: (e as Error).message.slice(0, 500) } });
    return true;
  }
}

/**
 * After an import changed ads: if the ads with a real salary moved enough since the adopted model
 * was trained (or there is none yet), queue a training (debounced); otherwise estimate the new
 * salary-less ads with the adopted model, now.
 */
export async function afterImport(db: Db, opts: { spawnJob?: boolean; delayMs?: number } = {}): Promise<"queued" | "estimated" | "nothing"> {
  const dialect: Dialect = dialectOfDb(db);
  const real = await countAds(db, "real", dialect);
  const adopted = await db.salaryModel.findFirst({ where: { adopted: true }, select: { id: true, adsUsed: true, bytes: true } });
  const threshold = adopted ? Math.max(RETRAIN_MIN_ADS, Math.round(adopted.adsUsed * RETRAIN_SHARE)) : 0;
  if (real >= MIN_TRAINING_ADS && (!adopted || Math.abs(real - adopted.adsUsed) >= threshold)) {
    await requestTraining({ reason: "import", delayMs: opts.delayMs ?? IMPORT_DEBOUNCE_MS, spawnJob: opts.spawnJob }, db);
    return "queued";
  }
  if (!adopted?.bytes) return "nothing";
  const estimated = await estimateAds(db, dialect, deserialiseModel(adopted.bytes), adopted.id, { onlyMissing: true });
  await db.$transaction((tx) => recordChange(tx, { action: "salary.estimate", actorId: null, entityId: adopted.id, changes: { estimated } }));
  return "estimated";
}
