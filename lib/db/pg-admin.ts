// Creating and dropping whole PostgreSQL databases, for tests, benchmarks and the migration tool
// (never the app). `serverUrl` names any database on the server; the role needs CREATEDB.
import pg from "pg";

/** SQLSTATE 42501: DROP … WITH (FORCE) may not signal a backend of another role. */
const INSUFFICIENT_PRIVILEGE = "42501";

async function onServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Drops `name` and whatever is connected to it. An autovacuum worker busy in it belongs to no role
 * ours may signal, so FORCE fails with 42501 until the worker moves on: wait and try again.
 */
export async function dropPgDatabase(serverUrl: string, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A new, empty database `name` (dropped first if it exists), or a copy of `template`; its URL. */
export async function freshPgDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await dropPgDatabase(serverUrl, name);
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
