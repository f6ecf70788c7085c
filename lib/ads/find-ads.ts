// The ads table query: one page of rows, the total and the facet counts for a URL state. This
// file puts the steps together; each has its own:
//   ad-search.ts   a search → the window of matching ids (lib/search, the full-text index)
//   ad-filters.ts  the URL's filters → SQL
//   ad-counts.ts   the facet "cube", the tag facet and the ad count, cached until the data moves
//   query-plan.ts  the page of ids in sort order (walking the sort's index or looking filters up)
//   ad-rows.ts     the rows of those ids
//
// How it stays fast at 250,000 ads:
//  - Facets and the total come from one "cube" query (ads per combination of the facet columns)
//    over a covering index, with the non-facet filters applied; each facet's counts are then
//    worked out in memory (facets.ts). The cube is cached per state of the data (lib/ads/version).
//  - A search first asks the full-text index for the newest SEARCH_WINDOW matches only: ranking,
//    filtering and counting stay bounded however broad the words. When a search matches more
//    than that, the page says so.
//  - Rows are fetched as ids for the page (an index walk in sort order), then their details.
// Plain data access (no "server-only"): the query benchmark calls it too.
import { dialectOfDb, getDb, type Db } from "@/lib/db/client";
import { clearCache } from "@/lib/db/cache";
import { inList, query, Sql } from "@/lib/db/sql";
import { categoryLabel, sourceLabel } from "@/lib/format";
import { getLocationTree } from "@/lib/locations/tree-cache";
import { snippets as searchSnippets } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
import { baseFilters, CONTRACT_TIMES, CONTRACT_TYPES, DUPLICATE_LABELS, facetFilters, fromAds, STATUS_LABELS, TIME_LABELS, TYPE_LABELS, whereOf } from "./ad-filters";
import { adCount, duplicateCounts, loadCube, tagCounts, type Versions } from "./ad-counts";
import { adRows } from "./ad-rows";
import { runSearch, SEARCH_WINDOW } from "./ad-search";
import { countFacets, subtractCube, type CubeRow } from "./facets";
import { pageOfIds, tableOrder } from "./query-plan";
import { slugify, type AdsTableParams } from "./table-params";
import { dataVersions } from "./version";

export { SEARCH_WINDOW };

/** Forgets every cached aggregate (the query benchmark measures first visits with it). */
export const clearAggregateCache = clearCache;

export type FacetOption = { value: string; label: string; count: number; selected: boolean };
export type AdRow = {
  id: number;
  externalId: number;
  title: string;
  snippet: string | null;
  company: { id: number; name: string } | null;
  location: string | null;
  locationId: number | null;
  category: string | null;
  contractType: string | null;
  contractTime: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: string | null;
  salaryAnnual: number | null;
  /** The salary model's estimate and its 80% interval, for an ad without a real salary. */
  estimate: { salary: number; low: number; high: number } | null;
  /** "text": the place was found in the ad's title or description. */
  locationSource: string | null;
  source: string | null;
  status: "OPEN" | "CLOSED";
  tags: { id: number; name: string; color: string }[];
  /** Applications for the role: all, and those still in an open stage. */
  applications: { total: number; active: number };
  /** Ads in its near-duplicate group (itself included), null when alone. */
  duplicates: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export type AdsPage = {
  rows: AdRow[];
  total: number;
  search: { text: string; hint: string | null; matches: number; windowed: boolean; words: string[] } | null;
  facets: {
    category: FacetOption[];
    type: FacetOption[];
    time: FacetOption[];
    source: FacetOption[];
    status: FacetOption[];
    region: FacetOption[];
    tags: FacetOption[];
    duplicates: FacetOption[];
  };
  /** Selected regions and companies with their names, for the filter chips. */
  selected: { regions: { id: number; label: string }[]; companies: { id: number; name: string }[] };
};

/**
 * The ads a URL state matches, as SQL to build on (bulk actions, export): "SELECT … FROM" +
 * `from` + `where`. With a search, the matches are the search window (what the table shows).
 */
export async function matchingAds(p: AdsTableParams, db: Db = getDb()) {
  const dialect = dialectOfDb(db);
  const tree = await getLocationTree(db);
  const { search, windowIds } = await runSearch(db, dialect, p);
  const { base, topRegions } = baseFilters(p, tree);
  const names = new Map<string, string>();
  if (p.category.length) {
    const rows = await query<{ category: string | null }>(db, Sql.of(`SELECT a."category" AS category FROM "Ad" a GROUP BY a."category"`), dialect);
    for (const r of rows) if (r.category) names.set(slugify(r.category), r.category);
  }
  const from = fromAds(dialect, windowIds); // an unusable search is ignored, as in the table
  const where = [...base, ...facetFilters(p, names, topRegions).sql];
  return { dialect, from, where: whereOf(where), search };
}

/** Every matching ad id, in the table's order (for exports). */
export async function matchingIds(p: AdsTableParams, db: Db = getDb()): Promise<number[]> {
  const { dialect, from, where } = await matchingAds(p, db);
  const rows = await query<{ id: number | bigint }>(
    db,
    Sql.of(`SELECT a."id" AS id`)
      .append(from.sql)
      .append(where)
      .append(` ORDER BY ${tableOrder(p, from)}`),
    dialect,
  );
  return rows.map((r) => Number(r.id));
}

export type FindAdsOptions = { db?: Db; cache?: boolean; /** filled with ms per step, for the benchmark */ timings?: Record<string, number> };

export async function findAdsPage(p: AdsTableParams, opts: FindAdsOptions = {}): Promise<AdsPage> {
  const db = opts.db ?? getDb();
  const dialect = dialectOfDb(db);
  let mark = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    if (opts.timings) opts.timings[step] = (opts.timings[step] ?? 0) + now - mark;
    mark = now;
  };
  const tree = await getLocationTree(db);
  lap("tree");

  // 1. Search: how many match, and the window of ids (ranked when sorting by relevance).
  const versions: Versions = opts.cache !== false ? dataVersions(db) : null;
  const { search, windowIds } = await runSearch(db, dialect, p, versions);
  lap("search");

  // 2. Filters that are not facets, applied in SQL (the cube and the rows both use them).
  const { base, tagFilter, topRegions, dupFilters } = baseFilters(p, tree);

  // 3. The cube → total and facet counts.
  const from = fromAds(dialect, windowIds);
  let cube: CubeRow[];
  if (p.tagMode === "none" && tagFilter && !from.window) {
    // "Without these tags" = every ad (a cube other views share) minus the few tagged ones.
    const others = base.filter((w) => w !== tagFilter);
    const tagged = Sql.of(`a."id" IN (SELECT t."adId" FROM "AdTag" t WHERE `).append(inList(`t."tagId"`, p.tags)).append(")");
    const [all, part] = await Promise.all([loadCube(db, dialect, from, others, versions), loadCube(db, dialect, from, [...others, tagged], versions, false)]);
    cube = subtractCube(all, part);
  } else cube = await loadCube(db, dialect, from, base, versions);
  const categoryNames = new Map<string, string>();
  for (const r of cube) if (r.category) categoryNames.set(slugify(r.category), r.category);
  const facet = facetFilters(p, categoryNames, topRegions);
  const { total, counts } = countFacets(cube, facet.selection);
  lap("cube");

  // 4. The page of rows: all filters, in sort order.
  const where = [...base, ...facet.sql];
  const sizes = dialect === "sqlite" && where.length && !from.window ? { matching: total, all: await adCount(db, dialect, versions) } : null;
  const pageIds = total === 0 ? [] : await pageOfIds(db, dialect, from, where, p, sizes);
  lap("rows");

  // 5. Details, snippets and the tag facet, in parallel.
  const [rows, snippets, tagFacet, companies, dupCounts] = await Promise.all([
    adRows(db, dialect, pageIds, tree),
    search && windowIds && pageIds.length ? searchSnippets(db, "ads", parseSearch(p.q), pageIds) : Promise.resolve(new Map<number, string>()),
    tagCounts(
      db,
      dialect,
      from,
      where.filter((w) => w !== tagFilter),
      p,
      versions,
    ),
    p.company.length ? db.company.findMany({ where: { id: { in: p.company } }, select: { id: true, name: true } }) : Promise.resolve([]),
    duplicateCounts(
      db,
      dialect,
      from,
      where.filter((w) => !dupFilters.includes(w)),
      versions,
    ),
  ]);
  for (const r of rows) r.snippet = snippets.get(r.id) ?? null;
  lap("details");

  const option = (value: string, label: string, count: number | undefined, selected: boolean): FacetOption => ({ value, label, count: count ?? 0, selected });
  const byCount = (a: FacetOption, b: FacetOption) => Number(b.selected) - Number(a.selected) || b.count - a.count || a.label.localeCompare(b.label);
  return {
    rows,
    total,
    search,
    facets: {
      category: [...counts.category.entries()]
        .filter(([c]) => c !== null)
        .map(([c, n]) => option(slugify(String(c)), categoryLabel(String(c))!, n, p.category.includes(slugify(String(c)))))
        .sort(byCount),
      type: (["full_time", "part_time", "none"] as const).map((t) => option(t, TYPE_LABELS[t], counts.contractType.get(CONTRACT_TYPES[t] ?? null), p.type.includes(t))),
      time: (["permanent", "contract", "none"] as const).map((t) => option(t, TIME_LABELS[t], counts.contractTime.get(CONTRACT_TIMES[t] ?? null), p.time.includes(t))),
      source: [...counts.source.entries()]
        .filter(([s]) => s !== null)
        .map(([s, n]) => option(String(s), sourceLabel(String(s))!, n, p.source.includes(String(s))))
        .sort(byCount),
      status: (["open", "closed"] as const).map((s) => option(s, STATUS_LABELS[s], counts.status.get(s.toUpperCase()), p.status.includes(s))),
      region: tree
        .regions()
        .map((r) => option(String(r.id), r.name, counts.regionId.get(r.id), p.region.includes(r.id)))
        // The tree has alias regions ("E Midlands", "Yorks") that ads rarely use: only list live ones.
        .filter((o) => o.count > 0 || o.selected)
        .sort(byCount),
      tags: tagFacet,
      duplicates: (["has", "one"] as const).map((d) => option(d, DUPLICATE_LABELS[d], dupCounts[d], p.dups.includes(d))),
    },
    selected: {
      regions: p.region.map((id) => ({ id, label: tree.label(id) ?? `#${id}` })),
      companies: p.company.map((id) => ({ id, name: companies.find((c) => c.id === id)?.name ?? `#${id}` })),
    },
  };
}
