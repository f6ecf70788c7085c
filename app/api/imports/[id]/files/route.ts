// PUT /api/imports/:id/files?name=<file name> — the raw file as the request body, streamed to disk
// (never held in memory; no server-action body limit). The proxy skips this path so Next does not
// buffer the body for it; this handler authenticates and authorises itself. The upload reserves
// its place in the draft and its share of the user's quota before a byte is written
// (lib/import/uploads.ts); a failed or refused upload leaves nothing behind.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withPermission } from "@/lib/auth/route";
import { UserError } from "@/lib/errors";
import { uploadDir } from "@/lib/import/imports";
import { storedUploadPath } from "@/lib/import/stored-files";
import { commitUpload, releaseUpload, reserveUpload } from "@/lib/import/uploads";

export const PUT = withPermission<{ params: Promise<{ id: string }> }>("imports:create", async (req, { params, user }) => {
  const { id } = await params;
  const name = new URL(req.url).searchParams.get("name")?.trim() ?? "";
  if (!name || name.length > 255 || /[\\/\0]/.test(name)) throw new UserError("Give the file a plain name (no folders), up to 255 characters.");
  if (!/\.(csv|csv\.gz|txt|zip|pdf|docx)$/i.test(name)) throw new UserError(`${name}: only .csv, .csv.gz, .txt, .zip, .pdf and .docx files can be imported.`);
  const length = req.headers.get("content-length");
  const declared = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  if (!req.body || declared === 0) throw new UserError(`${name} is empty.`);

  const reservation = await reserveUpload(id, user, name, declared);
  const target = path.join(uploadDir(id), `${randomUUID().slice(0, 8)}-${name.replace(/[^\w.\- ]/g, "_")}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > reservation.bytes) done(new UserError(`${name} is larger than the ${Math.ceil(reservation.bytes / 1024 ** 2)} MB it may take.`));
      else done(null, chunk);
    },
  });
  try {
    await mkdir(uploadDir(id), { recursive: true });
    await pipeline(Readable.fromWeb(req.body as import("node:stream/web").ReadableStream), limit, createWriteStream(target));
    const files = await commitUpload(reservation, { name, path: storedUploadPath(target), size });
    if (files === null) throw new UserError("That import has already started or was discarded; start a new one to add files.", "CONFLICT");
    return Response.json({ name, size, files });
  } catch (e) {
    await rm(target, { force: true });
    await releaseUpload(reservation);
    if (e instanceof UserError) throw e;
    throw new UserError(`${name}: the upload was interrupted; try again.`);
  }
});
