// Reads one uploaded or named file as a stream of events: ads, problems (with file, line and
// field) and progress. A file that is not an import at all (empty, header only, binary, wrong
// header, broken zip) yields one fatal problem and no ads.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { ADZUNA_COLUMNS, readHeader, rowToSourceAd } from "./adzuna-csv";
import { categoryFromFolder } from "./categories";
import { readCsv, type CsvProblem } from "./csv-reader";
import { decodeBytes, hasUtf16Bom, looksBinary } from "./decode";
import { parseTextAd } from "./text-ad";
import type { ImportProblem, MergePolicy, SourceAd } from "./types";
import { planZip, readZipEntries, ZIP_LIMITS } from "./zip";

export type FileFormat = "csv" | "text" | "zip";

/** A gzipped CSV may expand this much, at most (the whole Adzuna set is ~400 MB of CSV). */
export const GZIP_MAX_INFLATED_BYTES = 8 * 1024 ** 3;

export type ImportFile = {
  /** Where the bytes are on disk. */
  path: string;
  /** The name shown in reports (the uploaded file name, or the path given to the CLI). */
  name: string;
  /** For a loose text ad: the category its folder names (CLI folders), if any. */
  category?: string | null;
};

export type SourceEvent =
  | { type: "format"; format: FileFormat; detail: string }
  | { type: "ad"; ad: SourceAd; policy: MergePolicy }
  | { type: "problem"; problem: ImportProblem; rowSkipped: boolean; fatal: boolean }
  | { type: "progress"; bytes: number };

const MAX_TEXT_AD_BYTES = ZIP_LIMITS.maxEntryBytes;
const UTF16 = "is UTF-16 text; save it as UTF-8 and import it again";
/** The first line of a text ad whose Title: line is missing (the parser then says what is missing, and where). */
const TEXT_AD_FIELD = /^\s*(Webindex|Company|Description)\s*:/i;

export async function detectFormat(file: ImportFile): Promise<{ format: FileFormat; gzip?: boolean } | { error: string }> {
  const size = (await stat(file.path)).size;
  if (size === 0) return { error: "the file is empty" };
  const fh = await open(file.path, "r");
  const head = Buffer.alloc(Math.min(size, 8192));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const ext = path.extname(file.name).toLowerCase();
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // A gzipped file: only a CSV (Train_rev1.csv.gz as Adzuna ships it). Its head is looked at inflated.
    if (!/\.csv\.gz$/i.test(file.name)) return { error: "is gzipped: only a gzipped CSV (.csv.gz) can be imported" };
    return { format: "csv", gzip: true };
  }
  if (ext === ".gz") return { error: "has a .gz name but is not gzipped" };
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return { format: "zip" };
  if (ext === ".zip") return { error: "has a .zip name but is not a zip archive" };
  if (hasUtf16Bom(head)) return { error: UTF16 };
  if (looksBinary(head)) return { error: "is a binary file, not a CSV, a text ad or a zip" };
  const text = decodeBytes(head).text;
  const firstLine = text.split(/\r?\n/).find((l) => l.trim()) ?? "";
  if (/^\s*Title\s*:/i.test(firstLine) || (ext === ".txt" && TEXT_AD_FIELD.test(firstLine))) return { format: "text" };
  if (ext === ".txt") return { error: 'is not a text ad: it should start with "Title:"' };
  if (ext === ".csv" || firstLine.includes(",")) return { format: "csv" };
  return { error: 'is not an import: expected an Adzuna CSV (header Id,Title,FullDescription,…, or gzipped as .csv.gz), a text ad starting with "Title:" or a .zip of text ads' };
}

/** The warning for header columns a reader does not know (ad and candidate files alike); the rows still import. */
export function unknownColumnsWarning(file: string, line: number, unknown: string[]): Extract<SourceEvent, { type: "problem" }> {
  return {
    type: "problem",
    problem: { file, line, field: null, severity: "warning", message: `unknown column${unknown.length > 1 ? "s" : ""} ignored: ${unknown.join(", ")}` },
    rowSkipped: false,
    fatal: false,
  };
}

function fatal(file: string, message: string): SourceEvent {
  return { type: "problem", problem: { file, line: null, field: null, severity: "error", message }, rowSkipped: false, fatal: true };
}

export async function* readImportFile(file: ImportFile): AsyncGenerator<SourceEvent> {
  const detected = await detectFormat(file);
  if ("error" in detected) {
    yield fatal(file.name, detected.error);
    return;
  }
  if (detected.format === "csv") yield* readCsvFile(file, detected.gzip === true);
  else if (detected.format === "text") yield* readTextFile(file);
  else yield* readZipFile(file);
}

/**
 * The CSV's bytes: the file itself, or inflated from gzip, streamed (never whole in memory), with
 * a cap on what it may expand to. `read()` tells how much of the file on disk has been read
 * (progress is reported in those bytes, as the total is the file's size).
 */
function csvStream(file: ImportFile, gzip: boolean): { stream: NodeJS.ReadableStream & { destroy(): void }; read: (parsed: number) => number } {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  if (!gzip) return { stream: raw, read: (parsed) => parsed };
  let inflated = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      inflated += chunk.length;
      if (inflated > GZIP_MAX_INFLATED_BYTES) done(new Error(`expands to more than ${GZIP_MAX_INFLATED_BYTES / 1024 ** 3} GB when unzipped`));
      else done(null, chunk);
    },
  });
  // pipeline: an error anywhere (a damaged gzip, the cap) ends the last stream with it, and
  // destroying the last stream closes the file.
  const stream = pipeline(raw, createGunzip(), cap, () => {});
  return { stream, read: () => raw.bytesRead };
}

async function* readCsvFile(file: ImportFile, gzip = false): AsyncGenerator<SourceEvent> {
  let header: ReturnType<typeof readHeader> | null = null;
  let names: string[] = []; // column index → the field name problems report
  let rows = 0;
  let headerStop = null as CsvProblem | null; // the reader stopped before a header was read
  const raw: CsvProblem[] = [];
  // The reader's problems, reported once the records read with them are: a problem that stops the
  // reader (an unclosed quote, a record over the size limit) skips the record it starts on.
  function* pending(): Generator<SourceEvent> {
    for (const p of raw.splice(0)) {
      if (p.fatal && !header) {
        headerStop = p;
        continue;
      }
      if (p.fatal) rows++;
      const field = p.column === undefined ? null : (names[p.column] ?? null);
      yield { type: "problem", problem: { file: file.name, line: p.line, field, severity: p.fatal ? "error" : "warning", message: p.message }, rowSkipped: p.fatal, fatal: false };
    }
  }
  const { stream, read } = csvStream(file, gzip);
  try {
    for await (const { records, bytesParsed } of readCsv(stream as AsyncIterable<Uint8Array>, { onProblem: (p) => raw.push(p) })) {
      for (const rec of records) {
        if (!header) {
          header = readHeader(rec.fields);
          if (!header.ok) {
            yield fatal(file.name, header.message);
            return;
          }
          const { columns } = header;
          names = rec.fields.map((f, i) => ADZUNA_COLUMNS.find((c) => columns[c] === i) ?? (f.trim() || `column ${i + 1}`));
          const layout =
            header.layout === "train"
              ? "Adzuna CSV (Train layout)"
              : header.layout === "valid"
                ? "Adzuna CSV (Valid/Test layout, no salary columns)"
                : "Adzuna CSV (some optional columns missing)";
          yield { type: "format", format: "csv", detail: gzip ? `${layout}, gzipped` : layout };
          if (header.unknown.length) yield unknownColumnsWarning(file.name, rec.line, header.unknown);
          continue;
        }
        rows++;
        const { ad, problems } = rowToSourceAd(rec.fields, header, file.name, rec.line);
        if (rec.windows1252 && ad) {
          problems.push({ file: file.name, line: rec.line, field: null, severity: "warning", message: "text that is not UTF-8 was read as Windows-1252" });
        }
        let skipCounted = false; // a row with several errors is skipped once
        for (const p of problems) {
          const rowSkipped: boolean = !ad && p.severity === "error" && !skipCounted;
          skipCounted ||= rowSkipped;
          yield { type: "problem", problem: p, rowSkipped, fatal: false };
        }
        if (ad) yield { type: "ad", ad, policy: "replace" };
      }
      yield* pending();
      yield { type: "progress", bytes: read(bytesParsed) };
    }
    yield* pending();
  } catch (e) {
    if (!gzip) throw e;
    // A damaged or oversized gzip: what was read stays; the rest of the file is refused.
    yield fatal(file.name, `could not be unzipped to the end (${(e as Error).message})`);
    return;
  } finally {
    stream.destroy();
  }
  if (!header && headerStop) {
    const { line, message } = headerStop;
    yield {
      type: "problem",
      problem: { file: file.name, line, field: null, severity: "error", message: `the header on line ${line} cannot be read: ${message}` },
      rowSkipped: false,
      fatal: true,
    };
  } else if (!header) yield fatal(file.name, "the file is empty");
  else if (header.ok && rows === 0) yield fatal(file.name, "has a header but no rows");
}

function* textAdEvents(bytes: Buffer, name: string, category: string | null): Generator<SourceEvent> {
  if (hasUtf16Bom(bytes)) {
    yield { type: "problem", problem: { file: name, line: null, field: null, severity: "error", message: UTF16 }, rowSkipped: true, fatal: false };
    return;
  }
  // A NUL anywhere (looksBinary reads the first 8 KB): no ad holds one, and PostgreSQL refuses it in text.
  if (looksBinary(bytes) || bytes.includes(0)) {
    yield { type: "problem", problem: { file: name, line: null, field: null, severity: "error", message: "is a binary file, not a text ad" }, rowSkipped: true, fatal: false };
    return;
  }
  const { text, encoding } = decodeBytes(bytes);
  const parsed = parseTextAd(text);
  if (!parsed.ok) {
    // Each problem is reported; the ad counts once as skipped.
    for (const [i, p] of parsed.problems.entries()) {
      yield { type: "problem", problem: { file: name, line: p.line, field: p.field, severity: "error", message: p.message }, rowSkipped: i === 0, fatal: false };
    }
    return;
  }
  if (encoding === "windows-1252")
    yield {
      type: "problem",
      problem: { file: name, line: null, field: null, severity: "warning", message: "text that is not UTF-8 was read as Windows-1252" },
      rowSkipped: false,
      fatal: false,
    };
  const { ad } = parsed;
  yield {
    type: "ad",
    policy: "fill",
    ad: {
      kind: "text",
      file: name,
      line: 1,
      externalId: ad.webindex,
      title: ad.title,
      description: ad.description,
      company: ad.company,
      category,
      locationRaw: null,
      locationNormalized: null,
      contractType: null,
      contractTime: null,
      salaryRaw: null,
      salaryNormalized: null,
      source: null,
    },
  };
}

async function* readTextFile(file: ImportFile): AsyncGenerator<SourceEvent> {
  const { size } = await stat(file.path);
  if (size > MAX_TEXT_AD_BYTES) {
    yield fatal(file.name, `is ${Math.round(size / 1024)} KB, too big for a text ad (limit ${MAX_TEXT_AD_BYTES / 1024} KB)`);
    return;
  }
  const { readFile } = await import("node:fs/promises");
  yield { type: "format", format: "text", detail: "text ad" };
  yield* textAdEvents(await readFile(file.path), file.name, file.category ?? null);
  yield { type: "progress", bytes: size };
}

async function* readZipFile(file: ImportFile): AsyncGenerator<SourceEvent> {
  const plan = await planZip(file.path);
  if (!plan.ok) {
    yield fatal(file.name, plan.message);
    return;
  }
  const skipped = function* (): Generator<SourceEvent> {
    for (const s of plan.skipped) {
      yield { type: "problem", problem: { file: `${file.name}: ${s.name}`, line: null, field: null, severity: "warning", message: s.reason }, rowSkipped: false, fatal: false };
    }
  };
  if (!plan.entries.length) {
    yield* skipped(); // why each entry was not read
    yield fatal(file.name, `holds no .txt text ads${plan.skipped.length ? ` (${plan.skipped.length} other entries skipped)` : ""}`);
    return;
  }
  yield { type: "format", format: "zip", detail: `zip of ${plan.entries.length.toLocaleString("en-GB")} text ads` };
  yield* skipped();
  const byName = new Map(plan.entries.map((e) => [e.name, e]));
  let done = 0;
  for await (const entry of readZipEntries(file.path, new Set(byName.keys()))) {
    const info = byName.get(entry.name)!;
    const name = `${file.name}: ${entry.name}`;
    if ("error" in entry) {
      yield { type: "problem", problem: { file: name, line: null, field: null, severity: "error", message: `could not be read (${entry.error})` }, rowSkipped: true, fatal: false };
    } else {
      yield* textAdEvents(entry.bytes, name, info.folder ? categoryFromFolder(info.folder) : null);
    }
    done += info.compressedSize;
    yield { type: "progress", bytes: done };
  }
}
