// Direct driver connections, for the few paths Prisma is too slow or too coarse for
// (migrations, bulk import, raw full-text queries in scripts). Everything else goes through Prisma.
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "./dialect";

export function openSqlite(url: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(sqlitePath(url), { readonly: options.readonly ?? false, timeout: 10_000 });
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("foreign_keys = ON");
  return db;
}

export function openPgPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}
