// Import records as the web app sees them: created from uploads, listed in the history, read by
// the progress poll and the report. Files live in <UPLOAD_DIR>/<import id>/ (default data/uploads).
import { canChangeImport } from "@/lib/auth/permissions";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { getDb, type Db, type Prisma } from "@/lib/db/client";
import { uploadRoot } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { previewFiles, type PreviewFile } from "./preview";
import { parseStoredFiles } from "./stored-files";
import type { ImportProblem } from "./types";

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3; // per file
export const MAX_FILES_PER_IMPORT = 20;
/** A RUNNING import whose worker has not written for this long is taken to have died. */
export const STALE_AFTER_MS = 2 * 60_000;

export function uploadDir(importId: string): string {
  return path.join(uploadRoot(), importId);
}

/** A new draft; `kind` says what its files hold ("auto": read from each file's header). */
export async function createDraftImport(userId: string, db: Db = getDb(), kind: "auto" | "ads" | "candidates" = "auto") {
  const { id } = await db.import.create({ data: { origin: "web", createdById: userId, files: "[]", status: "DRAFT", kind }, select: { id: true } });
  await mkdir(uploadDir(id), { recursive: true });
  return id;
}

const importSelect = {
  id: true,
  origin: true,
  kind: true,
  status: true,
  files: true,
  bytesTotal: true,
  bytesDone: true,
  rowsDone: true,
  created: true,
  updated: true,
  unchanged: true,
  skipped: true,
  errors: true,
  warnings: true,
  duplicates: true,
  unresolvedLocations: true,
  message: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
  revertedAt: true,
  revertSummary: true,
  createdAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.ImportSelect;

type ImportRow = Prisma.ImportGetPayload<{ select: typeof importSelect }>;

/** A plain, serialisable view of an import (bigints as numbers, files parsed, no disk paths). */
export type ImportView = Omit<ImportRow, "bytesTotal" | "bytesDone" | "files" | "revertSummary" | "createdBy"> & {
  bytesTotal: number;
  bytesDone: number;
  files: { name: string; size: number }[];
  revertSummary: RevertSummary | null;
  createdByName: string | null;
};

export type RevertSummary = { deleted: number; restored: number; keptChanged: number; keptWithApplications: number };

function toView(r: ImportRow): ImportView {
  const { createdBy, files, bytesTotal, bytesDone, revertSummary, ...rest } = r;
  return {
    ...rest,
    bytesTotal: Number(bytesTotal),
    bytesDone: Number(bytesDone),
    files: parseStoredFiles(files).map((f) => ({ name: f.name, size: f.size })),
    revertSummary: revertSummary ? (JSON.parse(revertSummary) as RevertSummary) : null,
    createdByName: createdBy ? createdBy.name : r.origin === "cli" ? "command line" : null,
  };
}

export async function getImport(id: string, db: Db = getDb()): Promise<ImportView | null> {
  const r = await db.import.findUnique({ where: { id }, select: importSelect });
  return r ? toView(r) : null;
}

export async function listImports(opts: { take?: number } = {}, db: Db = getDb()): Promise<ImportView[]> {
  const rows = await db.import.findMany({
    where: { status: { not: "DRAFT" } },
    select: importSelect,
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 50,
  });
  return rows.map(toView);
}

export async function listIssues(importId: string, opts: { take: number; skip?: number }, db: Db = getDb()): Promise<(ImportProblem & { id: number })[]> {
  const rows = await db.importIssue.findMany({
    where: { importId },
    orderBy: { id: "asc" },
    take: opts.take,
    skip: opts.skip ?? 0,
    select: { id: true, file: true, line: true, field: true, severity: true, message: true },
  });
  return rows.map((r) => ({ ...r, severity: r.severity === "error" ? "error" : "warning" }));
}

export async function* issuePages(importId: string, db: Db = getDb()) {
  let cursor = 0;
  for (;;) {
    const rows = await db.importIssue.findMany({
      where: { importId, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: 5000,
      select: { id: true, file: true, line: true, field: true, severity: true, message: true },
    });
    if (!rows.length) return;
    cursor = rows[rows.length - 1].id;
    yield rows.map((r) => [r.file, r.line, r.field, r.severity, r.message]);
  }
}

/** The draft's files, for adding uploads to it; only its creator (or an admin) may change it. */
export async function loadDraft(importId: string, user: { id: string; role: string }, db: Db = getDb()) {
  const r = await db.import.findUnique({ where: { id: importId }, select: { id: true, status: true, files: true, createdById: true, kind: true } });
  if (!r) throw new UserError("That import does not exist.", "NOT_FOUND");
  if (!canChangeImport(user, r)) throw new UserError("That import belongs to someone else.", "FORBIDDEN");
  if (r.status !== "DRAFT") throw new UserError("That import has already started; start a new one to add files.", "CONFLICT");
  return { ...r, storedFiles: parseStoredFiles(r.files) };
}

/** The preview of a draft for its page: what its files will do, or why it cannot be shown. */
export async function previewDraft(importId: string, user: { id: string; role: string }, db: Db = getDb()): Promise<{ files: PreviewFile[] } | { error: string }> {
  try {
    const draft = await loadDraft(importId, user, db);
    return { files: await previewFiles(draft.storedFiles, db, draft.kind) };
  } catch (e) {
    if (e instanceof UserError) return { error: e.message };
    throw e;
  }
}

export async function discardDraft(importId: string, db: Db = getDb()) {
  await db.import.delete({ where: { id: importId } });
  await rm(uploadDir(importId), { recursive: true, force: true });
}
