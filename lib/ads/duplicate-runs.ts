// Rebuilding the near-duplicate groups from the admin page: a background job like an import's
// (lib/import/jobs.ts) — `scripts/duplicates-rebuild.ts --job <id>` runs detached and writes its
// progress to the DuplicateRun row the page polls. One at a time; a job whose heartbeat stopped
// (killed, machine restarted) no longer blocks a new one.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { getDb, type Db } from "@/lib/db/client";
import { dataDir } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { logger } from "@/lib/log";

/** A running job's heartbeat older than this means it stopped. */
export const RUN_STALE_AFTER_MS = 2 * 60_000;

export type DuplicateRunView = { id: string; status: string; done: number; total: number; message: string | null; createdAt: Date; finishedAt: Date | null };

function spawnRun(runId: string) {
  const logs = path.join(dataDir(), "logs");
  mkdirSync(logs, { recursive: true });
  const log = openSync(path.join(logs, `duplicates-${runId}.log`), "a");
  const child = spawn(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/duplicates-rebuild.ts", "--job", runId], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", log, log],
    env: process.env,
  });
  child.on("error", (e) => logger.error("could not start the duplicates rebuild", { runId, error: e }));
  child.unref();
  logger.info("duplicates rebuild started", { runId, pid: child.pid });
}

const isLive = (r: { status: string; heartbeatAt: Date | null; createdAt: Date }) =>
  (r.status === "QUEUED" || r.status === "RUNNING") && Date.now() - (r.heartbeatAt ?? r.createdAt).getTime() < RUN_STALE_AFTER_MS;

/** The latest rebuild (a stopped one shows as failed). */
export async function latestRun(db: Db = getDb()): Promise<DuplicateRunView | null> {
  const r = await db.duplicateRun.findFirst({ orderBy: { createdAt: "desc" } });
  if (!r) return null;
  const stopped = (r.status === "QUEUED" || r.status === "RUNNING") && !isLive(r);
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
    if (running.some(isLive)) throw new UserError("A rebuild is already running.", "CONFLICT");
    const created = await tx.duplicateRun.create({ data: { status: "QUEUED", createdById: actorId, heartbeatAt: new Date() } });
    await recordChange(tx, { action: "duplicates.rebuild", actorId, entityId: created.id });
    return created;
  });
  spawnRun(run.id);
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
