import "server-only";
// Company look-ups for pickers.
import { getDb, type Db } from "@/lib/db/client";
import { likePrefix } from "@/lib/db/like";
import { query, Sql } from "@/lib/db/sql";

/** Companies whose name starts with `text` (case-insensitively, `%` and `_` literal), A–Z. */
export function findCompaniesByPrefix(text: string, limit = 12, db: Db = getDb()): Promise<{ id: number; name: string }[]> {
  const pattern = likePrefix(text.trim().toLowerCase());
  return query<{ id: number; name: string }>(db, Sql.of(`SELECT "id", "name" FROM "Company" WHERE "nameKey" LIKE ? ESCAPE '\\' ORDER BY "nameKey" LIMIT ?`, pattern, limit));
}
