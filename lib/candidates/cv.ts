import "server-only";
// The text of a candidate's CV from an uploaded .txt, .pdf or .docx file, for search and display.
// The extension decides the reader and the bytes must agree with it; every bad file is a UserError
// naming the file. Files are read in memory only (never written to disk); a .docx's zip directory
// is checked, and its entries inflated with size checks, before mammoth sees it (no zip bombs).
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import yauzl from "yauzl";
import { UserError } from "@/lib/errors";

export const CV_MAX_BYTES = 5 * 1024 * 1024;
export const CV_MAX_CHARS = 200_000;

/** What a .docx may hold once unzipped: a CV is small, its pictures are already compressed. */
const DOCX_LIMITS = { maxEntries: 1_000, maxUnzippedBytes: 100 * 1024 * 1024 };

export type CvFile = { name: string; bytes: Uint8Array };
export type CvText = { text: string; fileName: string };

/** Reads the CV's text; throws UserError ("<file>: <what is wrong>") for anything it cannot read. */
export async function extractCvText(file: CvFile): Promise<CvText> {
  const fileName = cleanFileName(file.name);
  const label = fileName || "The file";
  const ext = /\.([^.]+)$/.exec(fileName)?.[1].toLowerCase();
  if (ext !== "txt" && ext !== "pdf" && ext !== "docx") throw new UserError(`${label}: only .txt, .pdf and .docx CVs can be read`);
  const bytes = file.bytes;
  if (bytes.length === 0) throw new UserError(`${label}: the file is empty`);
  if (bytes.length > CV_MAX_BYTES) throw new UserError(`${label}: larger than ${CV_MAX_BYTES / 1024 ** 2} MB`);

  const raw = ext === "txt" ? readTxt(label, bytes) : ext === "pdf" ? await readPdf(label, bytes) : await readDocx(label, bytes);
  const text = normaliseCvText(raw);
  if (!text) throw new UserError(ext === "pdf" ? `${label}: no text found (is it a scanned image?)` : `${label}: no text found`);
  return { text, fileName };
}

/**
 * Tidies extracted text: line breaks as LF, no control characters (PostgreSQL refuses NUL), no
 * trailing spaces, runs of 3+ blank lines cut to 2, trimmed, and cut at CV_MAX_CHARS.
 */
export function normaliseCvText(raw: string): string {
  let text = raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\f\v\u0085\u2028\u2029]/g, "\n") // page and line separators
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/[^\S\n]+$/gm, "")
    .replace(/\n{4,}/g, "\n\n\n")
    .trim();
  if (text.length > CV_MAX_CHARS) {
    text = text.slice(0, CV_MAX_CHARS);
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1); // never half an emoji
    text = text.trimEnd();
  }
  return text;
}

/** The last part of the name (some browsers send a path), one line, at most 255 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
}

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// --- .txt -----------------------------------------------------------------------------------

/** Windows-1252's 0x80–0x9F (Node 20's TextDecoder("windows-1252") wrongly gives C1 controls). */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** UTF-8 (BOM dropped); Windows-1252 when the bytes are not valid UTF-8; UTF-16 only with a BOM. */
function readTxt(label: string, bytes: Uint8Array): string {
  const utf16 = startsWith(bytes, 0xff, 0xfe) ? "utf-16le" : startsWith(bytes, 0xfe, 0xff) ? "utf-16be" : null;
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes); // drops the BOM
    if (text.includes("\0")) throw new UserError(`${label}: this is not a text file`);
    return text;
  }
  if (bytes.includes(0)) throw new UserError(`${label}: this is not a text file`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    let text = "";
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
    return text;
  }
}

// --- .pdf -----------------------------------------------------------------------------------

async function readPdf(label: string, bytes: Uint8Array): Promise<string> {
  // Readers accept the header anywhere in the first 1 KB (some generators put junk before it).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) throw new UserError(`${label}: this is not a PDF file`);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // A copy: pdf.js refuses Node Buffers and may take over (detach) the array it is given.
    // verbosity 0: no console warnings for the repairs pdf.js makes to damaged files. Text only:
    // no eval-compiled fonts, no XFA forms (hostile files' code paths stay shut; PDF JavaScript
    // runs only in pdf.js's viewer, which is not used here).
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, enableXfa: false });
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch (e) {
    if ((e as Error | undefined)?.name === "PasswordException") throw new UserError(`${label}: the PDF is password-protected`);
    throw new UserError(`${label}: the file could not be read`);
  } finally {
    await pdf?.destroy().catch(() => {});
  }
}

// --- .docx ----------------------------------------------------------------------------------

class DocxTooLarge extends Error {}

async function readDocx(label: string, bytes: Uint8Array): Promise<string> {
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw new UserError(`${label}: this is an old Word .doc file; save it as .docx or PDF`);
  if (!startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) throw new UserError(`${label}: this is not a Word .docx file`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    await checkZip(buffer);
    const { value } = await mammoth.extractRawText({ buffer });
    return value;
  } catch (e) {
    if (e instanceof DocxTooLarge) throw new UserError(`${label}: the document is too large to read`);
    throw new UserError(`${label}: the file could not be read`);
  }
}

/**
 * Inflates every entry (discarding the output) so a bad or oversized zip fails here, bounded,
 * rather than in mammoth's in-memory unzip: the declared sizes must fit DOCX_LIMITS and yauzl
 * checks each entry's real size against its declared one.
 */
function checkZip(buffer: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      if (zip.entryCount > DOCX_LIMITS.maxEntries) return fail(new DocxTooLarge());
      let total = 0;
      zip.on("error", fail);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        total += entry.uncompressedSize;
        if (total > DOCX_LIMITS.maxUnzippedBytes) return fail(new DocxTooLarge());
        zip.openReadStream(entry, (err2, stream) => {
          if (err2 || !stream) return fail(err2 ?? new Error("unreadable entry"));
          stream.on("error", fail);
          stream.on("end", () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  });
}
