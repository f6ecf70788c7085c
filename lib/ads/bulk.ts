// Closing and reopening ads in bulk (admins): one statement for the history, one for the change,
// in a transaction, however many ads the view matches.
import { recordChange, type ChangeAction } from "@/lib/events/record-change";
import { dialectOfDb, getDb, type Db } from "@/lib/db/client";
import { execute, Sql, timestamp } from "@/lib/db/sql";
import { targetSql, type AdTarget } from "@/lib/tags/service";

export async function setStatus(
  target: AdTarget,
  status: "OPEN" | "CLOSED",
  actorId: string,
  db: Db = getDb(),
  /** The recorded action, when the close is part of another ("duplicates.close-copies"). */
  action?: ChangeAction,
): Promise<{ changed: number }> {
  const dialect = dialectOfDb(db);
  const { from, where } = targetSql(target, dialect);
  const other = status === "OPEN" ? "CLOSED" : "OPEN";
  const now = timestamp(dialect);
  const affected = (where.text ? where.append(" AND ") : Sql.of(" WHERE ")).append(Sql.of(`a."status" = ?`, other));
  const cast = dialect === "postgres" ? `::"AdStatus"` : "";
  return db.$transaction(
    async (tx) => {
      await execute(
        tx,
        Sql.of(
          `INSERT INTO "AdChange" ("adId", "actorId", "source", "changes", "versionAfter", "createdAt") SELECT a."id", ?, 'BULK', ?, a."version" + 1, ?`,
          actorId,
          JSON.stringify({ status: [other, status] }),
          now,
        )
          .append(from)
          .append(affected),
        dialect,
      );
      const changed = await execute(
        tx,
        Sql.of(`UPDATE "Ad" SET "status" = ?${cast}, "version" = "version" + 1, "updatedAt" = ? WHERE "id" IN (SELECT a."id"`, status, now)
          .append(from)
          .append(affected)
          .append(")"),
        dialect,
      );
      await recordChange(tx, { action: action ?? (status === "OPEN" ? "ads.reopen" : "ads.close"), actorId, entityId: "bulk", changes: { count: changed } });
      return { changed };
    },
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
}
