// The Prisma client for DATABASE_URL: SQLite (better-sqlite3 adapter) by default, PostgreSQL
// (pg adapter, its own generated client) when the URL says so. Both clients come from the same
// models, so the app is typed against one of them.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client";
import { PrismaClient as PgClient } from "@/lib/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { DIALECT_KEY, dialectOf, dialectOfDb, sqlitePath, type Dialect } from "./dialect";

export type Db = SqliteClient;
export { Prisma } from "@/lib/generated/prisma-sqlite/client";
export type * from "@/lib/generated/prisma-sqlite/client";

export type QueryEvent = { query: string; params: string; duration: number };
export type CreateDbOptions = { /** every statement sent, with its parameters as JSON (the query benchmark) */ onQuery?: (e: QueryEvent) => void };

/**
 * The better-sqlite3 adapter, with transactions that take the write lock when they begin
 * (BEGIN IMMEDIATE). The adapter's plain BEGIN reads first and asks for the lock at the first
 * write; when another process (`npm start` runs one per core) has written in between, SQLite
 * refuses at once with SQLITE_BUSY instead of waiting. Taking the lock up front makes a
 * transaction wait its turn (the busy timeout) like any single write.
 */
class ImmediateSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

/**
 * The pg adapter, with each transaction's queries sent one at a time. A transaction is one pg
 * connection, and Prisma's query interpreter fetches a query's relations in parallel (its "join"
 * node runs the child queries with Promise.all): pg 8 queues such overlapping calls with a
 * deprecation warning and pg 9 refuses them. The queue here keeps them in order ourselves.
 */
class SerialTransactionPgAdapter extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      const io = tx as unknown as { performIO: (query: unknown) => Promise<unknown> };
      const perform = io.performIO.bind(tx);
      let last: Promise<unknown> = Promise.resolve();
      io.performIO = (query) => {
        const run = last.then(() => perform(query));
        last = run.catch(() => {});
        return run;
      };
      return tx;
    };
    return adapter;
  }
}

export function createDb(url: string, opts: CreateDbOptions = {}): Db {
  const dialect = dialectOf(url);
  const log = opts.onQuery ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  const db =
    dialect === "postgres"
      ? (new PgClient({ adapter: new SerialTransactionPgAdapter({ connectionString: url, max: 10 }), log }) as unknown as Db)
      : new SqliteClient({ adapter: new ImmediateSqliteAdapter({ url: sqlitePath(url), timeout: 10_000 }), log });
  if (opts.onQuery) (db as unknown as { $on: (event: "query", cb: (e: QueryEvent) => void) => void }).$on("query", opts.onQuery);
  Object.defineProperty(db, DIALECT_KEY, { value: dialect });
  Object.defineProperty(db, URL_KEY, { value: url });
  if (dialect === "sqlite") {
    // The adapter keeps one connection: tune it once, before any other query (queries queue).
    // Reads go through a memory map (no read() per page) and a 64 MB page cache.
    db.$queryRawUnsafe("PRAGMA mmap_size = 1073741824").catch(() => {});
    db.$queryRawUnsafe("PRAGMA cache_size = -65536").catch(() => {});
  }
  return db;
}

export { dialectOfDb };

const URL_KEY = Symbol.for("recruiter-desk.url");

/** The URL a client was made with (for work that needs a driver connection of its own). */
export function urlOfDb(db: object): string {
  const url = (db as { [URL_KEY]?: string })[URL_KEY];
  if (!url) throw new Error("not a client made by createDb");
  return url;
}

const globalForDb = globalThis as unknown as { __rdDb?: { url: string; db: Db } };

/** The shared client for this process (kept across hot reloads in development). */
export function getDb(): Db {
  const url = env().DATABASE_URL;
  if (globalForDb.__rdDb?.url !== url) globalForDb.__rdDb = { url, db: createDb(url) };
  return globalForDb.__rdDb.db;
}

export function currentDialect(): Dialect {
  return dialectOf(env().DATABASE_URL);
}
