// Rebuilding the near-duplicate groups from the admin page: a background job like an import's
// (lib/jobs) — any server's runner runs `scripts/duplicates-rebuild.ts --job <id>`, which writes its
// progress to the DuplicateRun row the page polls. One at a time; a run whose job ended without
// finishing it (given up, or lost in a restart) no longer blocks a new one.
import { getDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { enqueueJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log";

/** A running job's heartbeat older than this, with no live job behind it, means it stopped. */
export const RUN_STALE_AFTER_MS = 2 * 60_000;

export type DuplicateRunView = { id: string; status: string; done: number; total: number; message: string | null; createdAt: Date; finishedAt: Date | null };

type RunRow = { id: string; status: string; heartbeatAt: Date | null; createdAt: Date };

/** Runs that are still going: their job is queued or running, or (before jobs) their heartbeat is fresh. */
async function liveRuns(db: Pick<Db, "job">, runs: RunRow[]): Promise<Set<string>> {
  const open = runs.filter((r) => r.status === "QUEUED" || r.status === "RUNNING");
  if (!open.length) return new Set();
  const jobs = await db.job.findMany({ where: { kind: "duplicates.rebuild", ref: { in: open.map((r) => r.id) }, status: { in: ["QUEUED", "RUNNING"] } }, select: { ref: true } });
  const withJob = new Set(jobs.map((j) => j.ref));
  return new Set(open.filter((r) => withJob.has(r.id) || Date.now() - (r.heartbeatAt ?? r.createdAt).getTime() < RUN_STALE_AFTER_MS).map((r) => r.id));
}

/** The latest rebuild (a stopped one shows as failed). */
export async function latestRun(db: Db = getDb()): Promise<DuplicateRunView | null> {
  const r = await db.duplicateRun.findFirst({ orderBy: { createdAt: "desc" } });
  if (!r) return null;
  const stopped = (r.status === "QUEUED" || r.status === "RUNNING") && !(await liveRuns(db, [r])).has(r.id);
  return {
    id: r.id,
    status: stopped ? "FAILED" : r.status,
    done: r.done,
    total: r.total,
    message: stopped ? "The rebuild stopped before it finished. Start it again: it picks up safely." : r.message,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

/** Starts a rebuild in the background (recorded in the audit log). */
export async function startRebuild(actorId: string, db: Db = getDb()): Promise<{ id: string }> {
  const run = await db.$transaction(async (tx) => {
    const running = await tx.duplicateRun.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
    if ((await liveRuns(tx, running)).size) throw new UserError("A rebuild is already running.", "CONFLICT");
    const created = await tx.duplicateRun.create({ data: { status: "QUEUED", createdById: actorId, heartbeatAt: new Date() } });
    await recordChange(tx, { action: "duplicates.rebuild", actorId, entityId: created.id });
    return created;
  });
  const jobId = await enqueueJob(db, { kind: "duplicates.rebuild", ref: run.id, key: `duplicates.rebuild:${run.id}` });
  logger.info("duplicates rebuild queued", { runId: run.id, jobId });
  return { id: run.id };
}

/** Numbers for the admin page. */
export async function duplicateStats(db: Db = getDb()) {
  const [groups, inGroups, marks] = await Promise.all([
    db.ad.count({ where: { duplicateGroupId: { not: null }, duplicateCount: { gt: 1 }, id: { equals: db.ad.fields.duplicateGroupId } } }),
    db.ad.count({ where: { duplicateGroupId: { not: null } } }),
    db.duplicateMark.count(),
  ]);
  return { groups, inGroups, marks };
}
