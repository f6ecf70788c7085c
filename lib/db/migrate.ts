// Applies the committed migrations (prisma/migrations for SQLite, prisma/postgres/migrations for
// PostgreSQL) without Prisma's schema-engine binary, which cannot be downloaded here. Each migration
// runs in its own transaction and is recorded in `_prisma_migrations` exactly as `prisma migrate deploy`
// records it (checksum = sha256 of migration.sql), so the Prisma CLI sees the same history.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ENSURE_AD_INDEXES_SQL } from "./ad-indexes";
import { dialectOf, migrationsDir, type Dialect } from "./dialect";
import { openPgPool, openSqlite } from "./raw";

export type Migration = { name: string; sql: string; checksum: string };

export function listMigrations(dialect: Dialect, dir = migrationsDir(dialect)): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The same advisory lock key `prisma migrate deploy` takes, so the two never run at once.
const PG_LOCK_KEY = 72707369;

type Applied = { migration_name: string; checksum: string };

/** Which migrations still need to run; refuses a history that was edited after it was applied. */
export function pending(all: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(applied.map((a) => [a.migration_name, a.checksum]));
  for (const m of all) {
    const checksum = byName.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was edited after it was applied (checksum differs). Add a new migration instead.`);
    }
  }
  return all.filter((m) => !byName.has(m.name));
}

export async function migrate(url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const dialect = dialectOf(url);
  const all = listMigrations(dialect);
  return dialect === "sqlite" ? migrateSqlite(url, all, log) : migratePostgres(url, all, log);
}

function migrateSqlite(url: string, all: Migration[], log: (line: string) => void): string[] {
  const db = openSqlite(url);
  try {
    db.exec(SQLITE_TABLE);
    const done: string[] = [];
    // Table rebuilds need foreign keys off outside the transaction; we check them before commit.
    db.pragma("foreign_keys = OFF");
    for (;;) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const applied = db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`).all() as Applied[];
        const next = pending(all, applied)[0];
        if (!next) {
          db.exec("COMMIT");
          break;
        }
        const id = randomUUID();
        const now = () => new Date().toISOString();
        db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)`).run(id, next.checksum, next.name, now());
        db.exec(next.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length) throw new Error(`foreign key check failed (${violations.length} rows)`);
        db.prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(now(), id);
        db.exec("COMMIT");
        log(`applied migration ${next.name}`);
        done.push(next.name);
      } catch (e) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw new Error(`Migration failed: ${(e as Error).message}`, { cause: e });
      }
    }
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Ad'`).get()) db.exec(ENSURE_AD_INDEXES_SQL); // a bulk import may have stopped before rebuilding them
    return done;
  } finally {
    db.pragma("foreign_keys = ON");
    db.close();
  }
}

async function migratePostgres(url: string, all: Migration[], log: (line: string) => void): Promise<string[]> {
  const pool = openPgPool(url, 1);
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(PG_TABLE);
    const { rows } = await client.query<Applied>(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`);
    const done: string[] = [];
    for (const m of pending(all, rows)) {
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      log(`applied migration ${m.name}`);
      done.push(m.name);
    }
    if ((await client.query(`SELECT to_regclass('"Ad"') AS t`)).rows[0].t) await client.query(ENSURE_AD_INDEXES_SQL); // as above
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
    client.release();
    await pool.end();
  }
}
