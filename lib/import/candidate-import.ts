// Candidate imports: the same Import record, screens, CLI, progress, problems and revert as ads, with
// candidate CSV rows (candidate-csv.ts) merged by email instead of ads by Adzuna Id. Batches are
// all-or-nothing (one transaction each, with the import's progress and problems); a row identical to
// the one last imported for that person is no work; a changed row updates the candidate's changed
// non-empty fields, bumps its version and records the fields it changed (CandidateImportChange), so a
// revert can restore them. The full-text index (candidate_fts / candidate_search) follows through the
// triggers on "Candidate".
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { inList, Sql } from "@/lib/db/sql";
import { LocationResolver } from "@/lib/locations/resolve";
import { DEFAULT_SANDBOX_LIMITS, extractText } from "@/lib/extract/sandbox";
import { planZip, readZipEntries, type ZipContent } from "./zip";
import { CANDIDATE_COLUMNS, CANDIDATE_MERGE_FIELDS, candidateFromCv, kindOfHeader, readCandidateHeader, rowToCandidate, type NormalisedCandidate } from "./candidate-csv";
import { readCsv, type CsvProblem } from "./csv-reader";
import { hasUtf16Bom, looksBinary } from "./decode";
import { unknownColumnsWarning, type ImportFile } from "./sources";
import type { ImportProblem } from "./types";
import { emptyCounts, type Counts, type ImportStore, type LocationRow } from "./writer";

export const CANDIDATE_BATCH_SIZE = 1000;
/** A CV file's limits: the CV upload's (5 MB; the sandbox's time and memory limits while it is read). */
const CV_LIMITS = DEFAULT_SANDBOX_LIMITS;
const CV_ZIP_CONTENT: ZipContent = { extensions: [".txt", ".pdf", ".docx"], maxEntryBytes: DEFAULT_SANDBOX_LIMITS.maxBytes, what: "a CV" };
export type ImportKind = "ads" | "candidates";

/** The header row of a CSV file (its first record), or null when it is not a readable CSV. */
export async function readCsvHeader(path: string): Promise<string[] | null> {
  const size = (await stat(path)).size;
  if (!size) return null;
  const fh = await open(path, "r");
  const head = Buffer.alloc(Math.min(size, 65536));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (head[0] === 0x1f || (head[0] === 0x50 && head[1] === 0x4b) || hasUtf16Bom(head) || looksBinary(head)) return null;
  for await (const { records } of readCsv(Readable.from([head]))) if (records.length) return records[0].fields;
  return null;
}

/** What the files hold, from the first CSV's header: candidates when it says so, otherwise ads. */
export async function detectImportKind(files: { path: string; name: string }[]): Promise<ImportKind> {
  // .pdf / .docx files, or a zip holding some, are CVs (ads come as CSV or text ads).
  if (files.some((f) => isCvFile(f.name))) return "candidates";
  for (const f of files.filter((x) => /\.zip$/i.test(x.name))) {
    const plan = await planZip(f.path, CV_ZIP_CONTENT).catch(() => null);
    if (plan?.ok && plan.entries.some((e) => isCvFile(e.name))) return "candidates";
  }
  for (const f of files) {
    if (!/\.csv$/i.test(f.name)) continue;
    const header = await readCsvHeader(f.path).catch(() => null);
    if (header) return kindOfHeader(header) === "candidates" ? "candidates" : "ads";
  }
  return "ads";
}

export type CandidateEvent =
  | { type: "format"; detail: string }
  | { type: "candidate"; candidate: NormalisedCandidate; file: string; line: number; problems: ImportProblem[]; unresolved: boolean }
  | { type: "problem"; problem: ImportProblem; rowSkipped: boolean; fatal: boolean }
  | { type: "progress"; bytes: number };

export function placesFor(locations: LocationRow[]) {
  const resolver = new LocationResolver(locations);
  const regions = new Map(locations.map((l) => [l.id, l.regionId]));
  return { resolver, regionOf: (id: number) => regions.get(id) ?? null };
}

export const CV_EXTENSIONS = [".txt", ".pdf", ".docx"];
const isCvFile = (name: string) => /\.(pdf|docx)$/i.test(name);

/** A candidate file as events: a CSV of candidates, one CV (.txt/.pdf/.docx) or a .zip of CVs. */
export async function* readCandidateFile(file: ImportFile, places: ReturnType<typeof placesFor>): AsyncGenerator<CandidateEvent> {
  if (/\.zip$/i.test(file.name)) yield* readCvZip(file);
  else if (/\.(txt|pdf|docx)$/i.test(file.name)) yield* readCv(file);
  else yield* readCandidateCsv(file, places);
}

function cvEvents(text: string | null, error: string | null, entryName: string, reportName: string): CandidateEvent[] {
  if (error !== null || text === null)
    return [{ type: "problem", problem: { file: reportName, line: null, field: null, severity: "error", message: error ?? "could not be read" }, rowSkipped: true, fatal: false }];
  const { candidate, problems } = candidateFromCv(text, entryName, reportName);
  if (!candidate) return problems.map((p, i) => ({ type: "problem", problem: p, rowSkipped: i === 0, fatal: false }));
  return [{ type: "candidate", candidate, file: reportName, line: 1, problems, unresolved: false }];
}

/** One CV file: its text read in the bounded sandbox (lib/extract), then one candidate. */
async function* readCv(file: ImportFile): AsyncGenerator<CandidateEvent> {
  const { readFile } = await import("node:fs/promises");
  const size = (await stat(file.path)).size;
  yield { type: "format", detail: "CV file" };
  if (size > CV_LIMITS.maxBytes) {
    yield* cvEvents(null, `is larger than ${CV_LIMITS.maxBytes / 1024 ** 2} MB`, file.name, file.name);
  } else {
    const r = await extractText(file.name.split("/").pop() ?? file.name, await readFile(file.path));
    yield* cvEvents(r.ok ? r.text : null, r.ok ? null : r.message, file.name, file.name);
  }
  yield { type: "progress", bytes: size };
}

/** A .zip of CVs: the zip's limits checked before anything inflates, each CV read in the sandbox. */
async function* readCvZip(file: ImportFile): AsyncGenerator<CandidateEvent> {
  const fatal = (message: string): CandidateEvent => ({
    type: "problem",
    problem: { file: file.name, line: null, field: null, severity: "error", message },
    rowSkipped: false,
    fatal: true,
  });
  const plan = await planZip(file.path, CV_ZIP_CONTENT);
  if (!plan.ok) return yield fatal(plan.message);
  for (const s of plan.skipped)
    yield { type: "problem", problem: { file: `${file.name}: ${s.name}`, line: null, field: null, severity: "warning", message: s.reason }, rowSkipped: false, fatal: false };
  if (!plan.entries.length) return yield fatal("holds no .txt, .pdf or .docx CVs");
  yield { type: "format", detail: `zip of ${plan.entries.length.toLocaleString("en-GB")} CVs` };
  const byName = new Map(plan.entries.map((e) => [e.name, e]));
  let done = 0;
  for await (const entry of readZipEntries(file.path, new Set(byName.keys()), CV_LIMITS.maxBytes)) {
    const reportName = `${file.name}: ${entry.name}`;
    if ("error" in entry) yield* cvEvents(null, `could not be read (${entry.error})`, entry.name, reportName);
    else {
      const r = await extractText(entry.name.split("/").pop() ?? entry.name, entry.bytes);
      yield* cvEvents(r.ok ? r.text : null, r.ok ? null : r.message, entry.name, reportName);
    }
    done += byName.get(entry.name)!.compressedSize;
    yield { type: "progress", bytes: done };
  }
}

/** A candidate CSV as events: the candidates, problems (file, line, field) and progress. */
async function* readCandidateCsv(file: ImportFile, places: ReturnType<typeof placesFor>): AsyncGenerator<CandidateEvent> {
  const fatal = (message: string): CandidateEvent => ({
    type: "problem",
    problem: { file: file.name, line: null, field: null, severity: "error", message },
    rowSkipped: false,
    fatal: true,
  });
  const size = (await stat(file.path)).size;
  if (!size) return yield fatal("the file is empty");
  if (!/\.csv$/i.test(file.name)) return yield fatal("is not a CSV: candidates are imported from a .csv file with a header row (Name, Email, …)");
  const head = Buffer.alloc(Math.min(size, 8192));
  const fh = await open(file.path, "r");
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (hasUtf16Bom(head)) return yield fatal("is UTF-16 text; save it as UTF-8 and import it again");
  if (looksBinary(head)) return yield fatal("is a binary file, not a CSV");
  let header: ReturnType<typeof readCandidateHeader> | null = null;
  let names: string[] = [];
  let rows = 0;
  const raw: CsvProblem[] = [];
  const stream = createReadStream(file.path, { highWaterMark: 1 << 20 });
  try {
    for await (const { records, bytesParsed } of readCsv(stream as AsyncIterable<Uint8Array>, { onProblem: (p) => raw.push(p) })) {
      for (const rec of records) {
        if (!header) {
          header = readCandidateHeader(rec.fields);
          if (!header.ok) return yield fatal(header.message);
          const cols = header.columns;
          names = rec.fields.map((f, i) => CANDIDATE_COLUMNS.find((c) => cols[c] === i) ?? (f.trim() || `column ${i + 1}`));
          yield { type: "format", detail: `Candidate CSV (${Object.keys(cols).length} known columns)` };
          if (header.unknown.length) yield unknownColumnsWarning(file.name, rec.line, header.unknown);
          continue;
        }
        if (!header.ok) return;
        rows++;
        if (rec.fields.every((f) => !f.trim())) continue;
        const { candidate, problems, unresolved } = rowToCandidate(rec.fields, header, file.name, rec.line, places);
        if (rec.windows1252) problems.push({ file: file.name, line: rec.line, field: null, severity: "warning", message: "text that is not UTF-8 was read as Windows-1252" });
        if (!candidate) {
          let first = true;
          for (const p of problems) {
            yield { type: "problem", problem: p, rowSkipped: first && p.severity === "error", fatal: false };
            if (p.severity === "error") first = false;
          }
        } else yield { type: "candidate", candidate, file: file.name, line: rec.line, problems, unresolved };
      }
      for (const p of raw.splice(0)) {
        const field = p.column === undefined ? null : (names[p.column] ?? null);
        yield {
          type: "problem",
          problem: { file: file.name, line: p.line, field, severity: p.fatal ? "error" : "warning", message: p.message },
          rowSkipped: p.fatal,
          fatal: false,
        };
      }
      yield { type: "progress", bytes: bytesParsed };
    }
  } finally {
    stream.destroy();
  }
  if (!header) yield fatal("the file is empty");
  else if (header.ok && rows === 0) yield fatal("has a header but no rows");
}

type Existing = { id: number; version: number; sourceHash: string | null; emailKey: string | null } & Record<string, unknown>;
export type CandidateRow = { candidate: NormalisedCandidate; file: string; line: number };
type BatchResult = { created: number; updated: number; unchanged: number };

const SELECT_EXISTING = `SELECT "id", "version", "sourceHash", "emailKey", ${CANDIDATE_MERGE_FIELDS.map((f) => `"${f}"`).join(", ")} FROM "Candidate" WHERE "erasedAt" IS NULL AND `;
const INSERT_COLUMNS = [
  "name",
  "email",
  "emailKey",
  "phone",
  "phoneKey",
  "location",
  "locationId",
  "regionId",
  "currentTitle",
  "desiredSalary",
  "skills",
  "source",
  "cvText",
  "cvFileName",
] as const;

/** SQLite: indexes the candidates a batch created (import `?`, ids from `?` to `?`: one writer, so only that batch's). */
const FTS5_INDEX_NEW_CANDIDATES = `INSERT INTO "candidate_fts" (rowid, "name", "currentTitle", "cvText", "skills")
  SELECT "id", "name", "currentTitle", "cvText", "skills" FROM "Candidate" WHERE "importId" = ? AND "id" BETWEEN ? AND ?`;

const same = (a: unknown, b: unknown) => (typeof b === "boolean" ? Boolean(a) === b : a === b || (a != null && b != null && String(a) === String(b)));

/** One batch, all-or-nothing: the candidates it creates or changes, their history, its problems and the progress. */
export async function writeCandidateBatch(
  store: ImportStore,
  importId: string,
  rows: CandidateRow[],
  problems: ImportProblem[],
  countsAfter: (r: BatchResult) => Counts,
): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0 };
  await store.begin();
  try {
    const keys = rows.map((r) => r.candidate.emailKey).filter((k): k is string => !!k);
    const byEmail = new Map<string, Existing>();
    if (keys.length) for (const e of await store.run<Existing>(Sql.of(SELECT_EXISTING).append(inList(`"emailKey"`, keys)))) byEmail.set(e.emailKey!, e);
    // Without an email a person cannot be recognised again; an identical row (same hash) is the same one.
    const hashes = rows.filter((r) => !r.candidate.emailKey).map((r) => r.candidate.sourceHash);
    const byHash = new Map<string, Existing>();
    if (hashes.length)
      for (const e of await store.run<Existing>(Sql.of(SELECT_EXISTING + `"emailKey" IS NULL AND `).append(inList(`"sourceHash"`, hashes)))) byHash.set(e.sourceHash!, e);
    const now = new Date();
    const created: number[] = [];
    for (const { candidate: c } of rows) {
      const prev = c.emailKey ? byEmail.get(c.emailKey) : byHash.get(c.sourceHash);
      if (!prev) {
        const cols = [...INSERT_COLUMNS, "willingToRelocate", "importId", "sourceHash", "version", "createdAt", "updatedAt"];
        const vals = [...INSERT_COLUMNS.map((k) => c[k]), c.willingToRelocate ?? false, importId, c.sourceHash, 1, now, now];
        const [row] = await store.run<{ id: number | bigint }>(
          Sql.of(`INSERT INTO "Candidate" (${cols.map((k) => `"${k}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) RETURNING "id"`, ...vals),
        );
        created.push(Number(row.id));
        result.created++;
        continue;
      }
      if (prev.sourceHash === c.sourceHash) {
        result.unchanged++;
        continue;
      }
      const set: Record<string, unknown> = {};
      const changes: Record<string, [unknown, unknown]> = {};
      for (const f of CANDIDATE_MERGE_FIELDS) {
        const v = c[f];
        if (v === null || v === undefined || same(prev[f], v)) continue;
        set[f] = v;
        changes[f] = [f === "willingToRelocate" && prev[f] !== null ? Boolean(prev[f]) : (prev[f] ?? null), v];
      }
      // The place follows its text, also to "not in the tree".
      if ("location" in set && !("locationId" in set) && prev.locationId !== null) {
        set.locationId = null;
        changes.locationId = [prev.locationId, null];
      }
      if ("locationId" in set) set.regionId = c.regionId;
      if ("email" in set) set.emailKey = c.emailKey;
      if ("phone" in set) set.phoneKey = c.phoneKey;
      if (!Object.keys(changes).length) {
        await store.run(Sql.of(`UPDATE "Candidate" SET "sourceHash" = ? WHERE "id" = ?`, c.sourceHash, prev.id));
        result.unchanged++;
        continue;
      }
      const assignments = Object.keys(set).map((k) => `"${k}" = ?`);
      await store.run(
        Sql.of(
          `UPDATE "Candidate" SET ${assignments.join(", ")}, "sourceHash" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`,
          ...Object.values(set),
          c.sourceHash,
          now,
          prev.id,
        ),
      );
      await store.run(
        Sql.of(
          `INSERT INTO "CandidateImportChange" ("candidateId", "importId", "changes", "versionAfter", "createdAt") VALUES (?, ?, ?, ?, ?)`,
          prev.id,
          importId,
          JSON.stringify(changes),
          prev.version + 1,
          now,
        ),
      );
      result.updated++;
    }
    // SQLite: the batch's new candidates into the full-text index in one statement (the insert
    // trigger leaves imported rows to this); PostgreSQL's trigger has indexed them already.
    if (created.length && store.dialect === "sqlite") await store.run(Sql.of(FTS5_INDEX_NEW_CANDIDATES, importId, Math.min(...created), Math.max(...created)));
    if (problems.length) await store.insertIssues(importId, problems);
    await store.saveProgress(importId, countsAfter(result));
    await store.commit();
    return result;
  } catch (e) {
    await store.rollback().catch(() => {});
    throw e;
  }
}

export type CandidateImportOutcome = { status: "SUCCEEDED" | "FAILED"; message: string | null; counts: Counts };

export async function runCandidateImport(opts: {
  store: ImportStore;
  importId: string;
  files: ImportFile[];
  onProgress?: (p: Counts & { bytesTotal: number; file: string }) => void;
  batchSize?: number;
  maxStoredProblems?: number;
}): Promise<CandidateImportOutcome> {
  const { store, importId, files } = opts;
  const batchSize = opts.batchSize ?? CANDIDATE_BATCH_SIZE;
  const maxStored = opts.maxStoredProblems ?? 10_000;
  const sizes = await Promise.all(files.map((f) => stat(f.path).then((s) => s.size)));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const places = placesFor(await store.loadLocations());
  let counts = emptyCounts();
  let stored = 0;
  let batch: CandidateRow[] = [];
  let problems: ImportProblem[] = [];
  const refused: string[] = [];
  let current = files[0]?.name ?? "";
  const report = (p: ImportProblem) => {
    if (p.severity === "error") counts.errors++;
    else counts.warnings++;
    if (stored < maxStored) {
      problems.push(p);
      stored++;
    }
  };
  const flush = async () => {
    if (!batch.length && !problems.length) return;
    const before = counts;
    const add = (c: Counts, r: BatchResult): Counts => ({ ...c, created: c.created + r.created, updated: c.updated + r.updated, unchanged: c.unchanged + r.unchanged });
    const r = await writeCandidateBatch(store, importId, batch, problems, (res) => add(before, res));
    counts = add(counts, r);
    batch = [];
    problems = [];
    opts.onProgress?.({ ...counts, bytesTotal, file: current });
  };
  let bytesBefore = 0;
  for (const [i, file] of files.entries()) {
    current = file.name;
    // emailKey → line in this file (a repeated email: the later row wins, as a repeated Adzuna Id does).
    const seen = new Map<string, number>();
    const inBatch = new Map<string, number>();
    for await (const ev of readCandidateFile(file, places)) {
      if (ev.type === "format") continue;
      if (ev.type === "progress") counts.bytesDone = bytesBefore + ev.bytes;
      else if (ev.type === "problem") {
        report(ev.problem);
        if (ev.rowSkipped) {
          counts.skipped++;
          counts.rowsDone++;
        }
        if (ev.fatal) refused.push(`${file.name} ${ev.problem.message}`);
      } else {
        const c = ev.candidate;
        for (const p of ev.problems) report(p);
        if (ev.unresolved) counts.unresolvedLocations++;
        counts.rowsDone++;
        const key = c.emailKey;
        if (key) {
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            counts.duplicates++;
            report({ file: ev.file, line: ev.line, field: "Email", severity: "warning", message: `${c.email} also appears on line ${earlier}; this later row is the one kept` });
            const at = inBatch.get(key);
            if (at !== undefined) {
              batch[at] = { candidate: c, file: ev.file, line: ev.line };
              seen.set(key, ev.line);
              continue;
            }
          }
          seen.set(key, ev.line);
          inBatch.set(key, batch.length);
        }
        batch.push({ candidate: c, file: ev.file, line: ev.line });
        if (batch.length >= batchSize) {
          await flush();
          inBatch.clear();
        }
      }
    }
    bytesBefore += sizes[i];
    counts.bytesDone = bytesBefore;
  }
  await flush();
  await writeCandidateBatch(store, importId, [], [], () => counts);
  const imported = counts.created + counts.updated + counts.unchanged;
  const status = refused.length === files.length || (imported === 0 && counts.skipped > 0) ? "FAILED" : "SUCCEEDED";
  const message = refused.length ? refused.join("; ") : status === "FAILED" ? "no row could be imported; see the problems below" : null;
  return { status, message, counts };
}
