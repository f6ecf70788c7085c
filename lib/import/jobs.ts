// Background import jobs. The web app never parses in its own process (a 500 MB file would stall
// every page): it starts `scripts/import.ts --job <id>`, the same pipeline the CLI runs, as a
// detached child that writes progress to the Import row. A job whose heartbeat stops (the machine
// restarted, the process was killed) is started again on the next look at the imports: imports
// are idempotent, so re-running finishes the work.
import { canChangeImport } from "@/lib/auth/permissions";
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { getDb, type Db } from "@/lib/db/client";
import { dataDir } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { parseStoredFiles } from "./stored-files";
import { STALE_AFTER_MS } from "./imports";

function spawnJob(importId: string) {
  const logs = path.join(dataDir(), "logs");
  mkdirSync(logs, { recursive: true });
  const log = openSync(path.join(logs, `import-${importId}.log`), "a");
  const child = spawn(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/import.ts", "--job", importId], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", log, log],
    env: process.env,
  });
  child.on("error", (e) => logger.error("could not start import job", { importId, error: e }));
  child.unref();
  logger.info("import job started", { importId, pid: child.pid });
}

/** DRAFT → QUEUED, then run. Only the creator or an admin may start it. */
export async function startImport(importId: string, user: { id: string; role: string }, db: Db = getDb()) {
  const r = await db.import.findUnique({ where: { id: importId }, select: { status: true, files: true, createdById: true } });
  if (!r) throw new UserError("That import does not exist.", "NOT_FOUND");
  if (!canChangeImport(user, r)) throw new UserError("That import belongs to someone else.", "FORBIDDEN");
  if (!parseStoredFiles(r.files).length) throw new UserError("Add at least one file first.");
  const { count } = await db.import.updateMany({ where: { id: importId, status: "DRAFT" }, data: { status: "QUEUED", heartbeatAt: new Date() } });
  if (!count) throw new UserError("That import has already been started.", "CONFLICT");
  spawnJob(importId);
}

/** Starts again any job that stopped without finishing. Safe to call from many requests at once. */
export async function recoverStaleImports(db: Db = getDb()): Promise<string[]> {
  const cutoff = new Date(Date.now() - STALE_AFTER_MS);
  const stale = await db.import.findMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
    select: { id: true, status: true },
  });
  const restarted: string[] = [];
  for (const s of stale) {
    // Claim it first, so two requests never start the same job twice.
    const { count } = await db.import.updateMany({
      where: { id: s.id, status: s.status, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
      data: { status: "QUEUED", heartbeatAt: new Date(), message: "restarted after the previous run stopped" },
    });
    if (count) {
      spawnJob(s.id);
      restarted.push(s.id);
    }
  }
  return restarted;
}
