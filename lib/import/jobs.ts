// Background import jobs. The web app never parses in its own process (a 500 MB file would stall
// every page): starting an import queues a job (lib/jobs) that any app server's runner claims and
// runs as `scripts/import.ts --job <id>`, the same pipeline the CLI runs, writing progress to the
// Import row. A job whose server dies is resumed by another server from its last committed batch.
import { canChangeImport } from "@/lib/auth/permissions";
import { getDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { enqueueJob, requestCancel } from "@/lib/jobs/queue";
import { IMPORT_ATTEMPTS, importJobKey } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";
import { parseStoredFiles } from "./stored-files";

/** DRAFT → QUEUED, and its job queued. Only the creator or an admin may start it. */
export async function startImport(importId: string, user: { id: string; role: string }, db: Db = getDb()) {
  const r = await db.import.findUnique({ where: { id: importId }, select: { status: true, files: true, createdById: true } });
  if (!r) throw new UserError("That import does not exist.", "NOT_FOUND");
  if (!canChangeImport(user, r)) throw new UserError("That import belongs to someone else.", "FORBIDDEN");
  if (!parseStoredFiles(r.files).length) throw new UserError("Add at least one file first.");
  const { count } = await db.import.updateMany({ where: { id: importId, status: "DRAFT" }, data: { status: "QUEUED", heartbeatAt: new Date() } });
  if (!count) throw new UserError("That import has already been started.", "CONFLICT");
  const jobId = await enqueueJob(db, { kind: "import", ref: importId, key: importJobKey(importId), maxAttempts: IMPORT_ATTEMPTS });
  logger.info("import queued", { importId, jobId });
}

/**
 * Stops a queued or running import, from any server: a queued one never starts; a running one is
 * stopped by the server running it within seconds. Batches already written stay (and can be
 * reverted). Only the creator or an admin may cancel it.
 */
export async function cancelImport(importId: string, user: { id: string; role: string; name?: string | null }, db: Db = getDb()): Promise<"cancelled" | "requested"> {
  const r = await db.import.findUnique({ where: { id: importId }, select: { status: true, createdById: true } });
  if (!r) throw new UserError("That import does not exist.", "NOT_FOUND");
  if (!canChangeImport(user, r)) throw new UserError("That import belongs to someone else.", "FORBIDDEN");
  if (r.status !== "QUEUED" && r.status !== "RUNNING") throw new UserError("That import is not running.", "CONFLICT");
  const message = `Cancelled by ${user.name ?? "a user"}. Rows written before it stopped are kept; revert the import to remove them.`;
  const how = await requestCancel(db, "import", importId, message);
  if (how === "requested") return "requested";
  // Queued (or with no job at all): nothing runs it, so it is settled here.
  await db.import.updateMany({ where: { id: importId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", message, finishedAt: new Date() } });
  return "cancelled";
}
