import "server-only";
// The text of a candidate's CV from an uploaded .txt, .pdf or .docx file, for search and display.
// The extension decides the reader and the bytes must agree with it. Reading happens off the
// event loop, in a worker thread with time and memory limits (lib/extract/sandbox.ts); what a file
// may expand to is bounded before it is inflated (lib/extract/readers.ts). Every bad file is a
// UserError naming the file. Nothing is written to disk.
import { UserError } from "@/lib/errors";
import { DEFAULT_SANDBOX_LIMITS, extractText, type SandboxLimits } from "@/lib/extract/sandbox";

export const CV_MAX_BYTES = DEFAULT_SANDBOX_LIMITS.maxBytes;
export const CV_MAX_CHARS = DEFAULT_SANDBOX_LIMITS.maxChars;

export type CvFile = { name: string; bytes: Uint8Array };
export type CvText = { text: string; fileName: string };

/** Reads the CV's text; throws UserError ("<file>: <what is wrong>") for anything it cannot read. */
export async function extractCvText(file: CvFile, limits: Partial<SandboxLimits> = {}): Promise<CvText> {
  const fileName = cleanFileName(file.name);
  const result = await extractText(fileName, file.bytes, limits);
  if (!result.ok) throw new UserError(`${fileName || "The file"}: ${result.message}`);
  return { text: result.text, fileName };
}

/** The last part of the name (some browsers send a path), one line, at most 255 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 255);
}
