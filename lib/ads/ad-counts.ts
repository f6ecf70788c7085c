// The ads table's counts: the facet "cube" (ads per combination of the facet columns, from which
// the total and every facet's counts are worked out in facets.ts), the tag facet and the number of
// ads. Each is cached until the data it counts changes (lib/ads/version.ts, lib/db/cache.ts): every
// user and every facet choice over the same base filters shares one.
import type { Db } from "@/lib/db/client";
import { cached, scoped } from "@/lib/db/cache";
import type { Dialect } from "@/lib/db/dialect";
import { query, Sql } from "@/lib/db/sql";
import { whereOf, type From } from "./ad-filters";
import type { CubeRow } from "./facets";
import type { AdsTableParams } from "./table-params";
import type { FacetOption } from "./find-ads";

/** The data counters, read once per request (null: no caching). */
export type Versions = Promise<{ ads: number; tags: number; applications: number }> | null;

/**
 * An aggregate for one SQL statement, kept until what it reads changes: aggregates over tag links
 * also go stale when tags move, those over applications when applications come, move or merge;
 * the others only when ads change.
 */
export async function cachedAggregate<T>(db: Db, dialect: Dialect, statement: Sql, versions: Versions, compute: () => Promise<T>): Promise<T> {
  if (!versions) return compute();
  const v = await versions;
  const state = `${v.ads}:${statement.text.includes(`"AdTag"`) ? v.tags : ""}:${statement.text.includes(`"Application"`) ? v.applications : ""}`;
  return cached(scoped(db, JSON.stringify(statement.render(dialect))), state, compute);
}

export async function loadCube(db: Db, dialect: Dialect, from: From, filters: Sql[], versions: Versions, covering = true): Promise<CubeRow[]> {
  const statement = (source: Sql) =>
    Sql.of(
      `SELECT a."category" AS category, a."status" AS status, a."contractType" AS "contractType", a."contractTime" AS "contractTime", a."source" AS source, a."regionId" AS "regionId", count(*) AS n`,
    )
      .append(source)
      .append(whereOf(filters))
      .append(` GROUP BY a."category", a."status", a."contractType", a."contractTime", a."source", a."regionId"`);
  const sql = statement(from.sql);
  type Row = CubeRow & { n: number | bigint; status: string; regionId: number | bigint | null };
  return cachedAggregate(db, dialect, sql, versions, async () => {
    let rows: Row[];
    if (covering && !from.window && dialect === "sqlite") {
      // Over all ads, SQLite is told to read the covering index: the planner may otherwise pick a
      // narrower index and fetch the wide rows. (Not for a few ads picked by id: those are looked
      // up.) The index is missing only while a bulk import loads (lib/db/ad-indexes.ts).
      rows = await query<Row>(db, statement(Sql.of(` FROM "Ad" a INDEXED BY "Ad_facets_idx"`)), dialect).catch((e: Error) =>
        /no such index/i.test(e.message) ? query<Row>(db, sql, dialect) : Promise.reject(e),
      );
    } else rows = await query<Row>(db, sql, dialect);
    return rows.map((r) => ({ ...r, status: String(r.status), regionId: r.regionId === null ? null : Number(r.regionId), n: Number(r.n) }));
  });
}

/** Ads per tag within the current view (all filters but the tag filter itself). */
export async function tagCounts(db: Db, dialect: Dialect, from: From, where: Sql[], p: AdsTableParams, versions: Versions): Promise<FacetOption[]> {
  const counted = Sql.of(`SELECT t."tagId" AS id, count(*) AS n`)
    .append(from.sql)
    .append(` JOIN "AdTag" t ON t."adId" = a."id"`)
    .append(whereOf(where))
    .append(` GROUP BY t."tagId"`);
  const [tags, rows] = await Promise.all([
    db.tag.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    cachedAggregate(db, dialect, counted, versions, () => query<{ id: number | bigint; n: number | bigint }>(db, counted, dialect)),
  ]);
  const n = new Map(rows.map((c) => [Number(c.id), Number(c.n)]));
  return tags.map((t) => ({ value: String(t.id), label: t.name, count: n.get(t.id) ?? 0, selected: p.tags.includes(t.id) }));
}

/** Within the view without its duplicate filters: ads with copies, and ads left at one per group. */
export async function duplicateCounts(db: Db, dialect: Dialect, from: From, where: Sql[], versions: Versions): Promise<{ has: number; one: number }> {
  const sql = Sql.of(
    `SELECT sum(CASE WHEN a."duplicateGroupId" IS NOT NULL THEN 1 ELSE 0 END) AS has, sum(CASE WHEN a."duplicateGroupId" IS NULL OR a."duplicateGroupId" = a."id" THEN 1 ELSE 0 END) AS one`,
  )
    .append(from.sql)
    .append(whereOf(where));
  const [r] = await cachedAggregate(db, dialect, sql, versions, () => query<{ has: number | bigint | null; one: number | bigint | null }>(db, sql, dialect));
  return { has: Number(r?.has ?? 0), one: Number(r?.one ?? 0) };
}

/** How many ads there are (for choosing a plan). */
export function adCount(db: Db, dialect: Dialect, versions: Versions): Promise<number> {
  const sql = Sql.of(`SELECT count(*) AS n FROM "Ad"`);
  return cachedAggregate(db, dialect, sql, versions, async () => Number((await query<{ n: number | bigint }>(db, sql, dialect))[0].n));
}
