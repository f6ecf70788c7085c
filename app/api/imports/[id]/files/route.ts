// PUT /api/imports/:id/files?name=<file name> — the raw file as the request body, streamed to disk
// (never held in memory; no server-action body limit). The proxy skips this path so Next does not
// buffer the body for it; this handler authenticates and authorises itself.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withPermission } from "@/lib/auth/route";
import { UserError } from "@/lib/errors";
import { loadDraft, MAX_FILES_PER_IMPORT, MAX_UPLOAD_BYTES, saveDraftFiles, uploadDir } from "@/lib/import/imports";

export const PUT = withPermission<{ params: Promise<{ id: string }> }>("imports:create", async (req, { params, user }) => {
  const { id } = await params;
  const name = new URL(req.url).searchParams.get("name")?.trim() ?? "";
  if (!name || name.length > 255 || /[\\/\0]/.test(name)) throw new UserError("Give the file a plain name (no folders), up to 255 characters.");
  if (!/\.(csv|txt|zip)$/i.test(name)) throw new UserError(`${name}: only .csv, .txt and .zip files can be imported.`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES) throw new UserError(`${name} is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`);
  const draft = await loadDraft(id, user);
  if (draft.storedFiles.length >= MAX_FILES_PER_IMPORT) throw new UserError(`An import takes at most ${MAX_FILES_PER_IMPORT} files.`);
  if (!req.body) throw new UserError(`${name} is empty.`);

  const target = path.join(uploadDir(id), `${randomUUID().slice(0, 8)}-${name.replace(/[^\w.\- ]/g, "_")}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) done(new UserError(`${name} is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(req.body as import("node:stream/web").ReadableStream), limit, createWriteStream(target));
  } catch (e) {
    await rm(target, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError(`${name}: the upload was interrupted; try again.`);
  }
  // Re-read: another upload to the same draft may have finished meanwhile.
  const latest = await loadDraft(id, user);
  const files = [...latest.storedFiles, { name, path: target, size }];
  await saveDraftFiles(id, files);
  return Response.json({ name, size, files: files.length });
});
