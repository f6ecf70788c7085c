// Which database a DATABASE_URL selects, and where its migrations live. Pure: no drivers here.
import path from "node:path";

export type Dialect = "sqlite" | "postgres";

/** Where a client made by createDb (client.ts) keeps its dialect: on the object itself, as Next may
 * bundle modules more than once and a module-level map would not see clients made by another copy. */
export const DIALECT_KEY = Symbol.for("recruiter-desk.dialect");

/** The dialect a client talks to (for the few raw SQL statements that differ). */
export function dialectOfDb(db: object): Dialect {
  const d = (db as { [DIALECT_KEY]?: Dialect })[DIALECT_KEY];
  if (!d) throw new Error("dialectOfDb: not a client made by createDb");
  return d;
}

export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://": got "${url.slice(0, 20)}…"`);
}

/** "file:./data/app.db" → absolute path, resolved against the working directory (the project root). */
export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return p === ":memory:" ? p : path.resolve(p);
}

export function migrationsDir(dialect: Dialect): string {
  return path.resolve(dialect === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
}

export function schemaPath(dialect: Dialect): string {
  return path.resolve(dialect === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma");
}

/**
 * Tables we create by hand in migrations (full-text search) and Prisma must not manage:
 * the schema engine's diff ignores them, so the drift check and new migrations leave them alone.
 */
export const EXTERNAL_TABLES: Record<Dialect, string[]> = {
  sqlite: [...["ad_fts", "candidate_fts"].flatMap((t) => [t, `${t}_data`, `${t}_idx`, `${t}_docsize`, `${t}_config`])],
  postgres: ["public.ad_search", "public.candidate_search"],
};
