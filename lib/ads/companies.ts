import "server-only";
// Company look-ups for pickers.
import { getDb, type Db } from "@/lib/db/client";
import { likePrefix } from "@/lib/db/like";

/** Companies whose name starts with `text` (case-insensitively, `%` and `_` literal), A–Z. */
export function findCompaniesByPrefix(text: string, limit = 12, db: Db = getDb()): Promise<{ id: number; name: string }[]> {
  const pattern = likePrefix(text.trim().toLowerCase());
  return db.$queryRaw<{ id: number; name: string }[]>`SELECT "id", "name" FROM "Company" WHERE "nameKey" LIKE ${pattern} ESCAPE '\\' ORDER BY "nameKey" LIMIT ${limit}`;
}
