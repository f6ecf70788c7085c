// Tags: create, rename/recolour, merge one into another, delete; tag and untag ads (one, many, or
// every ad a table view matches). Who tagged what is kept on AdTag (createdBy, createdAt) and in
// the ad's history. Set-based SQL for the bulk path: 50,000 ads is one statement.
import { recordChange } from "@/lib/events/record-change";
import { dialectOfDb, getDb, Prisma, type Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { execute, inIds, Sql, timestamp } from "@/lib/db/sql";
import { UserError } from "@/lib/errors";

export type TagRow = { id: number; name: string; color: string; ads: number; createdBy: string | null; createdAt: Date };

export function tagKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export type TagOption = { id: number; name: string; color: string };

/** Every tag, by name: what the tag pickers and filters offer. */
export async function tagOptions(db: Db = getDb()): Promise<TagOption[]> {
  return db.tag.findMany({ select: { id: true, name: true, color: true }, orderBy: { name: "asc" } });
}

export async function listTags(db: Db = getDb()): Promise<TagRow[]> {
  const rows = await db.tag.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, color: true, createdAt: true, createdBy: { select: { name: true } }, _count: { select: { ads: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, color: r.color, createdAt: r.createdAt, createdBy: r.createdBy?.name ?? null, ads: r._count.ads }));
}

function conflict(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new UserError(`A tag called "${name}" already exists.`, "CONFLICT", { field: "name" });
  throw e;
}

export async function createTag(input: { name: string; color: string }, actorId: string, db: Db = getDb()) {
  const name = input.name.trim().replace(/\s+/g, " ");
  try {
    return await db.$transaction(async (tx) => {
      const tag = await tx.tag.create({ data: { name, nameKey: tagKey(name), color: input.color, createdById: actorId }, select: { id: true, name: true, color: true } });
      await recordChange(tx, { action: "tag.create", actorId, entityId: tag.id, changes: { name: [null, name] } });
      return tag;
    });
  } catch (e) {
    conflict(e, name);
  }
}

export async function updateTag(id: number, input: { name: string; color: string }, actorId: string, db: Db = getDb()) {
  const name = input.name.trim().replace(/\s+/g, " ");
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.tag.findUnique({ where: { id }, select: { name: true, color: true } });
      if (!before) throw new UserError("That tag no longer exists.", "NOT_FOUND");
      await tx.tag.update({ where: { id }, data: { name, nameKey: tagKey(name), color: input.color } });
      await recordChange(tx, { action: "tag.update", actorId, entityId: id, changes: { name: [before.name, name], color: [before.color, input.color] } });
    });
  } catch (e) {
    conflict(e, name);
  }
}

/** Moves every ad of `fromId` onto `intoId` (keeping who tagged them first) and deletes `fromId`. */
export async function mergeTags(fromId: number, intoId: number, actorId: string, db: Db = getDb()) {
  if (fromId === intoId) throw new UserError("Choose a different tag to merge into.");
  return db.$transaction(async (tx) => {
    // One query at a time: a transaction is one connection (pg refuses overlapping queries).
    const from = await tx.tag.findUnique({ where: { id: fromId }, select: { name: true } });
    const into = await tx.tag.findUnique({ where: { id: intoId }, select: { name: true } });
    if (!from || !into) throw new UserError("One of those tags no longer exists.", "NOT_FOUND");
    const moved = await execute(
      tx,
      Sql.of(
        `INSERT INTO "AdTag" ("adId", "tagId", "createdById", "createdAt") SELECT "adId", ?, "createdById", "createdAt" FROM "AdTag" WHERE "tagId" = ? ON CONFLICT DO NOTHING`,
        intoId,
        fromId,
      ),
      dialectOfDb(db),
    );
    await tx.tag.delete({ where: { id: fromId } });
    await recordChange(tx, { action: "tag.merge", actorId, entityId: fromId, changes: { from: from.name, into: into.name, moved } });
    return { moved, into: into.name };
  });
}

export async function deleteTag(id: number, actorId: string, db: Db = getDb()) {
  return db.$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({ where: { id }, select: { name: true, _count: { select: { ads: true } } } });
    if (!tag) throw new UserError("That tag no longer exists.", "NOT_FOUND");
    await tx.tag.delete({ where: { id } });
    await recordChange(tx, { action: "tag.delete", actorId, entityId: id, changes: { name: tag.name, ads: tag._count.ads } });
    return { ads: tag._count.ads };
  });
}

/** Which ads a bulk action applies to: listed ids, or whatever a table view matches. */
export type AdTarget = { from: Sql; where: Sql } | { ids: number[] };

export function targetSql(target: AdTarget, dialect: Dialect): { from: Sql; where: Sql } {
  if ("ids" in target) return { from: Sql.of(` FROM "Ad" a`), where: Sql.of(" WHERE ").append(inIds(dialect, `a."id"`, target.ids)) };
  return target;
}

/**
 * Adds or removes tags on the target ads. Returns how many ads gained / lost each tag. History:
 * one AdChange per ad and tag ("tags": [before, after]).
 */
export async function setTags(
  target: AdTarget,
  tagIds: number[],
  mode: "add" | "remove",
  actor: { id: string },
  source: "EDIT" | "BULK",
  db: Db = getDb(),
): Promise<{ changed: number }> {
  const dialect = dialectOfDb(db);
  const { from, where } = targetSql(target, dialect);
  const now = timestamp(dialect);
  return db.$transaction(
    async (tx) => {
      const tags = await tx.tag.findMany({ where: { id: { in: tagIds } }, select: { id: true, name: true } });
      if (tags.length !== tagIds.length) throw new UserError("One of those tags no longer exists.", "NOT_FOUND");
      let changed = 0;
      for (const tag of tags) {
        const history = JSON.stringify({ tags: mode === "add" ? [null, tag.name] : [tag.name, null] });
        const has = Sql.of(`EXISTS (SELECT 1 FROM "AdTag" t WHERE t."adId" = a."id" AND t."tagId" = ?)`, tag.id);
        const pick = where.text ? where.append(" AND ") : Sql.of(" WHERE ");
        const affected = pick.append(mode === "add" ? Sql.of("NOT ").append(has) : has);
        // History first (it reads which ads will change), then the change itself.
        await execute(
          tx,
          Sql.of(
            `INSERT INTO "AdChange" ("adId", "actorId", "source", "changes", "versionAfter", "createdAt") SELECT a."id", ?, ?, ?, a."version", ?`,
            actor.id,
            source,
            history,
            now,
          )
            .append(from)
            .append(affected),
          dialect,
        );
        changed += await execute(
          tx,
          mode === "add"
            ? Sql.of(`INSERT INTO "AdTag" ("adId", "tagId", "createdById", "createdAt") SELECT a."id", ?, ?, ?`, tag.id, actor.id, now).append(from).append(affected)
            : Sql.of(`DELETE FROM "AdTag" WHERE "tagId" = ? AND "adId" IN (SELECT a."id"`, tag.id).append(from).append(where).append(")"),
          dialect,
        );
      }
      await recordChange(tx, {
        action: mode === "add" ? "ads.tag" : "ads.untag",
        actorId: actor.id,
        entityId: "ids" in target ? target.ids.join(",").slice(0, 200) : "view",
        changes: { tags: tags.map((t) => t.name), changed },
      });
      return { changed };
    },
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
}
