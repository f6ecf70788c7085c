// Uploads into import drafts, bounded: a draft takes at most MAX_FILES_PER_IMPORT files of at most
// MAX_UPLOAD_BYTES each; one user's drafts not yet started hold at most UPLOAD_QUOTA_MB; nothing is
// written when the data folder's disk would fall below UPLOAD_MIN_FREE_MB. An upload reserves its
// place and its size in one transaction before a byte is written (so 30 parallel uploads into one
// draft store exactly 20), then turns the reservation into a file, or gives it back.
// Abandoned drafts, and the files of imports that finished long ago, are swept (sweepUploads).
import { canChangeImport } from "@/lib/auth/permissions";
import { mkdir, readdir, rm, stat, statfs } from "node:fs/promises";
import path from "node:path";
import { getDb, type Db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock";
import { env, uploadRoot } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { MAX_FILES_PER_IMPORT, MAX_UPLOAD_BYTES, uploadDir } from "./imports";
import { parseStoredFiles, type StoredFile } from "./stored-files";

const MB = 1024 ** 2;
/** Many uploads may queue for the same draft's lock: let them wait their turn for a connection. */
const QUEUE = { maxWait: 20_000, timeout: 20_000 };
const mb = (n: number) => `${Math.ceil(n / MB).toLocaleString("en-GB")} MB`;

export type Reservation = { importId: string; bytes: number };
export type UploadLimits = { quotaMb: number; minFreeMb: number };

export function uploadLimits(): UploadLimits {
  const { UPLOAD_QUOTA_MB, UPLOAD_MIN_FREE_MB } = env();
  return { quotaMb: UPLOAD_QUOTA_MB, minFreeMb: UPLOAD_MIN_FREE_MB };
}

/** Free bytes for the uploads folder (what an unprivileged writer may use). */
async function freeBytes(): Promise<number> {
  await mkdir(uploadRoot(), { recursive: true });
  const s = await statfs(uploadRoot());
  return s.bavail * s.bsize;
}

/**
 * Reserves a place in the draft for one file of `declaredBytes` (null: unknown, so the rest of the
 * user's quota). Refuses, writing nothing, when the draft is full, the quota would be passed or the
 * disk is short.
 */
export async function reserveUpload(
  importId: string,
  user: { id: string; role: string },
  name: string,
  declaredBytes: number | null,
  db: Db = getDb(),
  limits: UploadLimits = uploadLimits(),
): Promise<Reservation> {
  const quota = limits.quotaMb * MB;
  if (declaredBytes !== null && declaredBytes > Math.min(MAX_UPLOAD_BYTES, quota)) {
    throw new UserError(`${name} is larger than ${mb(Math.min(MAX_UPLOAD_BYTES, quota))}, the most one upload may be.`);
  }
  const reservation = await db.$transaction(async (tx) => {
    const draft = await tx.import.findUnique({ where: { id: importId }, select: { status: true, createdById: true, reservedFiles: true } });
    if (!draft) throw new UserError("That import does not exist.", "NOT_FOUND");
    if (!canChangeImport(user, draft)) throw new UserError("That import belongs to someone else.", "FORBIDDEN");
    const owner = draft.createdById ?? user.id;
    // One reservation at a time per owner (their quota) and per draft (its file count).
    await lockRow(db, tx, "User", owner);
    await lockRow(db, tx, "Import", importId);
    const current = await tx.import.findUnique({ where: { id: importId }, select: { status: true, reservedFiles: true } });
    if (!current || current.status !== "DRAFT") throw new UserError("That import has already started; start a new one to add files.", "CONFLICT");
    if (current.reservedFiles >= MAX_FILES_PER_IMPORT) throw new UserError(`An import takes at most ${MAX_FILES_PER_IMPORT} files.`);
    const held = await tx.import.aggregate({ where: { createdById: owner, status: "DRAFT" }, _sum: { reservedBytes: true } });
    const used = Number(held._sum.reservedBytes ?? 0);
    const room = quota - used;
    const bytes = declaredBytes ?? Math.min(MAX_UPLOAD_BYTES, room);
    if (bytes > room || room <= 0) {
      throw new UserError(`${name}: your imports not yet started already hold ${mb(used)} of your ${mb(quota)} upload allowance. Start or discard one of them first.`, "CONFLICT");
    }
    await tx.import.update({ where: { id: importId }, data: { reservedFiles: { increment: 1 }, reservedBytes: { increment: BigInt(bytes) } } });
    return { importId, bytes };
  }, QUEUE);
  const free = await freeBytes().catch(() => Infinity);
  if (free - reservation.bytes < limits.minFreeMb * MB) {
    await releaseUpload(reservation, db);
    logger.warn("upload refused: disk short", { importId, freeMb: Math.floor(free / MB) });
    throw new UserError(`${name}: the server is short of disk space, so uploads are paused. Tell an admin.`, "CONFLICT");
  }
  return reservation;
}

/** Gives a reservation back (the upload failed or was refused). */
export async function releaseUpload(r: Reservation, db: Db = getDb()): Promise<void> {
  await db.import.updateMany({
    where: { id: r.importId, status: "DRAFT", reservedFiles: { gt: 0 } },
    data: { reservedFiles: { decrement: 1 }, reservedBytes: { decrement: BigInt(r.bytes) } },
  });
}

/**
 * Adds the written file to the draft in place of its reservation. Returns the draft's file count,
 * or null when the draft was started or discarded meanwhile (the caller removes the file).
 */
export async function commitUpload(r: Reservation, file: StoredFile, db: Db = getDb()): Promise<number | null> {
  return db.$transaction(async (tx) => {
    await lockRow(db, tx, "Import", r.importId);
    const draft = await tx.import.findUnique({ where: { id: r.importId }, select: { status: true, files: true } });
    if (!draft || draft.status !== "DRAFT") return null;
    const files = [...parseStoredFiles(draft.files), file];
    await tx.import.update({
      where: { id: r.importId },
      data: {
        files: JSON.stringify(files),
        bytesTotal: BigInt(files.reduce((a, f) => a + f.size, 0)),
        reservedBytes: { increment: BigInt(file.size - r.bytes) },
      },
    });
    return files.length;
  }, QUEUE);
}

export type SweepResult = { drafts: number; finishedFolders: number; orphanFolders: number };

/**
 * Removes drafts untouched for DRAFT_TTL_HOURS (record and files), the uploaded files of imports
 * that finished more than DRAFT_TTL_HOURS ago (their records and reports stay), and upload folders
 * that belong to no import. Safe to run from several processes at once.
 */
export async function sweepUploads(now = new Date(), db: Db = getDb()): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - env().DRAFT_TTL_HOURS * 3600_000);
  const result: SweepResult = { drafts: 0, finishedFolders: 0, orphanFolders: 0 };
  const stale = await db.import.findMany({ where: { status: "DRAFT", updatedAt: { lt: cutoff } }, select: { id: true } });
  for (const { id } of stale) {
    const { count } = await db.import.deleteMany({ where: { id, status: "DRAFT", updatedAt: { lt: cutoff } } });
    if (count) {
      await rm(uploadDir(id), { recursive: true, force: true });
      result.drafts++;
    }
  }
  const root = uploadRoot();
  const folders = await readdir(root).catch(() => [] as string[]);
  if (!folders.length) return result;
  const known = new Map((await db.import.findMany({ where: { id: { in: folders } }, select: { id: true, status: true, finishedAt: true, files: true } })).map((r) => [r.id, r]));
  for (const id of folders) {
    const r = known.get(id);
    if (!r) {
      // A folder is made just after its record: leave very young ones alone.
      const made = await stat(path.join(root, id)).catch(() => null);
      if (!made || now.getTime() - made.mtimeMs < 3600_000) continue;
      await rm(path.join(root, id), { recursive: true, force: true });
      result.orphanFolders++;
    } else if (["SUCCEEDED", "FAILED", "REVERTED"].includes(r.status) && r.finishedAt && r.finishedAt < cutoff && parseStoredFiles(r.files).length) {
      await rm(path.join(root, id), { recursive: true, force: true });
      result.finishedFolders++;
    }
  }
  if (result.drafts || result.finishedFolders || result.orphanFolders) logger.info("uploads swept", result);
  return result;
}
