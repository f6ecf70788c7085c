// POST /api/candidates/cv — multipart/form-data with a `file` field (.txt, .pdf or .docx): the CV's
// text as { text, fileName }, for the candidate form to show and save. Nothing is stored here.
// 413 when the upload is over the limit (by content-length before reading, then as it streams in,
// then by the file's own size); 400 with { error } for a file that cannot be read.
import { withPermission } from "@/lib/auth/route";
import { UserError } from "@/lib/errors";
import { CV_MAX_BYTES, extractCvText } from "@/lib/candidates/cv";

export const runtime = "nodejs";

/** Room for the multipart boundaries and part headers around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_BODY_BYTES = CV_MAX_BYTES + FORM_OVERHEAD_BYTES;

const tooLarge = (name?: string) => Response.json({ error: `${name ? `${name}: larger` : "The CV is larger"} than ${CV_MAX_BYTES / 1024 ** 2} MB` }, { status: 413 });

export const POST = withPermission("candidates:write", async (req) => {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return tooLarge();
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw new UserError("Send the CV as multipart/form-data with a file field.");

  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === "too large") return tooLarge();
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new UserError("The upload could not be read; try again.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new UserError("Choose a CV file to upload.");
  if (file.size > CV_MAX_BYTES) return tooLarge(file.name);

  const cv = await extractCvText({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  return Response.json(cv, { headers: { "Cache-Control": "no-store" } });
});

/** The whole body, or "too large" as soon as it passes `limit` (content-length can be absent or wrong). */
async function readBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | "too large"> {
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return "too large";
      }
      chunks.push(value);
    }
  } catch {
    throw new UserError("The upload was interrupted; try again.");
  }
  return Buffer.concat(chunks);
}
