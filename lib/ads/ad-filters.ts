// What an ads table URL filters by, as SQL over `"Ad" a`: the facet filters (category, contract,
// source, status, top-level region), which the counts also work out in memory, and the others
// (salary, company, places below a region, tags, applications), which only SQL applies.
import { inList, Sql } from "@/lib/db/sql";
import type { Dialect } from "@/lib/db/dialect";
import { idWindow } from "@/lib/db/sql";
import type { LocationTree } from "@/lib/locations/tree-cache";
import type { FacetSelection } from "./facets";
import type { AdsTableParams } from "./table-params";

export const CONTRACT_TYPES: Record<string, string> = { full_time: "FULL_TIME", part_time: "PART_TIME" };
export const CONTRACT_TIMES: Record<string, string> = { permanent: "PERMANENT", contract: "CONTRACT" };
export const TYPE_LABELS: Record<string, string> = { full_time: "Full time", part_time: "Part time", none: "Not stated" };
export const TIME_LABELS: Record<string, string> = { permanent: "Permanent", contract: "Contract", none: "Not stated" };
export const STATUS_LABELS: Record<string, string> = { open: "Open", closed: "Closed" };
export const DUPLICATE_LABELS: Record<string, string> = { has: "Has duplicates", one: "One per group" };

/** The near-duplicate filters (Ad.duplicateGroupId: the group's first ad, null when alone). */
export const DUPLICATE_FILTER_SQL: Record<string, string> = {
  has: `a."duplicateGroupId" IS NOT NULL`,
  one: `(a."duplicateGroupId" IS NULL OR a."duplicateGroupId" = a."id")`,
};

const APPLICATION_FILTER_SQL: Record<NonNullable<AdsTableParams["apps"]>, string> = {
  any: `a."id" IN (SELECT ap."adId" FROM "Application" ap)`,
  active: `a."id" IN (SELECT ap."adId" FROM "Application" ap JOIN "Stage" s ON s."id" = ap."stageId" WHERE s."kind" = 'OPEN')`,
  none: `a."id" NOT IN (SELECT ap."adId" FROM "Application" ap)`,
};

export const whereOf = (filters: Sql[]) => (filters.length ? Sql.of(" WHERE ").append(Sql.join(filters, " AND ")) : Sql.of(""));

/**
 * The rows a query starts from: every ad, or (searching) the window of matching ids, driven from
 * the id list so each is one primary-key look-up; `ranked` keeps the window's rank order.
 */
export type From = { sql: Sql; ranked: string | null; window: boolean };
export function fromAds(dialect: Dialect, windowIds: number[] | null): From {
  if (!windowIds) return { sql: Sql.of(` FROM "Ad" a`), ranked: null, window: false };
  const w = idWindow(dialect, windowIds);
  return { sql: Sql.of(" FROM ").append(w.source).append(` ${w.join} "Ad" a ON a."id" = ${w.id}`), ranked: w.pos, window: true };
}

export function tagSql(p: AdsTableParams): Sql | null {
  if (!p.tags.length) return null;
  const list = inList(`t."tagId"`, p.tags);
  if (p.tagMode === "all") {
    // Ads carrying every one of the tags: one pass over the tags' links (AdTag_tagId_idx).
    return Sql.of(`a."id" IN (SELECT t."adId" FROM "AdTag" t WHERE `).append(list).append(Sql.of(` GROUP BY t."adId" HAVING count(*) = ?)`, p.tags.length));
  }
  return Sql.of(`a."id" ${p.tagMode === "none" ? "NOT IN" : "IN"} (SELECT t."adId" FROM "AdTag" t WHERE `)
    .append(list)
    .append(")");
}

/** The salary the filter and sort read: the real one, or (including estimates) the estimate when there is none. */
export const SALARY_WITH_ESTIMATE = `COALESCE(a."salaryAnnual",a."salaryEstimate")`;
export const salaryColumn = (p: Pick<AdsTableParams, "est">) => (p.est ? SALARY_WITH_ESTIMATE : `a."salaryAnnual"`);

/** Filters that are not facets: salary, company, regions below the top level, tags, applications. */
export function baseFilters(p: AdsTableParams, tree: LocationTree) {
  const base: Sql[] = [];
  const salary = salaryColumn(p);
  if (p.salaryMin !== null) base.push(Sql.of(`${salary} >= ?`, p.salaryMin));
  if (p.salaryMax !== null) base.push(Sql.of(`${salary} <= ?`, p.salaryMax));
  if (p.company.length) base.push(inList(`a."companyId"`, p.company));
  const topRegions = p.region.filter((id) => tree.byId.get(id)?.depth === 1);
  const deepRegions = p.region.filter((id) => (tree.byId.get(id)?.depth ?? 0) > 1);
  // A place below a region means every place below it too ("London" includes Mile End).
  if (deepRegions.length) base.push(inList(`a."locationId"`, [...new Set(deepRegions.flatMap((id) => tree.descendants(id)))]));
  const tagFilter = tagSql(p);
  if (tagFilter) base.push(tagFilter);
  if (p.apps) base.push(Sql.of(APPLICATION_FILTER_SQL[p.apps]));
  const dupFilters = p.dups.map((d) => Sql.of(DUPLICATE_FILTER_SQL[d]));
  base.push(...dupFilters);
  return { base, tagFilter, topRegions, dupFilters };
}

/** The facet filters, as a selection for counting and as SQL for the rows. */
export function facetFilters(p: AdsTableParams, categoryNames: Map<string, string>, topRegions: number[]) {
  const selection: FacetSelection = {};
  // An unknown slug matches nothing (rather than being ignored).
  if (p.category.length) selection.category = new Set(p.category.map((s) => categoryNames.get(s) ?? `\u0000${s}`));
  if (p.type.length) selection.contractType = new Set(p.type.map((t) => CONTRACT_TYPES[t] ?? null));
  if (p.time.length) selection.contractTime = new Set(p.time.map((t) => CONTRACT_TIMES[t] ?? null));
  if (p.source.length) selection.source = new Set(p.source);
  if (p.status.length) selection.status = new Set(p.status.map((s) => s.toUpperCase()));
  if (topRegions.length) selection.regionId = new Set(topRegions);
  const nullable = (column: string, values: (string | null)[]) => {
    const set = values.filter((v): v is string => v !== null);
    const parts = [...(set.length ? [inList(column, set)] : []), ...(values.includes(null) ? [Sql.of(`${column} IS NULL`)] : [])];
    return Sql.join(parts, " OR ").wrap();
  };
  const sql: Sql[] = [];
  if (selection.category) {
    // Only names the data has go to the database (PostgreSQL refuses the NUL marker outright).
    const known = p.category.map((s) => categoryNames.get(s)).filter((c): c is string => c !== undefined);
    sql.push(known.length ? inList(`a."category"`, known) : Sql.of("1 = 0"));
  }
  if (p.type.length)
    sql.push(
      nullable(
        `a."contractType"`,
        p.type.map((t) => CONTRACT_TYPES[t] ?? null),
      ),
    );
  if (p.time.length)
    sql.push(
      nullable(
        `a."contractTime"`,
        p.time.map((t) => CONTRACT_TIMES[t] ?? null),
      ),
    );
  if (p.source.length) sql.push(inList(`a."source"`, p.source));
  if (p.status.length)
    sql.push(
      inList(
        `a."status"`,
        p.status.map((s) => s.toUpperCase()),
      ),
    );
  if (topRegions.length) sql.push(inList(`a."regionId"`, topRegions));
  return { selection, sql };
}
