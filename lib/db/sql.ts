// Raw SQL, written one way for both databases. Statements are built from `Sql` fragments with "?"
// placeholders (rendered as $1, $2… for PostgreSQL when run), so a query is composed like text and
// never concatenates a value. The few real differences between the dialects live here as helpers:
// a list of ids as one parameter, an id window kept in its order, casts and timestamps.
// Everything that is not a raw query goes through Prisma (lib/db/client.ts).
// Pure apart from types: the import jobs use it without loading a Prisma client.
import type { Db } from "./client";
import { dialectOfDb, type Dialect } from "./dialect";

export class Sql {
  constructor(
    readonly text: string = "",
    readonly args: unknown[] = [],
  ) {}

  static of(text: string, ...args: unknown[]): Sql {
    return new Sql(text, args);
  }

  static join(parts: Sql[], separator: string): Sql {
    return new Sql(
      parts.map((p) => p.text).join(separator),
      parts.flatMap((p) => p.args),
    );
  }

  append(other: Sql | string): Sql {
    return typeof other === "string" ? new Sql(this.text + other, this.args) : new Sql(this.text + other.text, [...this.args, ...other.args]);
  }

  wrap(): Sql {
    return new Sql(`(${this.text})`, this.args);
  }

  render(dialect: Dialect): [string, unknown[]] {
    if (dialect === "sqlite") return [this.text, this.args];
    let i = 0;
    return [this.text.replace(/\?/g, () => `$${++i}`), this.args];
  }
}

export const sql = Sql.of;

/** What a raw statement can run on: a client or a transaction opened on one. */
type Runner = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Rows of a query. `dialect` is needed for a transaction (it does not carry its client's). */
export function query<T>(db: Runner, statement: Sql, dialect: Dialect = dialectOfDb(db)): Promise<T[]> {
  const [text, args] = statement.render(dialect);
  return db.$queryRawUnsafe<T[]>(text, ...args);
}

/** Rows changed by a statement. */
export function execute(db: Runner, statement: Sql, dialect: Dialect = dialectOfDb(db)): Promise<number> {
  const [text, args] = statement.render(dialect);
  return db.$executeRawUnsafe(text, ...args);
}

/** `column IN (?, ?, …)`: for a few values (a filter's choices). */
export function inList(column: string, values: readonly unknown[]): Sql {
  return values.length ? Sql.of(`${column} IN (${values.map(() => "?").join(", ")})`, ...values) : Sql.of("1 = 0");
}

/** `column` is one of `ids`, with the whole list as one parameter (thousands of ids, one statement). */
export function inIds(dialect: Dialect, column: string, ids: readonly number[]): Sql {
  return dialect === "sqlite" ? Sql.of(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)) : Sql.of(`${column} = ANY(?::int[])`, ids);
}

/**
 * A list of ids as a row source that keeps their order (a ranked search window), to drive a join
 * from: `FROM ${source} ${join} "T" t ON t."id" = ${id}`, ordered by `pos`. On SQLite a CROSS JOIN
 * makes the planner start from the list (each id one primary-key look-up).
 */
export function idWindow(dialect: Dialect, ids: readonly number[]): { source: Sql; join: string; id: string; pos: string } {
  return dialect === "sqlite"
    ? { source: Sql.of(`json_each(?) j`, JSON.stringify(ids)), join: "CROSS JOIN", id: "j.value", pos: "j.key" }
    : { source: Sql.of(`unnest(?::int[]) WITH ORDINALITY j(id, ord)`, ids), join: "JOIN", id: "j.id", pos: "j.ord" };
}

/** A JSON array of `expression` over rows, in `order` (one text value whatever the count). */
export function jsonArray(dialect: Dialect, expression: string, order: string): string {
  return dialect === "sqlite" ? `json_group_array(${expression})` : `coalesce(json_agg(${expression} ORDER BY ${order}), '[]')::text`;
}

/** DateTime as Prisma's SQLite adapter writes it (ISO text), so raw and Prisma rows sort together. */
export function sqliteTimestamp(d: Date = new Date()): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** A DateTime parameter as the database stores it. */
export function timestamp(dialect: Dialect, d: Date = new Date()): Date | string {
  return dialect === "sqlite" ? sqliteTimestamp(d) : d;
}

/** `VALUES (?, ?), (?, ?)…` for a multi-row insert of `rows` (each the same length). */
export function values(rows: readonly (readonly unknown[])[]): Sql {
  return Sql.join(
    rows.map((r) => Sql.of(`(${r.map(() => "?").join(", ")})`, ...r)),
    ", ",
  );
}
