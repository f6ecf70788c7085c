// Text ads in a .zip, the folder naming the category. The central directory is checked against
// size and entry-count limits before a single entry is inflated; entries are streamed into memory
// one at a time (never extracted to disk, so no name can escape a folder), and names that try to
// anyway are listed as skipped.
import yauzl from "yauzl";
import { ZipBudget } from "@/lib/extract/zip-limits";

export const ZIP_LIMITS = {
  maxEntries: 20_000,
  maxTotalBytes: 1024 * 1024 * 1024, // uncompressed, all entries
  maxEntryBytes: 1024 * 1024, // one text ad
  maxRatio: 200, // uncompressed / compressed, for entries over 64 KB
  ratioFloorBytes: 65_536,
};

export type ZipEntryInfo = { name: string; folder: string | null; uncompressedSize: number; compressedSize: number };
export type ZipPlan = { ok: true; entries: ZipEntryInfo[]; skipped: { name: string; reason: string }[] } | { ok: false; message: string };

type ZipFile = yauzl.ZipFile;

function open(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip!),
    ),
  );
}

const CP437_HIGH = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ";

function decodeName(raw: Buffer, utf8: boolean): string {
  if (utf8) return raw.toString("utf8");
  let s = "";
  for (const b of raw) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

/** Why a name must not be used, or null when it is a safe relative path. */
export function unsafeName(name: string): string | null {
  if (name.includes("\0")) return "the name contains a NUL byte";
  if (name.includes("\\")) return "the name uses backslashes";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "the name is an absolute path";
  if (name.split("/").some((p) => p === "..")) return "the name climbs out of the archive (..)";
  return null;
}

/** What a zip's entries may be: text ads (the default) or CV files (a candidate import). */
export type ZipContent = { extensions: string[]; maxEntryBytes: number; what: string };
export const TEXT_AD_ENTRIES: ZipContent = { extensions: [".txt"], maxEntryBytes: ZIP_LIMITS.maxEntryBytes, what: "a text ad" };

/** Reads the central directory and decides what will be read, without inflating anything. */
export async function planZip(path: string, content: ZipContent = TEXT_AD_ENTRIES): Promise<ZipPlan> {
  let zip: ZipFile;
  try {
    zip = await open(path);
  } catch (e) {
    return { ok: false, message: `not a readable zip file (${(e as Error).message})` };
  }
  try {
    const budget = new ZipBudget(ZIP_LIMITS);
    const tooMany = budget.checkCount(zip.entryCount);
    if (tooMany) return { ok: false, message: tooMany.message };
    const entries: ZipEntryInfo[] = [];
    const skipped: { name: string; reason: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
        const name = decodeName(entry.fileName as unknown as Buffer, utf8);
        if (name.endsWith("/")) return zip.readEntry(); // a folder
        const unsafe = unsafeName(name);
        const base = name.split("/").pop()!;
        if (unsafe) skipped.push({ name, reason: `skipped: ${unsafe}` });
        else if (name.startsWith("__MACOSX/") || base.startsWith("._")) skipped.push({ name, reason: "skipped: macOS metadata" });
        else if (!content.extensions.some((x) => base.toLowerCase().endsWith(x))) skipped.push({ name, reason: `skipped: not a ${content.extensions.join(", ")} file` });
        else if (entry.uncompressedSize > content.maxEntryBytes)
          skipped.push({ name, reason: `skipped: larger than ${content.maxEntryBytes / 1024} KB, too big for ${content.what}` });
        else {
          const parts = name.split("/");
          entries.push({ name, folder: parts.length > 1 ? parts[parts.length - 2] : null, uncompressedSize: entry.uncompressedSize, compressedSize: entry.compressedSize });
        }
        const problem = budget.add({ name, uncompressedSize: entry.uncompressedSize, compressedSize: entry.compressedSize });
        if (problem) return reject(new Error(problem.message));
        zip.readEntry();
      });
      zip.on("end", () => resolve());
      zip.on("error", reject);
      zip.readEntry();
    });
    return { ok: true, entries, skipped };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    zip.close();
  }
}

/** Yields each planned entry's bytes, in archive order. */
export async function* readZipEntries(
  path: string,
  wanted: Set<string>,
  maxEntryBytes: number = ZIP_LIMITS.maxEntryBytes,
): AsyncGenerator<{ name: string; bytes: Buffer } | { name: string; error: string }> {
  const zip = await open(path);
  try {
    const queue: yauzl.Entry[] = [];
    let done = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    zip.on("entry", (entry: yauzl.Entry) => {
      queue.push(entry);
      wake?.();
    });
    zip.on("end", () => {
      done = true;
      wake?.();
    });
    zip.on("error", (e: Error) => {
      failure = e;
      wake?.();
    });
    for (;;) {
      zip.readEntry();
      while (!queue.length && !done && !failure) await new Promise<void>((r) => (wake = r));
      wake = null;
      if (failure) throw failure;
      const entry = queue.shift();
      if (!entry) return;
      const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
      const name = decodeName(entry.fileName as unknown as Buffer, utf8);
      if (!wanted.has(name)) continue;
      try {
        const bytes = await new Promise<Buffer>((resolve, reject) => {
          zip.openReadStream(entry, (err, stream) => {
            if (err) return reject(err);
            const chunks: Buffer[] = [];
            let size = 0;
            stream!.on("data", (c: Buffer) => {
              size += c.length;
              if (size > maxEntryBytes) stream!.destroy(new Error(`expands past ${maxEntryBytes / 1024} KB`));
              else chunks.push(c);
            });
            stream!.on("end", () => resolve(Buffer.concat(chunks)));
            stream!.on("error", reject);
          });
        });
        yield { name, bytes };
      } catch (e) {
        yield { name, error: (e as Error).message };
      }
    }
  } finally {
    zip.close();
  }
}
