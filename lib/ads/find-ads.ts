// The ads table query: one page of rows, the total and the facet counts for a URL state.
//
// How it stays fast at 250,000 ads:
//  - Facets and the total come from one "cube" query (ads per combination of the facet columns)
//    over a covering index, with the non-facet filters applied; each facet's counts are then
//    worked out in memory (facets.ts). The cube is cached per state of the data (lib/ads/version).
//  - A search first asks the full-text index how many ads match (cheap), then works on the newest
//    SEARCH_WINDOW matches only: ranking, filtering and counting stay bounded however broad the
//    words. When a search matches more than that, the page says so ("refine your search").
//  - Rows are fetched as ids for the page (an index walk in sort order), then their details.
// Plain data access (no "server-only"): the query benchmark calls it too.
import { dialectOfDb, getDb, type Db } from "@/lib/db/client";
import { categoryLabel, sourceLabel } from "@/lib/format";
import { getLocationTree, type LocationTree } from "@/lib/locations/tree-cache";
import { parseSearch, toFts5, toTsquery } from "./search-query";
import { countFacets, subtractCube, type CubeRow, type FacetSelection } from "./facets";
import { slugify, type AdsTableParams } from "./table-params";
import { snippetsOf, type SearchText } from "./snippets-sqlite";
import { dataVersions } from "./version";

// 5,000: 200 pages of 25 — more than anyone reads — and it keeps a broad, phrase or OR search's
// first visit near 40 ms at 250,000 ads (10,000 cost ~60 ms; measured with npm run bench:query).
export const SEARCH_WINDOW = 5_000;

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
  source: string | null;
  status: "OPEN" | "CLOSED";
  tags: { id: number; name: string; color: string }[];
  /** Applications for the role: all, and those still in an open stage. */
  applications: { total: number; active: number };
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
  };
  /** Selected regions and companies with their names, for the filter chips. */
  selected: { regions: { id: number; label: string }[]; companies: { id: number; name: string }[] };
};

type Dialect = "sqlite" | "postgres";

/** SQL with "?" placeholders; PostgreSQL's $n are numbered when it is run. */
class Sql {
  constructor(
    readonly text: string = "",
    readonly args: unknown[] = [],
  ) {}
  static of(text: string, ...args: unknown[]) {
    return new Sql(text, args);
  }
  static join(parts: Sql[], sep: string): Sql {
    return new Sql(parts.map((p) => p.text).join(sep), parts.flatMap((p) => p.args));
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

function run<T>(db: Db, dialect: Dialect, sql: Sql): Promise<T[]> {
  const [text, args] = sql.render(dialect);
  return db.$queryRawUnsafe<T[]>(text, ...args);
}

const inList = (column: string, values: readonly unknown[]) => Sql.of(`${column} IN (${values.map(() => "?").join(", ")})`, ...values);

// ---- cube cache -------------------------------------------------------------------------------

type CacheEntry = { version: string; value: unknown };
const globalForCache = globalThis as unknown as { __rdCubeCache?: Map<string, CacheEntry> };
const CUBE_CACHE_SIZE = 200;
function cubeCache() {
  return (globalForCache.__rdCubeCache ??= new Map());
}

/** Forgets every cached aggregate (the query benchmark measures first visits with it). */
export function clearAggregateCache(keep?: (key: string) => boolean) {
  for (const key of [...cubeCache().keys()]) if (!keep?.(key)) cubeCache().delete(key);
}

/**
 * An aggregate (facet cube, tag counts) for one SQL statement, kept until the ads change
 * (lib/ads/version): every user and every facet choice over the same base filters shares it.
 */
type Versions = Promise<{ ads: number; tags: number; applications: number }> | null;

/** `versions`: the data counters, read once per request (null: no caching). */
async function cachedAggregate<T>(dialect: Dialect, sql: Sql, versions: Versions, compute: () => Promise<T>): Promise<T> {
  if (!versions) return compute();
  const key = JSON.stringify(sql.render(dialect));
  // Aggregates over tag links also go stale when tags move, those over applications when
  // applications come, move or merge; the others only when ads change.
  const v = await versions;
  const version = `${v.ads}:${sql.text.includes(`"AdTag"`) ? v.tags : ""}:${sql.text.includes(`"Application"`) ? v.applications : ""}`;
  const cache = cubeCache();
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit.value as T;
  }
  const value = await compute();
  cache.set(key, { version, value });
  if (cache.size > CUBE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

// ---- the query --------------------------------------------------------------------------------

const CONTRACT_TYPES: Record<string, string> = { full_time: "FULL_TIME", part_time: "PART_TIME" };
const CONTRACT_TIMES: Record<string, string> = { permanent: "PERMANENT", contract: "CONTRACT" };
const TYPE_LABELS: Record<string, string> = { full_time: "Full time", part_time: "Part time", none: "Not stated" };
const TIME_LABELS: Record<string, string> = { permanent: "Permanent", contract: "Contract", none: "Not stated" };
const STATUS_LABELS: Record<string, string> = { open: "Open", closed: "Closed" };

const ORDER: Record<Exclude<AdsTableParams["sort"], "relevance">, string> = {
  updated: `a."updatedAt" ASC, a."id" ASC`,
  "-updated": `a."updatedAt" DESC, a."id" DESC`,
  created: `a."createdAt" ASC, a."id" ASC`,
  "-created": `a."createdAt" DESC, a."id" DESC`,
  title: `a."titleKey" ASC, a."id" ASC`,
  "-title": `a."titleKey" DESC, a."id" DESC`,
  salary: `a."salaryAnnual" ASC, a."id" ASC`,
  "-salary": `a."salaryAnnual" DESC, a."id" DESC`,
};

type Search = AdsPage["search"];

async function runSearch(db: Db, dialect: Dialect, p: AdsTableParams, versions: Versions = null): Promise<{ search: Search; windowIds: number[] | null }> {
  if (!p.q) return { search: null, windowIds: null };
  const parsed = parseSearch(p.q);
  const search: NonNullable<Search> = { text: p.q, hint: parsed.hint, matches: 0, windowed: false, words: parsed.words };
  if (!parsed.usable) return { search, windowIds: null };
  const found = await searchWindow(db, dialect, parsed, p.sort === "relevance", versions);
  search.matches = found.ids.length;
  // A full window means there are more: counted no further (the page says "5,000+").
  search.windowed = found.ids.length >= SEARCH_WINDOW;
  return { search, windowIds: found.ids };
}

/** Filters that are not facets: salary, company, regions below the top level, tags. */
function baseFilters(p: AdsTableParams, tree: LocationTree) {
  const base: Sql[] = [];
  if (p.salaryMin !== null) base.push(Sql.of(`a."salaryAnnual" >= ?`, p.salaryMin));
  if (p.salaryMax !== null) base.push(Sql.of(`a."salaryAnnual" <= ?`, p.salaryMax));
  if (p.company.length) base.push(inList(`a."companyId"`, p.company));
  const topRegions = p.region.filter((id) => tree.byId.get(id)?.depth === 1);
  const deepRegions = p.region.filter((id) => (tree.byId.get(id)?.depth ?? 0) > 1);
  // A place below a region means every place below it too ("London" includes Mile End).
  if (deepRegions.length) base.push(inList(`a."locationId"`, [...new Set(deepRegions.flatMap((id) => tree.descendants(id)))]));
  const tagFilter = tagSql(p);
  if (tagFilter) base.push(tagFilter);
  if (p.apps) base.push(Sql.of(APPLICATION_FILTER_SQL[p.apps]));
  return { base, tagFilter, topRegions };
}

/** The facet filters, as a selection for counting and as SQL for the rows. */
function facetFilters(p: AdsTableParams, categoryNames: Map<string, string>, topRegions: number[]) {
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
  if (p.type.length) sql.push(nullable(`a."contractType"`, p.type.map((t) => CONTRACT_TYPES[t] ?? null)));
  if (p.time.length) sql.push(nullable(`a."contractTime"`, p.time.map((t) => CONTRACT_TIMES[t] ?? null)));
  if (p.source.length) sql.push(inList(`a."source"`, p.source));
  if (p.status.length) sql.push(inList(`a."status"`, p.status.map((s) => s.toUpperCase())));
  if (topRegions.length) sql.push(inList(`a."regionId"`, topRegions));
  return { selection, sql };
}

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
    const rows = await run<{ category: string | null }>(db, dialect, Sql.of(`SELECT a."category" AS category FROM "Ad" a GROUP BY a."category"`));
    for (const r of rows) if (r.category) names.set(slugify(r.category), r.category);
  }
  const from = fromAds(dialect, windowIds); // an unusable search is ignored, as in the table
  const where = [...base, ...facetFilters(p, names, topRegions).sql];
  return { dialect, from, where: whereOf(where), search };
}

export { Sql, run as runSql };

/** Every matching ad id, in the table's order (for exports). */
export async function matchingIds(p: AdsTableParams, db: Db = getDb()): Promise<number[]> {
  const { dialect, from, where } = await matchingAds(p, db);
  const order = p.sort === "relevance" && from.ranked ? from.ranked : orderFor(p.sort === "relevance" ? "-updated" : p.sort);
  const rows = await run<{ id: number | bigint }>(db, dialect, Sql.of(`SELECT a."id" AS id`).append(from.sql).append(where).append(` ORDER BY ${order}`));
  return rows.map((r) => Number(r.id));
}

function orderFor(sort: Exclude<AdsTableParams["sort"], "relevance">): string {
  // Ads without a salary go last either way.
  return (sort === "salary" || sort === "-salary" ? `a."salaryAnnual" IS NULL, ` : "") + ORDER[sort];
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
  const { base, tagFilter, topRegions } = baseFilters(p, tree);

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
  const [rows, snippets, tagFacet, companies] = await Promise.all([
    adDetails(db, dialect, pageIds, tree),
    search && windowIds && pageIds.length ? snippetsFor(db, dialect, p.q, pageIds) : Promise.resolve(new Map<number, string>()),
    tagCounts(db, dialect, from, where.filter((w) => w !== tagFilter), p, versions),
    p.company.length ? db.company.findMany({ where: { id: { in: p.company } }, select: { id: true, name: true } }) : Promise.resolve([]),
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
    },
    selected: {
      regions: p.region.map((id) => ({ id, label: tree.label(id) ?? `#${id}` })),
      companies: p.company.map((id) => ({ id, name: companies.find((c) => c.id === id)?.name ?? `#${id}` })),
    },
  };
}

/**
 * The rows a query starts from: every ad, or (searching) the window of matching ids, driven from
 * the id list so each is one primary-key look-up. j.ord / j.key keep the window's rank order.
 */
export type From = { sql: Sql; ranked: string | null; window: boolean };
function fromAds(dialect: Dialect, windowIds: number[] | null): From {
  if (!windowIds) return { sql: Sql.of(` FROM "Ad" a`), ranked: null, window: false };
  return dialect === "sqlite"
    ? { sql: Sql.of(` FROM json_each(?) j CROSS JOIN "Ad" a ON a."id" = j.value`, JSON.stringify(windowIds)), ranked: "j.key", window: true }
    : { sql: Sql.of(` FROM unnest(?::int[]) WITH ORDINALITY j(id, ord) JOIN "Ad" a ON a."id" = j.id`, windowIds), ranked: "j.ord", window: true };
}

const whereOf = (filters: Sql[]) => (filters.length ? Sql.of(" WHERE ").append(Sql.join(filters, " AND ")) : Sql.of(""));

const APPLICATION_FILTER_SQL: Record<NonNullable<AdsTableParams["apps"]>, string> = {
  any: `a."id" IN (SELECT ap."adId" FROM "Application" ap)`,
  active: `a."id" IN (SELECT ap."adId" FROM "Application" ap JOIN "Stage" s ON s."id" = ap."stageId" WHERE s."kind" = 'OPEN')`,
  none: `a."id" NOT IN (SELECT ap."adId" FROM "Application" ap)`,
};

function tagSql(p: AdsTableParams): Sql | null {
  if (!p.tags.length) return null;
  const list = inList(`t."tagId"`, p.tags);
  if (p.tagMode === "all") {
    // Ads carrying every one of the tags: one pass over the tags' links (AdTag_tagId_idx).
    return Sql.of(`a."id" IN (SELECT t."adId" FROM "AdTag" t WHERE `).append(list).append(Sql.of(` GROUP BY t."adId" HAVING count(*) = ?)`, p.tags.length));
  }
  const sub = Sql.of(`a."id" ${p.tagMode === "none" ? "NOT IN" : "IN"} (SELECT t."adId" FROM "AdTag" t WHERE `).append(list).append(")");
  return sub;
}

/** The newest SEARCH_WINDOW matching ids, in rank order when ranked (best first). */
async function searchWindow(db: Db, dialect: Dialect, parsed: ReturnType<typeof parseSearch>, ranked: boolean, versions: Versions): Promise<{ ids: number[] }> {
  let sql: Sql;
  if (dialect === "sqlite") {
    // Weighted BM25: title 10, description 1, company 5 (lower is better).
    const match = toFts5(parsed);
    const newest = `SELECT rowid AS id, bm25("ad_fts", 10.0, 1.0, 5.0) AS score FROM "ad_fts" WHERE "ad_fts" MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW}`;
    sql = ranked
      ? Sql.of(`SELECT json_group_array(id) AS ids FROM (SELECT id FROM (${newest}) ORDER BY score ASC, id DESC)`, match)
      : Sql.of(`SELECT json_group_array(id) AS ids FROM (SELECT rowid AS id FROM "ad_fts" WHERE "ad_fts" MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW})`, match);
  } else {
    const tsq = toTsquery(parsed);
    const newest = `SELECT "ad_id" AS id, ts_rank_cd("document", to_tsquery('english', ?)) AS score FROM "ad_search" WHERE "document" @@ to_tsquery('english', ?) ORDER BY "ad_id" DESC LIMIT ${SEARCH_WINDOW}`;
    sql = Sql.of(`SELECT coalesce(json_agg(id ORDER BY ${ranked ? "score DESC, " : ""}id DESC), '[]')::text AS ids FROM (${newest}) w`, tsq, tsq);
  }
  // Kept until the ads change, like the counts: paging through a search, or several people
  // running the same one, reads the index once.
  return cachedAggregate(dialect, sql, versions, async () => {
    const [row] = await run<{ ids: string | null }>(db, dialect, sql);
    return { ids: row?.ids ? (JSON.parse(row.ids) as number[]) : [] };
  });
}

async function loadCube(db: Db, dialect: Dialect, from: From, filters: Sql[], versions: Versions, covering = true): Promise<CubeRow[]> {
  const query = (source: Sql) =>
    Sql.of(
      `SELECT a."category" AS category, a."status" AS status, a."contractType" AS "contractType", a."contractTime" AS "contractTime", a."source" AS source, a."regionId" AS "regionId", count(*) AS n`,
    )
      .append(source)
      .append(whereOf(filters))
      .append(` GROUP BY a."category", a."status", a."contractType", a."contractTime", a."source", a."regionId"`);
  const sql = query(from.sql);
  type Row = CubeRow & { n: number | bigint; status: string; regionId: number | bigint | null };
  return cachedAggregate(dialect, sql, versions, async () => {
    let rows: Row[];
    if (covering && !from.window && dialect === "sqlite") {
      // Over all ads, SQLite is told to read the covering index: the planner may otherwise pick a
      // narrower index and fetch the wide rows. (Not for a few ads picked by id: those are looked
      // up.) The index is missing only while a bulk import loads (lib/db/ad-indexes.ts).
      rows = await run<Row>(db, dialect, query(Sql.of(` FROM "Ad" a INDEXED BY "Ad_facets_idx"`))).catch((e: Error) =>
        /no such index/i.test(e.message) ? run<Row>(db, dialect, sql) : Promise.reject(e),
      );
    } else rows = await run<Row>(db, dialect, sql);
    return rows.map((r) => ({ ...r, status: String(r.status), regionId: r.regionId === null ? null : Number(r.regionId), n: Number(r.n) }));
  });
}

/**
 * SQLite's planner, given a filter with an index (category, salary range, company…) and a sort
 * with another, takes the filter's index and sorts every match: 20–80 ms for a broad filter at
 * 250,000 ads, to show 25 rows. Walking the sort's index and testing each ad stops after about
 * (offset + limit) × all / matching ads. The cube has just counted `matching`, so choose: walk
 * when that is fewer ads than sorting the matches would touch. The filters are made one term the
 * planner cannot look up ("+(…)"), except those on the sort column itself (a salary range keeps
 * its range when sorting by salary). PostgreSQL estimates this itself from its statistics.
 */
export function walkSortIndex(dialect: Dialect, where: Sql[], sortColumn: string, counts: { matching: number; all: number } | null, end: number): Sql[] {
  if (dialect !== "sqlite" || !counts || !where.length || counts.matching <= 0) return where;
  if ((end * counts.all) / counts.matching > counts.matching) return where;
  const onSort = where.filter((w) => w.text.includes(sortColumn));
  const others = where.filter((w) => !w.text.includes(sortColumn));
  return others.length ? [...onSort, Sql.of("+").append(Sql.join(others, " AND ").wrap())] : where;
}

async function pageOfIds(db: Db, dialect: Dialect, from: From, where: Sql[], p: AdsTableParams, counts: { matching: number; all: number } | null): Promise<number[]> {
  const offset = (p.page - 1) * p.perPage;
  const ids = (sql: Sql) => run<{ id: number | bigint }>(db, dialect, sql).then((rows) => rows.map((r) => Number(r.id)));
  const select = (filters: Sql[], order: string, limit: number, skip: number) => {
    const sortColumn = order.slice(0, order.indexOf(" "));
    const terms = from.window ? filters : walkSortIndex(dialect, filters, sortColumn, counts, skip + limit);
    return ids(Sql.of(`SELECT a."id" AS id`).append(from.sql).append(whereOf(terms)).append(Sql.of(` ORDER BY ${order} LIMIT ? OFFSET ?`, limit, skip)));
  };
  if ((p.sort === "salary" || p.sort === "-salary") && !from.window) {
    // Ads without a salary go last either way. "ORDER BY salary IS NULL, …" would sort every
    // matching ad; instead walk the (salaryAnnual, id) index over the known salaries, and only
    // when the page runs past them, count those and continue into the unknown ones.
    const known = await select([...where, Sql.of(`a."salaryAnnual" IS NOT NULL`)], ORDER[p.sort], p.perPage, offset);
    if (known.length === p.perPage) return known;
    const [{ n }] = await run<{ n: number | bigint }>(db, dialect, Sql.of(`SELECT count(*) AS n`).append(from.sql).append(whereOf([...where, Sql.of(`a."salaryAnnual" IS NOT NULL`)])));
    const unknown = await select([...where, Sql.of(`a."salaryAnnual" IS NULL`)], p.sort === "salary" ? `a."id" ASC` : `a."id" DESC`, p.perPage - known.length, Math.max(0, offset - Number(n)));
    return [...known, ...unknown];
  }
  let order: string;
  if (p.sort === "relevance" && from.ranked) order = from.ranked; // the window is in rank order
  else order = orderFor(p.sort === "relevance" ? "-updated" : p.sort);
  return select(where, order, p.perPage, offset);
}

/** How many ads there are (for choosing a plan), kept until the ads change. */
function adCount(db: Db, dialect: Dialect, versions: Versions): Promise<number> {
  const sql = Sql.of(`SELECT count(*) AS n FROM "Ad"`);
  return cachedAggregate(dialect, sql, versions, async () => Number((await run<{ n: number | bigint }>(db, dialect, sql))[0].n));
}

async function adDetails(db: Db, dialect: Dialect, ids: number[], tree: LocationTree): Promise<AdRow[]> {
  if (!ids.length) return [];
  // Two statements (ads with their company; their tags), not the ORM's four: this runs on every page.
  const inIds = (column: string) =>
    dialect === "sqlite" ? Sql.of(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)) : Sql.of(`${column} = ANY(?::int[])`, ids);
  type Raw = Omit<AdRow, "company" | "tags" | "snippet" | "location" | "createdAt" | "updatedAt"> & {
    companyId: number | null;
    companyName: string | null;
    locationRaw: string | null;
    createdAt: Date | string;
    updatedAt: Date | string;
  };
  const [rows, tags, apps] = await Promise.all([
    run<Raw>(
      db,
      dialect,
      Sql.of(
        `SELECT a."id" AS id, a."externalId" AS "externalId", a."title" AS title, a."companyId" AS "companyId", c."name" AS "companyName", a."locationId" AS "locationId", a."locationRaw" AS "locationRaw", ` +
          `a."category" AS category, a."contractType" AS "contractType", a."contractTime" AS "contractTime", a."salaryMin" AS "salaryMin", a."salaryMax" AS "salaryMax", a."salaryPeriod" AS "salaryPeriod", ` +
          `a."salaryAnnual" AS "salaryAnnual", a."source" AS source, a."status" AS status, a."createdAt" AS "createdAt", a."updatedAt" AS "updatedAt" ` +
          `FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE `,
      ).append(inIds(`a."id"`)),
    ),
    run<{ adId: number; id: number; name: string; color: string }>(
      db,
      dialect,
      Sql.of(`SELECT t."adId" AS "adId", g."id" AS id, g."name" AS name, g."color" AS color FROM "AdTag" t JOIN "Tag" g ON g."id" = t."tagId" WHERE `)
        .append(inIds(`t."adId"`))
        .append(` ORDER BY g."name"`),
    ),
    run<{ adId: number; total: number | bigint; active: number | bigint }>(
      db,
      dialect,
      Sql.of(
        `SELECT ap."adId" AS "adId", count(*) AS total, sum(CASE WHEN s."kind" = 'OPEN' THEN 1 ELSE 0 END) AS active FROM "Application" ap JOIN "Stage" s ON s."id" = ap."stageId" WHERE `,
      )
        .append(inIds(`ap."adId"`))
        .append(` GROUP BY ap."adId"`),
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
    .map(({ companyId, companyName, locationRaw, ...r }) => ({
      ...r,
      id: Number(r.id),
      externalId: Number(r.externalId),
      locationId: r.locationId === null ? null : Number(r.locationId),
      company: companyId === null ? null : { id: Number(companyId), name: companyName ?? "" },
      status: String(r.status) as AdRow["status"],
      snippet: null,
      location: tree.label(r.locationId === null ? null : Number(r.locationId)) ?? locationRaw,
      tags: tagsOf.get(Number(r.id)) ?? [],
      applications: appsOf.get(Number(r.id)) ?? { total: 0, active: 0 },
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    }));
}

/** Matched words in context, marked with \u0001…\u0002 (never HTML: the page renders <mark>s). */
async function snippetsFor(db: Db, dialect: Dialect, q: string, ids: number[]): Promise<Map<number, string>> {
  const parsed = parseSearch(q);
  if (!parsed.usable) return new Map();
  if (dialect === "sqlite") {
    // The indexed text of the page's ads (what "ad_fts" holds), highlighted apart: snippets-sqlite.ts.
    const texts = await run<SearchText & { id: number | bigint }>(
      db,
      dialect,
      Sql.of(`SELECT s."id" AS id, s."title" AS title, s."description" AS description, s."company" AS company FROM "ad_search_source" s WHERE s."id" IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)),
    );
    return snippetsOf(
      texts.map((t) => ({ ...t, id: Number(t.id) })),
      toFts5(parsed),
    );
  }
  const rows = await run<{ id: number; s: string }>(
    db,
    dialect,
    Sql.of(
      `SELECT a."id" AS id, ts_headline('english', t."description", to_tsquery('english', ?), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=…, MaxFragments=2') AS s FROM "AdText" t JOIN "Ad" a ON a."id" = t."adId" WHERE a."id" = ANY(?::int[])`,
      toTsquery(parsed),
      ids,
    ),
  );
  return new Map(rows.map((r) => [Number(r.id), r.s]));
}

async function tagCounts(db: Db, dialect: Dialect, from: From, where: Sql[], p: AdsTableParams, versions: Versions): Promise<FacetOption[]> {
  // Ads per tag within the current view (all filters but the tag filter itself).
  const counted = Sql.of(`SELECT t."tagId" AS id, count(*) AS n`).append(from.sql).append(` JOIN "AdTag" t ON t."adId" = a."id"`).append(whereOf(where)).append(` GROUP BY t."tagId"`);
  const [tags, rows] = await Promise.all([
    db.tag.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    cachedAggregate(dialect, counted, versions, () => run<{ id: number | bigint; n: number | bigint }>(db, dialect, counted)),
  ]);
  const n = new Map(rows.map((c) => [Number(c.id), Number(c.n)]));
  return tags.map((t) => ({ value: String(t.id), label: t.name, count: n.get(t.id) ?? 0, selected: p.tags.includes(t.id) }));
}
