// The job queue: background work kept in the database (the Job table), so any app server can run
// it and a job outlives the server that queued it. One interface on both databases:
//   - enqueue: a row (optionally with a unique key, so a second enqueue of the same work is a no-op);
//   - claim: the oldest due QUEUED job, taken atomically. PostgreSQL: FOR UPDATE SKIP LOCKED, so
//     servers claiming at once never wait on or take the same row; SQLite: one writer at a time;
//   - heartbeat while it runs; a RUNNING job whose heartbeat stopped (its server died) is queued
//     again, or failed after maxAttempts;
//   - cancel from any server: a flag the holding server's runner acts on.
// Pure SQL through `Sql`, so the import process (no Prisma client) can enqueue on its own connection.
import { dialectOfDb, type Dialect } from "@/lib/db/dialect";
import { execute, query, Sql, timestamp } from "@/lib/db/sql";
import type { Db } from "@/lib/db/client";

export const JOB_KINDS = ["import", "duplicates.rebuild", "salary.train", "salary.after-import", "uploads.sweep"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";
export type NewJob = { kind: JobKind; ref?: string; runAfter?: Date; key?: string | null; maxAttempts?: number };
export type ClaimedJob = { id: number; kind: JobKind; ref: string; attempts: number; maxAttempts: number };

type Runner = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The INSERT for a job; with a key already taken it inserts nothing (and returns no row). */
export function enqueueStatement(dialect: Dialect, job: NewJob, now = new Date()): Sql {
  return Sql.of(
    `INSERT INTO "Job" ("kind", "ref", "status", "runAfter", "maxAttempts", "key", "createdAt") VALUES (?, ?, 'QUEUED', ?, ?, ?, ?)
     ON CONFLICT ("key") DO NOTHING RETURNING "id"`,
    job.kind,
    job.ref ?? "",
    timestamp(dialect, job.runAfter ?? now),
    job.maxAttempts ?? 3,
    job.key ?? null,
    timestamp(dialect, now),
  );
}

/** Queues a job; returns its id, or null when a job with the same key exists already. */
export async function enqueueJob(db: Db, job: NewJob): Promise<number | null> {
  const rows = await query<{ id: number }>(db, enqueueStatement(dialectOfDb(db), job));
  return rows.length ? Number(rows[0].id) : null;
}

/**
 * Takes the oldest due QUEUED job for `worker` (host:pid), or returns null. Atomic: two servers
 * claiming at once get different jobs.
 */
export async function claimJob(db: Db, worker: string, kinds: readonly JobKind[] = JOB_KINDS, now = new Date()): Promise<ClaimedJob | null> {
  const dialect = dialectOfDb(db);
  const ts = timestamp(dialect, now);
  const kindList = Sql.join(
    kinds.map((k) => Sql.of("?", k)),
    ", ",
  );
  const pick = Sql.of(`SELECT "id" FROM "Job" WHERE "status" = 'QUEUED' AND "runAfter" <= ? AND "kind" IN (`, ts)
    .append(kindList)
    .append(`) ORDER BY "runAfter", "id" LIMIT 1${dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : ""}`);
  const statement = Sql.of(
    `UPDATE "Job" SET "status" = 'RUNNING', "worker" = ?, "pid" = NULL, "attempts" = "attempts" + 1, "heartbeatAt" = ?, "startedAt" = ? WHERE "id" = (`,
    worker,
    ts,
    ts,
  )
    .append(pick)
    .append(`) AND "status" = 'QUEUED' RETURNING "id", "kind", "ref", "attempts", "maxAttempts"`);
  const rows = await query<ClaimedJob>(db, statement, dialect);
  return rows.length ? { ...rows[0], id: Number(rows[0].id), attempts: Number(rows[0].attempts), maxAttempts: Number(rows[0].maxAttempts) } : null;
}

/**
 * The runner's heartbeat for the jobs it holds. Returns the ids it should stop: cancelled from
 * some server, or no longer its own (another server took it over after a long stall).
 */
export async function heartbeat(db: Db, worker: string, ids: number[], now = new Date()): Promise<{ cancel: number[]; lost: number[] }> {
  if (!ids.length) return { cancel: [], lost: [] };
  await db.job.updateMany({ where: { id: { in: ids }, worker, status: "RUNNING" }, data: { heartbeatAt: now } });
  const rows = await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, worker: true, status: true, cancelRequested: true } });
  const mine = new Map(rows.map((r) => [r.id, r]));
  const lost = ids.filter((id) => {
    const r = mine.get(id);
    return !r || r.worker !== worker || r.status !== "RUNNING";
  });
  const cancel = rows.filter((r) => r.cancelRequested && r.worker === worker && r.status === "RUNNING").map((r) => r.id);
  return { cancel, lost };
}

export async function setPid(db: Db, id: number, worker: string, pid: number | undefined): Promise<void> {
  await db.job.updateMany({ where: { id, worker }, data: { pid: pid ?? null } });
}

/** How a run ended, as the runner saw its process exit. */
export type RunEnd =
  | { outcome: "done" }
  | { outcome: "later"; delayMs: number } // the job asked to run again later (e.g. waiting for an import): not an attempt
  | { outcome: "crashed"; message: string }
  | { outcome: "cancelled"; message: string }
  | { outcome: "released"; message: string }; // its server is stopping: queued again at once, not an attempt

/** Records the end of a run held by `worker`. Returns the job's new status (null: it was not ours any more). */
export async function finishRun(db: Db, id: number, worker: string, end: RunEnd, now = new Date()): Promise<JobStatus | null> {
  const job = await db.job.findUnique({ where: { id }, select: { attempts: true, maxAttempts: true, worker: true, status: true } });
  if (!job || job.worker !== worker || job.status !== "RUNNING") return null;
  let data: { status: JobStatus; message?: string | null; runAfter?: Date; attempts?: number; finishedAt?: Date | null; worker?: null; pid?: null };
  switch (end.outcome) {
    case "done":
      data = { status: "DONE", finishedAt: now, message: null };
      break;
    case "later":
    case "released":
      data = {
        status: "QUEUED",
        attempts: Math.max(0, job.attempts - 1),
        runAfter: new Date(now.getTime() + (end.outcome === "later" ? end.delayMs : 0)),
        worker: null,
        pid: null,
        message: end.outcome === "released" ? end.message : null,
      };
      break;
    case "cancelled":
      data = { status: "CANCELLED", finishedAt: now, message: end.message };
      break;
    case "crashed":
      data =
        job.attempts >= job.maxAttempts
          ? { status: "FAILED", finishedAt: now, message: end.message }
          : { status: "QUEUED", runAfter: new Date(now.getTime() + retryDelayMs(job.attempts)), worker: null, pid: null, message: end.message };
  }
  const { count } = await db.job.updateMany({ where: { id, worker, status: "RUNNING" }, data });
  return count ? data.status : null;
}

/** Wait before the next attempt of a job that crashed: 5 s, 20 s, 45 s… */
export function retryDelayMs(attempts: number): number {
  return 5_000 * attempts * attempts;
}

export type StaleJob = { id: number; kind: JobKind; ref: string; status: JobStatus };

/**
 * Jobs whose server stopped beating their heartbeat for `staleMs`: queued again (the next claim
 * resumes them), or FAILED when they have used their attempts. Any server may run this; each stale
 * job is taken by exactly one caller. Returns what it changed.
 */
export async function requeueStale(db: Db, staleMs: number, now = new Date()): Promise<StaleJob[]> {
  const cutoff = new Date(now.getTime() - staleMs);
  const stale = await db.job.findMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
    select: { id: true, kind: true, ref: true, attempts: true, maxAttempts: true, worker: true },
  });
  const changed: StaleJob[] = [];
  for (const j of stale) {
    const giveUp = j.attempts >= j.maxAttempts;
    const message = `its server (${j.worker ?? "unknown"}) stopped during attempt ${j.attempts}`;
    const { count } = await db.job.updateMany({
      where: { id: j.id, status: "RUNNING", worker: j.worker, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
      data: giveUp ? { status: "FAILED", finishedAt: now, message } : { status: "QUEUED", worker: null, pid: null, runAfter: now, message },
    });
    if (count) changed.push({ id: j.id, kind: j.kind as JobKind, ref: j.ref, status: giveUp ? "FAILED" : "QUEUED" });
  }
  return changed;
}

/**
 * Asks the job working on `ref` to stop. A queued one is cancelled at once; a running one is
 * flagged, and the runner holding it (on whichever server) stops it within a heartbeat.
 * Returns "cancelled", "requested" or null (no active job).
 */
export async function requestCancel(db: Db, kind: JobKind, ref: string, message: string): Promise<"cancelled" | "requested" | null> {
  const job = await db.job.findFirst({ where: { kind, ref, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { id: "desc" }, select: { id: true, status: true } });
  if (!job) return null;
  if (job.status === "QUEUED") {
    const { count } = await db.job.updateMany({ where: { id: job.id, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date(), message } });
    if (count) return "cancelled";
  }
  await db.job.updateMany({ where: { id: job.id, status: "RUNNING" }, data: { cancelRequested: true, message } });
  return "requested";
}

/** Finished jobs older than `days` are deleted (the records they worked on keep their own history). */
export async function pruneJobs(db: Runner & Db, days = 14, now = new Date()): Promise<number> {
  const dialect = dialectOfDb(db);
  return execute(
    db,
    Sql.of(`DELETE FROM "Job" WHERE "status" IN ('DONE', 'FAILED', 'CANCELLED') AND "finishedAt" < ?`, timestamp(dialect, new Date(now.getTime() - days * 86_400_000))),
    dialect,
  );
}
