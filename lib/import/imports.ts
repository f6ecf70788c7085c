// Import records as the web app sees them (Prisma): create from uploads, list, read one.
import type { Db } from "@/lib/db/client";
import type { StoredFile } from "./pipeline";

export async function createImport(db: Db, opts: { origin: "web" | "cli"; userId: string | null; files: StoredFile[]; status?: "DRAFT" | "QUEUED" }) {
  return db.import.create({
    data: {
      origin: opts.origin,
      createdById: opts.userId,
      files: JSON.stringify(opts.files),
      bytesTotal: BigInt(opts.files.reduce((a, f) => a + f.size, 0)),
      status: opts.status ?? "DRAFT",
    },
    select: { id: true },
  });
}
