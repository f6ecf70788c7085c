import type { Dialect } from "@/lib/db/dialect";
import { Sql } from "@/lib/db/sql";

/** `VALUES` rows for an UPDATE … FROM: PostgreSQL needs each parameter's type (it reads them as text). */
export function typedValues(dialect: Dialect, rows: readonly (readonly unknown[])[], types: readonly string[]): Sql {
  const row = dialect === "postgres" ? `(${types.map((t) => `?::${t}`).join(", ")})` : `(${types.map(() => "?").join(", ")})`;
  return Sql.join(
    rows.map((r) => Sql.of(row, ...r)),
    ", ",
  );
}
