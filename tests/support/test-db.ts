// Fresh, throw-away databases for tests. SQLite: a file under tests/.tmp. PostgreSQL (when
// DATABASE_URL is a postgresql:// URL): a new database on that server named after the given one,
// so the role needs CREATEDB. Both are migrated with the committed migrations.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { dialectOf, type Dialect } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { dropPgDatabase, freshPgDatabase } from "@/lib/db/pg-admin";

export type TestDatabase = { url: string; dialect: Dialect; drop: () => Promise<void> };

const TMP = path.resolve("tests/.tmp");

/** The dialects database tests run on: SQLite always, PostgreSQL when DATABASE_URL points at one. */
export function testDialects(): Dialect[] {
  const url = process.env.DATABASE_URL;
  return url && dialectOf(url) === "postgres" ? ["sqlite", "postgres"] : ["sqlite"];
}

export async function createTestDatabase(name: string, dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  let db: TestDatabase;
  if (dialect === "sqlite") {
    mkdirSync(TMP, { recursive: true });
    const file = path.join(TMP, `${safe}.db`);
    const clean = () => ["", "-wal", "-shm", "-journal"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    db = { url: `file:${file}`, dialect, drop: async () => clean() };
  } else {
    const server = process.env.DATABASE_URL!;
    const dbName = `${new URL(server).pathname.slice(1)}_${safe}`.slice(0, 63);
    db = { url: await freshPgDatabase(server, dbName), dialect, drop: () => dropPgDatabase(server, dbName) };
  }
  if (opts.migrate !== false) await migrate(db.url);
  return db;
}
