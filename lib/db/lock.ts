// Row locks for read-then-write transactions. PostgreSQL: SELECT … FOR UPDATE, so concurrent
// transactions touching the same row queue behind each other. SQLite: nothing to do — every write
// transaction takes the database's write lock when it begins (lib/db/client.ts, BEGIN IMMEDIATE).
import type { Db } from "./client";
import { dialectOfDb } from "./dialect";
import { query, Sql } from "./sql";

type Tx = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;
type Lockable = "User" | "Import";

/** Locks one row of `table` until the transaction `tx` (opened on `db`) ends. */
export async function lockRow(db: Db, tx: Tx, table: Lockable, id: string): Promise<void> {
  if (dialectOfDb(db) === "postgres") await query(tx, Sql.of(`SELECT 1 FROM "${table}" WHERE "id" = ? FOR UPDATE`, id), "postgres");
}
