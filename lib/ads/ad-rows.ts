// The ads table's rows for a page of ids: each ad with its company, place, tags and applications,
// in the ids' order. Three statements (ads with their company; their tags; their applications per
// stage kind), not the ORM's many: this runs on every table page.
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { inIds, query, Sql } from "@/lib/db/sql";
import type { LocationTree } from "@/lib/locations/tree-cache";
import type { AdRow } from "./find-ads";

type Raw = Omit<AdRow, "company" | "tags" | "snippet" | "location" | "createdAt" | "updatedAt" | "estimate"> & {
  salaryEstimate: number | null;
  salaryEstimateLow: number | null;
  salaryEstimateHigh: number | null;
  companyId: number | null;
  companyName: string | null;
  locationRaw: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

export async function adRows(db: Db, dialect: Dialect, ids: number[], tree: LocationTree): Promise<AdRow[]> {
  if (!ids.length) return [];
  const [rows, tags, apps] = await Promise.all([
    query<Raw>(
      db,
      Sql.of(
        `SELECT a."id" AS id, a."externalId" AS "externalId", a."title" AS title, a."companyId" AS "companyId", c."name" AS "companyName", a."locationId" AS "locationId", a."locationRaw" AS "locationRaw", ` +
          `a."category" AS category, a."contractType" AS "contractType", a."contractTime" AS "contractTime", a."salaryMin" AS "salaryMin", a."salaryMax" AS "salaryMax", a."salaryPeriod" AS "salaryPeriod", ` +
          `a."salaryAnnual" AS "salaryAnnual", a."salaryEstimate" AS "salaryEstimate", a."salaryEstimateLow" AS "salaryEstimateLow", a."salaryEstimateHigh" AS "salaryEstimateHigh", a."locationSource" AS "locationSource", a."source" AS source, a."status" AS status, a."duplicateCount" AS duplicates, a."createdAt" AS "createdAt", a."updatedAt" AS "updatedAt" ` +
          `FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE `,
      ).append(inIds(dialect, `a."id"`, ids)),
      dialect,
    ),
    query<{ adId: number; id: number; name: string; color: string }>(
      db,
      Sql.of(`SELECT t."adId" AS "adId", g."id" AS id, g."name" AS name, g."color" AS color FROM "AdTag" t JOIN "Tag" g ON g."id" = t."tagId" WHERE `)
        .append(inIds(dialect, `t."adId"`, ids))
        .append(` ORDER BY g."name"`),
      dialect,
    ),
    query<{ adId: number; total: number | bigint; active: number | bigint }>(
      db,
      Sql.of(
        `SELECT ap."adId" AS "adId", count(*) AS total, sum(CASE WHEN s."kind" = 'OPEN' THEN 1 ELSE 0 END) AS active FROM "Application" ap JOIN "Stage" s ON s."id" = ap."stageId" WHERE `,
      )
        .append(inIds(dialect, `ap."adId"`, ids))
        .append(` GROUP BY ap."adId"`),
      dialect,
    ),
  ]);
  const appsOf = new Map(apps.map((r) => [Number(r.adId), { total: Number(r.total), active: Number(r.active) }]));
  const tagsOf = new Map<number, AdRow["tags"]>();
  for (const t of tags) {
    const list = tagsOf.get(Number(t.adId)) ?? [];
    list.push({ id: Number(t.id), name: t.name, color: t.color });
    tagsOf.set(Number(t.adId), list);
  }
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is Raw => !!r)
    .map(({ companyId, companyName, locationRaw, salaryEstimate, salaryEstimateLow, salaryEstimateHigh, ...r }) => ({
      ...r,
      id: Number(r.id),
      externalId: Number(r.externalId),
      locationId: r.locationId === null ? null : Number(r.locationId),
      // An estimate only for an ad without a real salary.
      estimate: r.salaryAnnual === null && salaryEstimate !== null ? { salary: Number(salaryEstimate), low: Number(salaryEstimateLow), high: Number(salaryEstimateHigh) } : null,
      company: companyId === null ? null : { id: Number(companyId), name: companyName ?? "" },
      status: String(r.status) as AdRow["status"],
      snippet: null,
      location: tree.label(r.locationId === null ? null : Number(r.locationId)) ?? locationRaw,
      tags: tagsOf.get(Number(r.id)) ?? [],
      applications: appsOf.get(Number(r.id)) ?? { total: 0, active: 0 },
      duplicates: r.duplicates === null ? null : Number(r.duplicates),
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    }));
}
