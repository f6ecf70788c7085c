// The text of an uploaded document (.txt, .pdf, .docx), bounded before and while it is read. Run
// only inside the extraction worker (sandbox.ts), which adds the wall-clock and memory limits;
// this module bounds what a file may expand to, so a small file cannot ask for gigabytes:
// - .docx: the zip directory's declared sizes and ratios are checked before anything inflates,
//   then every entry is inflated once with its real size checked against the declared one
//   (mammoth's own unzip trusts the directory);
// - .pdf: every Flate stream is inflated with a cap on its output before pdf.js sees the file,
//   and text is taken from at most `maxPages` pages until `maxChars` characters.
// Every refusal is an ExtractError whose message is written for the person who uploaded the file.
import { inflateSync, constants as zlibConstants } from "node:zlib";
import mammoth from "mammoth";
import { getDocumentProxy } from "unpdf";
import yauzl from "yauzl";
import { ZipBudget, type ZipLimits } from "./zip-limits";

export type DocumentKind = "txt" | "pdf" | "docx";

export type ReadLimits = {
  /** characters of text kept (and the point where reading a PDF stops) */
  maxChars: number;
  /** PDF pages read */
  maxPages: number;
  /** .docx: the archive's directory */
  docx: ZipLimits & { /** one XML part (document, styles, notes…), inflated */ maxPartBytes: number };
  /** .pdf: its compressed streams, inflated */
  pdf: { maxTotalBytes: number; maxRatio: number; ratioFloorBytes: number };
};

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxChars: 200_000,
  maxPages: 50,
  docx: { maxEntries: 1_000, maxTotalBytes: 64 * 1024 ** 2, maxRatio: 100, ratioFloorBytes: 1024 ** 2, maxPartBytes: 4 * 1024 ** 2 },
  pdf: { maxTotalBytes: 64 * 1024 ** 2, maxRatio: 100, ratioFloorBytes: 1024 ** 2 },
};

export const SMALLER = "save it as a smaller PDF or paste the text";

export class ExtractError extends Error {}

const mb = (n: number) => `${+(n / 1024 ** 2).toFixed(1)} MB`;

export function kindOf(fileName: string): DocumentKind | null {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1].toLowerCase();
  return ext === "txt" || ext === "pdf" || ext === "docx" ? ext : null;
}

/** The raw text of a file of this kind (not yet tidied); ExtractError for anything refused. */
export async function readDocument(kind: DocumentKind, bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<string> {
  if (kind === "txt") return readTxt(bytes);
  if (kind === "pdf") return readPdf(bytes, limits);
  return readDocx(bytes, limits);
}

/**
 * Tidies extracted text: line breaks as LF, no control characters (PostgreSQL refuses NUL), no
 * trailing spaces, runs of 3+ blank lines cut to 2, trimmed, and cut at `maxChars`.
 */
export function normaliseText(raw: string, maxChars: number): string {
  let text = raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\f\v\u0085\u2028\u2029]/g, "\n") // page and line separators
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/[^\S\n]+$/gm, "")
    .replace(/\n{4,}/g, "\n\n\n")
    .trim();
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1); // never half an emoji
    text = text.trimEnd();
  }
  return text;
}

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// --- .txt -----------------------------------------------------------------------------------

/** Windows-1252's 0x80–0x9F (Node 20's TextDecoder("windows-1252") wrongly gives C1 controls). */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** UTF-8 (BOM dropped); Windows-1252 when the bytes are not valid UTF-8; UTF-16 only with a BOM. */
function readTxt(bytes: Uint8Array): string {
  const utf16 = startsWith(bytes, 0xff, 0xfe) ? "utf-16le" : startsWith(bytes, 0xfe, 0xff) ? "utf-16be" : null;
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes); // drops the BOM
    if (text.includes("\0")) throw new ExtractError("this is not a text file");
    return text;
  }
  if (bytes.includes(0)) throw new ExtractError("this is not a text file");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    let text = "";
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
    return text;
  }
}

// --- .pdf -----------------------------------------------------------------------------------

/**
 * Inflates every zlib-compressed stream of the file, each with a cap on its output, and says when
 * one expands past `maxRatio` × its stored size (over `ratioFloorBytes`) or all of them past
 * `maxTotalBytes`. Streams are found by their `stream` … `endstream` keywords (no object parsing:
 * a stream the scan cannot inflate is left to pdf.js, which meets it under the worker's limits).
 */
export function pdfExpansionProblem(bytes: Uint8Array, limits: ReadLimits["pdf"]): string | null {
  const buf = asBuffer(bytes);
  let total = 0;
  let pos = 0;
  for (;;) {
    const s = buf.indexOf("stream", pos, "latin1");
    if (s < 0) return null;
    pos = s + 6;
    if (s >= 3 && buf.toString("latin1", s - 3, s) === "end") continue;
    let start = s + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && start === s + 6) continue; // the keyword is followed by an end of line
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf("endstream", start, "latin1");
    if (end < 0) return null;
    pos = end + 9;
    const stored = end - start;
    // A zlib header: deflate, and a check value that holds.
    if (stored < 2 || (buf[start] & 0x0f) !== 8 || ((buf[start] << 8) | buf[start + 1]) % 31 !== 0) continue;
    const byRatio = Math.max(limits.ratioFloorBytes, limits.maxRatio * stored);
    const byTotal = limits.maxTotalBytes - total;
    let size: number;
    try {
      size = inflateSync(buf.subarray(start, end), { maxOutputLength: Math.min(byRatio, byTotal) + 1, finishFlush: zlibConstants.Z_SYNC_FLUSH }).length;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") continue; // not for us to judge
      size = Math.min(byRatio, byTotal) + 1;
    }
    if (size > byRatio) return `this PDF expands more than ${limits.maxRatio}× when opened (${mb(stored)} → over ${mb(byRatio)})`;
    total += size;
    if (total > limits.maxTotalBytes) return `this PDF expands to more than ${mb(limits.maxTotalBytes)} when opened`;
  }
}

async function readPdf(bytes: Uint8Array, limits: ReadLimits): Promise<string> {
  // Readers accept the header anywhere in the first 1 KB (some generators put junk before it).
  const head = asBuffer(bytes).toString("latin1", 0, Math.min(bytes.length, 1024));
  if (!head.includes("%PDF-")) throw new ExtractError("this is not a PDF file");
  const tooBig = pdfExpansionProblem(bytes, limits.pdf);
  if (tooBig) throw new ExtractError(`${tooBig} — ${SMALLER}`);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // A copy: pdf.js may take over (detach) the array it is given. verbosity 0: no console
    // warnings for the repairs pdf.js makes to damaged files. Text only: no eval-compiled fonts,
    // no XFA forms (PDF JavaScript runs only in pdf.js's viewer, which is not used here).
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, enableXfa: false });
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, limits.maxPages) && chars < limits.maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
      page.cleanup();
      pages.push(text);
      chars += text.length;
    }
    return pages
      .join("\n")
      .replace(/[^\S\n]+/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .replace(/\n{3,}/g, "\n\n");
  } catch (e) {
    if ((e as Error | undefined)?.name === "PasswordException") throw new ExtractError("the PDF is password-protected");
    throw new ExtractError("the file could not be read");
  } finally {
    await pdf?.destroy().catch(() => {});
  }
}

// --- .docx ----------------------------------------------------------------------------------

async function readDocx(bytes: Uint8Array, limits: ReadLimits): Promise<string> {
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw new ExtractError("this is an old Word .doc file; save it as .docx or PDF");
  if (!startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) throw new ExtractError("this is not a Word .docx file");
  const buffer = asBuffer(bytes);
  await checkDocxZip(buffer, limits.docx);
  try {
    const { value } = await mammoth.extractRawText({ buffer });
    return value;
  } catch {
    throw new ExtractError("the file could not be read");
  }
}

type Zip = yauzl.ZipFile;

const openZip = (buffer: Buffer) =>
  new Promise<Zip>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, autoClose: false }, (err, zip) => (err || !zip ? reject(err ?? new Error("not a zip")) : resolve(zip))),
  );

/** Every entry of the directory, in order, without inflating any. */
function listEntries(zip: Zip): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** Inflates one entry, discarding the output: yauzl fails it when the real size is not the declared one. */
function drain(zip: Zip, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("unreadable entry"));
      stream.on("error", reject);
      stream.on("end", () => resolve());
      stream.resume();
    }),
  );
}

/**
 * The whole directory first (declared sizes, ratios, one XML part's size), then each entry inflated
 * once: so a bad or oversized zip fails here, bounded, rather than in mammoth's in-memory unzip.
 */
async function checkDocxZip(buffer: Buffer, limits: ReadLimits["docx"]): Promise<void> {
  let zip: Zip;
  try {
    zip = await openZip(buffer);
  } catch {
    throw new ExtractError("the file could not be read");
  }
  try {
    const budget = new ZipBudget(limits);
    if (budget.checkCount(zip.entryCount)) throw new ExtractError(`this document holds more than ${limits.maxEntries.toLocaleString("en-GB")} parts — ${SMALLER}`);
    let entries: yauzl.Entry[];
    try {
      entries = (await listEntries(zip)).filter((e) => !e.fileName.endsWith("/"));
    } catch {
      throw new ExtractError("the file could not be read");
    }
    for (const e of entries) {
      const problem = budget.add({ name: e.fileName, uncompressedSize: e.uncompressedSize, compressedSize: e.compressedSize });
      if (problem?.kind === "ratio") throw new ExtractError(`this file expands more than ${limits.maxRatio}× when opened (a “zip bomb”?) — ${SMALLER}`);
      if (problem) throw new ExtractError(`this file expands to more than ${mb(limits.maxTotalBytes)} when opened — ${SMALLER}`);
      if (!e.fileName.startsWith("word/media/") && e.uncompressedSize > limits.maxPartBytes) {
        throw new ExtractError(`this file expands to more than ${mb(limits.maxPartBytes)} of text — ${SMALLER}`);
      }
    }
    try {
      for (const e of entries) await drain(zip, e);
    } catch {
      throw new ExtractError("the file could not be read");
    }
  } finally {
    zip.close();
  }
}
