// The files an import reads, as kept (JSON) on its record. An uploaded file's path is relative to
// the uploads folder (UPLOAD_DIR: shared by every app server), so whichever server previews or runs
// the import finds it; files named on the command line keep their absolute path.
import path from "node:path";
import { uploadRoot } from "@/lib/env";

export type StoredFile = { name: string; path: string; size: number; category?: string | null };

export function parseStoredFiles(json: string): StoredFile[] {
  try {
    const files = JSON.parse(json) as StoredFile[];
    return Array.isArray(files) ? files.map((f) => (path.isAbsolute(f.path) ? f : { ...f, path: path.join(uploadRoot(), f.path) })) : [];
  } catch {
    return [];
  }
}

/** How an upload's path is stored: relative to the uploads folder. */
export function storedUploadPath(absolute: string): string {
  return path.relative(uploadRoot(), absolute);
}
