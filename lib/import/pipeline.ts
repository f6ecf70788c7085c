// The import pipeline, shared by the browser (a background job) and `npm run import`:
// files → events (sources.ts) → normalised ads (normalise.ts) → batches written all-or-nothing
// (writer.ts) with the import's progress and problems. Memory stays flat in the file size: rows
// stream through in batches; only the Ids seen per file are remembered (to report duplicates).
import { stat } from "node:fs/promises";
import { isBulkLoad } from "@/lib/db/ad-indexes";
import { dialectOf } from "@/lib/db/dialect";
import { logger } from "@/lib/log";
import { syncDuplicates } from "@/lib/ads/duplicate-store";
import { startDuplicateFollower } from "@/lib/ads/duplicate-follower";
import { Sql } from "@/lib/db/sql";
import { detectImportKind, runCandidateImport, type ImportKind } from "./candidate-import";
import { localEvents } from "./events";
import { parallelEvents } from "./parallel-events";
import { parseStoredFiles } from "./stored-files";
import type { FileFormat, ImportFile } from "./sources";
import { PostgresImportStore } from "./store-postgres";
import { SqliteImportStore } from "./store-sqlite";
import type { ImportProblem } from "./types";
import { emptyCounts, writeBatch, type BatchResult, type BatchRow, type Counts, type ImportStore } from "./writer";

export const BATCH_SIZE = 2000;
/** Problems stored per import; more are counted (and the report says how many were left out). */
export const MAX_STORED_PROBLEMS = 10_000;

export type ImportProgress = Counts & { bytesTotal: number; file: string };
export type FileSummary = { name: string; format: FileFormat | null; detail: string | null; refused: string | null };
export type ImportOutcome = { status: "SUCCEEDED" | "FAILED"; message: string | null; counts: Counts; files: FileSummary[] };

/** Where a stopped run left off: the counts saved with its last committed batch. */
function resumePoint(r: Counts): Counts {
  const { rowsDone, bytesDone, created, updated, unchanged, skipped, errors, warnings, duplicates, unresolvedLocations } = r;
  return { rowsDone, bytesDone: Number(bytesDone), created, updated, unchanged, skipped, errors, warnings, duplicates, unresolvedLocations };
}

export function openImportStore(url: string): ImportStore {
  return dialectOf(url) === "sqlite" ? new SqliteImportStore(url) : new PostgresImportStore(url);
}

export { parseStoredFiles, type StoredFile } from "./stored-files";

/**
 * Runs a queued (or interrupted) import to the end and records the outcome. A bad file never
 * throws: the outcome says what happened. An unexpected failure marks the import FAILED, keeping
 * the batches already written (running it again finishes the job).
 */
export async function executeImport(
  url: string,
  importId: string,
  onProgress?: (p: ImportProgress) => void,
  existingStore?: ImportStore,
  parallel = true,
  /**
   * Near-duplicate grouping: "beside" the batches in a follower process (needs a TS-aware Node, as
   * `parallel` does), "after" them in this process, or "off" (the benchmark's comparison only).
   */
  duplicates: "beside" | "after" | "off" = parallel ? "beside" : "after",
): Promise<ImportOutcome | null> {
  const store = existingStore ?? openImportStore(url);
  try {
    const record = await store.loadImport(importId);
    if (!record) throw new Error(`import ${importId} not found`);
    const stored = parseStoredFiles(record.files);
    const files: ImportFile[] = stored.map((f) => ({ path: f.path, name: f.name, category: f.category ?? null }));
    // What the files hold: said when the import was made (--kind candidates), or read from the header.
    const kind: ImportKind = record.kind === "candidates" || record.kind === "ads" ? record.kind : await detectImportKind(files);
    // An ads import found RUNNING was stopped mid-way (its server died): it carries on after its
    // last committed batch, whose counts were saved with it. (Candidate imports start again: rows
    // already written are found unchanged.)
    const resume = kind === "ads" && record.status === "RUNNING" && record.rowsDone > 0 ? resumePoint(record) : undefined;
    await store.markRunning(importId, !!resume);
    if (resume) logger.info("import resumed after its last committed batch", { importId, rowsDone: resume.rowsDone });
    if (kind !== record.kind) await store.run(Sql.of(`UPDATE "Import" SET "kind" = ? WHERE "id" = ?`, kind, importId));
    if (kind === "candidates") {
      try {
        const outcome = await runCandidateImport({ store, importId, files, onProgress, maxStoredProblems: MAX_STORED_PROBLEMS });
        await store.markFinished(importId, outcome.status, outcome.message);
        return { ...outcome, files: stored.map((f) => ({ name: f.name, format: "csv", detail: "candidates", refused: null })) };
      } catch (e) {
        logger.error("import failed", { importId, error: e });
        await store.rollback().catch(() => {});
        await store.markFinished(
          importId,
          "FAILED",
          `stopped by an unexpected error: ${(e as Error).message}. Candidates written before it are kept; run the import again to finish.`,
        );
        return null;
      }
    }
    // The follower groups the ads above the last one there is now: it may start after the first batch has committed.
    const follower = duplicates === "beside" ? startDuplicateFollower(url, await lastAdId(store)) : null;
    try {
      // A bulk load builds the table's read indexes once at the end instead of row by row.
      if (
        isBulkLoad(
          stored.reduce((n, f) => n + f.size, 0),
          await store.countAds(),
        )
      )
        await store.dropAdIndexes();
      const outcome = await runImport({ store, importId, files, onProgress, parallel, resume });
      await store.ensureAdIndexes();
      // Near-duplicate groups for the new and changed ads: a step of its own after the batches,
      // safe to re-run (a failure here keeps the import; the next import, edit or rebuild finishes it).
      if (duplicates !== "off") {
        try {
          const followed = follower && (await follower.finish().catch((e) => logger.warn("the duplicate follower failed; grouping after the import", { importId, error: e })));
          const d = followed || (await syncDuplicates(url));
          logger.info("duplicates grouped", { importId, followed: !!followed, ...d });
        } catch (e) {
          logger.error("near-duplicate grouping failed (the next import or a rebuild redoes it)", { importId, error: e });
        }
      }
      await store.markFinished(importId, outcome.status, outcome.message);
      return outcome;
    } catch (e) {
      follower?.stop();
      logger.error("import failed", { importId, error: e });
      await store.rollback().catch(() => {});
      await store.ensureAdIndexes().catch((err) => logger.error("could not rebuild the ads indexes (the next import or start-up will)", { error: err }));
      await store.markFinished(importId, "FAILED", `stopped by an unexpected error: ${(e as Error).message}. Ads written before it are kept; run the import again to finish.`);
      return null;
    }
  } finally {
    if (!existingStore) await store.close();
  }
}

async function lastAdId(store: ImportStore): Promise<number> {
  const [row] = await store.run<{ top: number | null }>(Sql.of(`SELECT MAX("id") AS "top" FROM "Ad"`));
  return Number(row?.top ?? 0);
}

export async function runImport(opts: {
  store: ImportStore;
  importId: string;
  files: ImportFile[];
  onProgress?: (p: ImportProgress) => void;
  batchSize?: number;
  /** Parse and normalise in a worker thread (the CLI and background jobs; needs a TS-aware Node). */
  parallel?: boolean;
  /** Carry on from a stopped run: its first `rowsDone` rows were committed with these counts. */
  resume?: Counts;
}): Promise<ImportOutcome> {
  const { store, importId, files } = opts;
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const sizes = await Promise.all(files.map((f) => stat(f.path).then((s) => s.size)));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const locations = await store.loadLocations();
  let counts = opts.resume ? { ...opts.resume } : emptyCounts();
  // Rows (and their problems) the stopped run committed: read again, for the Ids they hold, not written.
  let replay = opts.resume?.rowsDone ?? 0;
  let stored = Math.min(MAX_STORED_PROBLEMS, counts.errors + counts.warnings);
  const summaries: FileSummary[] = files.map((f) => ({ name: f.name, format: null, detail: null, refused: null }));

  let batch: BatchRow[] = [];
  let batchIds = new Set<number>();
  let problems: ImportProblem[] = [];
  let current = files[0]?.name ?? "";

  const report = (p: ImportProblem) => {
    if (p.severity === "error") counts.errors++;
    else counts.warnings++;
    if (stored < MAX_STORED_PROBLEMS) {
      problems.push(p);
      stored++;
    }
  };
  const flush = async () => {
    if (!batch.length && !problems.length) return;
    const before = counts;
    const add = (c: Counts, r: BatchResult): Counts => ({
      ...c,
      created: c.created + r.created,
      updated: c.updated + r.updated,
      unchanged: c.unchanged + r.unchanged,
      warnings: c.warnings + r.warnings,
    });
    const result = await writeBatch(store, importId, batch, problems, (r) => add(before, r));
    counts = add(counts, result);
    batch = [];
    batchIds = new Set();
    problems = [];
    opts.onProgress?.({ ...counts, bytesTotal, file: current });
  };

  const bytesBefore = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  // Adzuna Id → where it was in the current file: its line (small integers keep this map compact,
  // ~30 bytes an Id), or for a zip the entry's name.
  let seen = new Map<number, number | string>();
  const events = opts.parallel ? parallelEvents(files, locations) : localEvents(files, locations);
  for await (const ev of events) {
    const summary = summaries[ev.fileIndex];
    current = summary.name;
    if (ev.type === "format") {
      summary.format = ev.format;
      summary.detail = ev.detail;
    } else if (ev.type === "progress") {
      counts.bytesDone = bytesBefore[ev.fileIndex] + ev.bytes;
    } else if (ev.type === "fileEnd") {
      counts.bytesDone = bytesBefore[ev.fileIndex] + sizes[ev.fileIndex];
      seen = new Map();
    } else if (replay > 0 && ev.type === "problem") {
      if (ev.rowSkipped) replay--;
      if (ev.fatal) summary.refused = ev.problem.message;
    } else if (replay > 0 && ev.type !== "problem") {
      seen.set(ev.ad.externalId, ev.file === summary.name ? ev.line : ev.file);
      replay--;
    } else if (ev.type === "problem") {
      report(ev.problem);
      if (ev.rowSkipped) {
        counts.skipped++;
        counts.rowsDone++;
      }
      if (ev.fatal) summary.refused = ev.problem.message;
    } else {
      const id = ev.ad.externalId;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        counts.duplicates++;
        const where = typeof earlier === "number" ? `on line ${earlier}` : `in ${earlier}`;
        report({ file: ev.file, line: ev.line, field: "Id", severity: "warning", message: `Id ${id} also appears ${where}; this later row is the one kept` });
      }
      seen.set(id, ev.file === summary.name ? ev.line : ev.file);
      for (const p of ev.problems) report(p);
      if (ev.unresolved) counts.unresolvedLocations++;
      counts.rowsDone++;
      const row: BatchRow = { ad: ev.ad, policy: ev.policy, file: ev.file, line: ev.line };
      // A repeat from this file still in the batch: the later row replaces it, so only the kept row
      // is written (writing both would make re-imports of the file flip the ad back and forth).
      if (earlier !== undefined && batchIds.has(id)) {
        batch[batch.findIndex((r) => r.ad.externalId === id)] = row;
        continue;
      }
      if (batchIds.has(id)) await flush(); // each batch holds an Id once (an earlier file's row is written first)
      batch.push(row);
      batchIds.add(id);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  // Unconditional final save (a file that yielded nothing still moves the byte count).
  await writeBatch(store, importId, [], [], () => counts);

  const refused = summaries.filter((s) => s.refused);
  const imported = counts.created + counts.updated + counts.unchanged;
  const status = refused.length === files.length || (imported === 0 && counts.skipped > 0) ? "FAILED" : "SUCCEEDED";
  const message = refused.length ? refused.map((s) => `${s.name} ${s.refused}`).join("; ") : status === "FAILED" ? "no row could be imported; see the problems below" : null;
  return { status, message, counts, files: summaries };
}
