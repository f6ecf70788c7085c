// Row locks for read-then-write transactions. PostgreSQL: SELECT … FOR UPDATE, so concurrent
// transactions touching the same row queue behind each other. SQLite: nothing to do — every write
// transaction takes the database's write lock when it begins (lib/db/client.ts, BEGIN IMMEDIATE).
import { dialectOfDb, type Db } from "./client";

type Tx = Pick<Db, "$queryRawUnsafe">;
const LOCKABLE = { User: `SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE`, Import: `SELECT 1 FROM "Import" WHERE "id" = $1 FOR UPDATE` } as const;

/** Locks one row of `table` until the transaction `tx` (opened on `db`) ends. */
export async function lockRow(db: Db, tx: Tx, table: keyof typeof LOCKABLE, id: string): Promise<void> {
  if (dialectOfDb(db) === "postgres") await tx.$queryRawUnsafe(LOCKABLE[table], id);
}
