// Matching in the database: an ad's best candidates and a candidate's matching roles. Candidates
// (or ads) are retrieved through the full-text index with the searching side's key terms — never a
// scan of every record — then each is rescored with lib/matching/score.ts, so the order, the score
// and the breakdown shown are one computation. Already-applied pairs are marked, not hidden.
// Plain data access (no "server-only"): the matching benchmark calls it too.
import { getDb, urlOfDb, type Db } from "@/lib/db/client";
import { dialectOfDb } from "@/lib/db/client";
import { inIds, query, Sql } from "@/lib/db/sql";
import { LocationResolver } from "@/lib/locations/resolve";
import { getLocationTree, type LocationTree } from "@/lib/locations/tree-cache";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch, type ParsedSearch, type SearchClause } from "@/lib/search/query";
import { scoreMatch, type MatchJob, type MatchPerson, type MatchScore } from "./score";
import { buildTermStats, idf, keyTerms, stemOf, tokenize, type KeyTerm, type TermStats } from "./terms";

/** Documents the full-text index hands over for rescoring (the top of its own ranking). */
export const RETRIEVE = 300;
/** Key terms per document; the retrieval query uses the first QUERY_TERMS of them. */
export const KEY_TERMS = 20;
export const QUERY_TERMS = 8;
export const QUERY_POOL = 12;
export const STRICT_TERMS = 6;
export const STRICT_ENOUGH = 50;
export const QUERY_DF_SHARE = 0.03;
/** PostgreSQL: of a retrieval query's matches, only the RANK_POOL holding the most of its words are ranked (lib/search/full-text.ts `prefilter`). */
export const RANK_POOL = 2000;
/** Ads sampled for the document frequencies, and how long the sample is kept. */
export const SAMPLE_ADS = 3000;
const STATS_TTL_MS = 10 * 60_000;
export const MAX_LIMIT = 100;

export type MatchOptions = { limit?: number; offset?: number; regionId?: number | null; minScore?: number };
export type Applied = { applicationId: number; stage: string } | null;
export type CandidateMatch = MatchScore & { candidateId: number; name: string; currentTitle: string | null; location: string | null; applied: Applied };
export type AdMatch = MatchScore & {
  adId: number;
  title: string;
  company: string | null;
  location: string | null;
  duplicates: number;
  applied: Applied;
};
export type MatchPage<T> = { total: number; offset: number; limit: number; keyTerms: string[]; results: T[] };

// ---- shared state: document frequencies and a resolver for places typed as text -----------------

const cache = globalThis as unknown as { __rdMatchStats?: Map<string, { at: number; stats: Promise<TermStats> }>; __rdMatchResolver?: LocationResolver };

/** Document frequencies from an even sample of the ads (title + description), kept for ten minutes. */
export function termStats(db: Db): Promise<TermStats> {
  const key = urlOfDb(db);
  const map = (cache.__rdMatchStats ??= new Map());
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = (async () => {
    const dialect = dialectOfDb(db);
    const [r] = await query<{ lo: number | null; hi: number | null; n: number | bigint }>(db, Sql.of(`SELECT min("id") AS lo, max("id") AS hi, count(*) AS n FROM "Ad"`));
    if (!r || r.lo === null || r.hi === null) return buildTermStats([]);
    const lo = Number(r.lo);
    const hi = Number(r.hi);
    const n = Number(r.n);
    const step = Math.max(1, (hi - lo + 1) / Math.min(SAMPLE_ADS, n));
    const ids: number[] = [];
    for (let x = lo; x <= hi && ids.length < SAMPLE_ADS * 1.2; x += step) ids.push(Math.round(x));
    const rows = await query<{ title: string; description: string | null }>(
      db,
      Sql.of(`SELECT a."title" AS title, t."description" AS description FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id" WHERE `).append(inIds(dialect, `a."id"`, ids)),
    );
    return buildTermStats(rows.map((x) => `${x.title} ${x.description ?? ""}`));
  })();
  map.set(key, { at: Date.now(), stats });
  stats.catch(() => map.delete(key));
  return stats;
}

function placePath(tree: LocationTree, locationId: number | null, text: string | null): string | null {
  if (locationId !== null) return tree.byId.get(locationId)?.path ?? null;
  if (!text) return null;
  cache.__rdMatchResolver ??= new LocationResolver(tree.nodes);
  const r = cache.__rdMatchResolver.resolve(null, text);
  return r ? r.node.path : null;
}

/**
 * The full-text queries for key terms. Of the best QUERY_POOL terms by weight the rarest are asked
 * for (a rare word's list of documents is short). `strict`: documents with at least two of the
 * STRICT_TERMS rarest — written as AND-ed OR-groups (for each term, one of the others) — so the index
 * ranks hundreds of documents, not tens of thousands (PostgreSQL's ts_rank_cd reads every matching
 * document's vector); `loose`: any of the QUERY_TERMS rarest, asked only when `strict` finds too few.
 */
export function retrievalQueries(terms: KeyTerm[], stats?: TermStats): { strict: ParsedSearch | null; loose: ParsedSearch | null } {
  const pool = terms.slice(0, QUERY_POOL);
  // Words in more than QUERY_DF_SHARE of the ads make long lists: left to the rescoring (kept when nothing rarer is left).
  const rare = stats && stats.documents >= 50 ? pool.filter((t) => stats.df(t.term) <= stats.documents * QUERY_DF_SHARE) : pool;
  const rarest = (stats ? [...(rare.length ? rare : pool.slice(0, 3))].sort((a, b) => idf(stats, b.term) - idf(stats, a.term) || b.weight - a.weight) : pool)
    .map((t) => t.term.replace(/[^a-z0-9]/g, ""))
    .filter((t) => t.length >= 2)
    // One word per stem: the index files "manager" and "management" under one entry.
    .filter((t, i, all) => all.findIndex((u) => stemOf(u) === stemOf(t)) === i);
  // Built as parsed searches (AND-ed clauses of OR-ed words), not as search-box text: no length limit.
  const any = (words: string[]): SearchClause => ({ negated: false, options: words.map((word) => ({ kind: "term", word, prefix: false })) });
  const search = (clauses: SearchClause[], words: string[]): ParsedSearch => ({ clauses, hint: null, usable: clauses.length > 0, words });
  const wide = rarest.slice(0, QUERY_TERMS);
  const few = rarest.slice(0, STRICT_TERMS);
  return {
    strict:
      few.length >= 3
        ? search(
            few.map((_, i) => any(few.filter((__, j) => j !== i))),
            few,
          )
        : null,
    loose: wide.length ? search([any(wide)], wide) : null,
  };
}

/**
 * Ranked ids for key terms: the strict query's, then the loose one's. Candidates (tens of thousands)
 * always get both; ads (hundreds of thousands) get the loose query only when the strict one finds
 * fewer than STRICT_ENOUGH.
 */
async function retrieve(db: Db, kind: "ads" | "candidates", terms: KeyTerm[], stats: TermStats, fallback: string): Promise<number[]> {
  const { strict, loose } = retrievalQueries(terms, stats);
  const opts = { limit: kind === "candidates" ? RETRIEVE / 2 : RETRIEVE, pick: "best", ranked: true } as const;
  const ids = strict ? await findMatches(db, kind, strict, opts) : [];
  if (kind === "ads" && ids.length >= STRICT_ENOUGH) return ids;
  const second = loose ?? parseSearch(fallback);
  if (!second.usable) return ids;
  const seen = new Set(ids);
  // The loose query (any of the rare words) can match tens of thousands of ads: on PostgreSQL only the
  // RANK_POOL holding the most of its words are ranked. (The strict one matches few: ranked whole.)
  for (const id of await findMatches(db, kind, second, { ...opts, limit: RETRIEVE, prefilter: RANK_POOL })) if (!seen.has(id) && ids.length < RETRIEVE) ids.push(id);
  return ids;
}

const clampLimit = (n: number | undefined) => Math.max(1, Math.min(MAX_LIMIT, Math.trunc(n ?? 20)));
const personText = (c: { currentTitle: string | null; cvText: string | null; skills: string | null }) => [c.currentTitle, c.skills, c.cvText].filter(Boolean).join("\n");

type AdRow = {
  id: number;
  title: string;
  text: { description: string } | null;
  company: { name: string } | null;
  locationId: number | null;
  regionId: number | null;
  salaryAnnual: number | null;
  salaryEstimate: number | null;
  createdAt: Date;
  status: string;
  duplicateGroupId: number | null;
  duplicateCount: number | null;
};
const AD_SELECT = {
  id: true,
  title: true,
  text: { select: { description: true } },
  company: { select: { name: true } },
  locationId: true,
  regionId: true,
  salaryAnnual: true,
  salaryEstimate: true,
  createdAt: true,
  status: true,
  duplicateGroupId: true,
  duplicateCount: true,
} as const;

const CANDIDATE_SELECT = {
  id: true,
  name: true,
  currentTitle: true,
  cvText: true,
  skills: true,
  location: true,
  locationId: true,
  regionId: true,
  desiredSalary: true,
  willingToRelocate: true,
  updatedAt: true,
} as const;

function jobOf(ad: AdRow, tree: LocationTree, stats: TermStats): MatchJob {
  return {
    title: ad.title,
    keyTerms: keyTerms(ad.title, ad.text?.description ?? "", stats, KEY_TERMS),
    locationPath: placePath(tree, ad.locationId, null),
    salary: ad.salaryAnnual ?? ad.salaryEstimate,
    salaryIsEstimate: ad.salaryAnnual === null && ad.salaryEstimate !== null,
    postedAt: ad.createdAt,
  };
}

async function appliedFor(db: Db, pairs: { adId?: number; candidateId?: number }, ids: number[], by: "adId" | "candidateId"): Promise<Map<number, Applied>> {
  if (!ids.length) return new Map();
  const apps = await db.application.findMany({
    where: { ...pairs, [by]: { in: ids } },
    select: { id: true, adId: true, candidateId: true, stage: { select: { name: true } } },
  });
  return new Map(apps.map((a) => [a[by], { applicationId: a.id, stage: a.stage.name }]));
}

/** An ad's best candidates, best first: `limit` of them from `offset`. Null when there is no such ad. */
export async function matchesForAd(adId: number, o: MatchOptions = {}, db: Db = getDb()): Promise<MatchPage<CandidateMatch> | null> {
  const limit = clampLimit(o.limit);
  const offset = Math.max(0, Math.trunc(o.offset ?? 0));
  const ad = (await db.ad.findUnique({ where: { id: adId }, select: AD_SELECT })) as AdRow | null;
  if (!ad) return null;
  const [tree, stats] = await Promise.all([getLocationTree(db), termStats(db)]);
  const job = jobOf(ad, tree, stats);
  const ids = await retrieve(db, "candidates", job.keyTerms, stats, ad.title);
  const people = ids.length ? await db.candidate.findMany({ where: { id: { in: ids }, erasedAt: null }, select: CANDIDATE_SELECT }) : [];
  const now = new Date();
  const region = o.regionId ?? null;
  const scored = people
    .map((c) => {
      const locationPath = placePath(tree, c.locationId, c.location);
      const person: MatchPerson = {
        currentTitle: c.currentTitle,
        text: personText(c),
        locationPath,
        willingToRelocate: c.willingToRelocate,
        desiredSalary: c.desiredSalary,
        updatedAt: c.updatedAt,
      };
      return { c, locationPath, m: scoreMatch(job, person, { direction: "ad-to-candidates", now }) };
    })
    .filter((x) => region === null || inRegion(tree, x.locationPath, region))
    .filter((x) => x.m.score >= (o.minScore ?? 0))
    .sort((a, b) => b.m.score - a.m.score || a.c.id - b.c.id);
  const page = scored.slice(offset, offset + limit);
  const applied = await appliedFor(
    db,
    { adId },
    page.map((x) => x.c.id),
    "candidateId",
  );
  return {
    total: scored.length,
    offset,
    limit,
    keyTerms: job.keyTerms.map((k) => k.term),
    results: page.map(({ c, locationPath, m }) => ({
      ...m,
      candidateId: c.id,
      name: c.name,
      currentTitle: c.currentTitle,
      location: locationPath ? label(locationPath) : c.location,
      applied: applied.get(c.id) ?? null,
    })),
  };
}

/** A candidate's matching open roles, best first, one per near-duplicate group. Null when there is no such candidate. */
export async function matchesForCandidate(candidateId: number, o: MatchOptions = {}, db: Db = getDb()): Promise<MatchPage<AdMatch> | null> {
  const limit = clampLimit(o.limit);
  const offset = Math.max(0, Math.trunc(o.offset ?? 0));
  const c = await db.candidate.findFirst({ where: { id: candidateId, erasedAt: null }, select: CANDIDATE_SELECT });
  if (!c) return null;
  const [tree, stats] = await Promise.all([getLocationTree(db), termStats(db)]);
  const own = keyTerms(c.currentTitle, [c.skills, c.cvText].filter(Boolean).join("\n"), stats, KEY_TERMS);
  const ids = await retrieve(db, "ads", own, stats, c.currentTitle ?? "");
  const ads = ids.length ? ((await db.ad.findMany({ where: { id: { in: ids }, status: "OPEN" }, select: AD_SELECT })) as AdRow[]) : [];
  const personPath = placePath(tree, c.locationId, c.location);
  const text = personText(c);
  const person: MatchPerson = {
    currentTitle: c.currentTitle,
    text,
    words: new Set(tokenize(text)),
    locationPath: personPath,
    willingToRelocate: c.willingToRelocate,
    desiredSalary: c.desiredSalary,
    updatedAt: c.updatedAt,
  };
  const now = new Date();
  const region = o.regionId ?? null;
  const scored = ads
    .filter((a) => region === null || a.regionId === region)
    .map((a) => ({ a, m: scoreMatch(jobOf(a, tree, stats), person, { direction: "candidate-to-ads", now }) }))
    .filter((x) => x.m.score >= (o.minScore ?? 0))
    .sort((x, y) => y.m.score - x.m.score || x.a.id - y.a.id);
  // One per near-duplicate group: its best-scoring ad stands for the group.
  const groups = new Set<number>();
  const distinct = scored.filter(({ a }) => {
    if (a.duplicateGroupId === null) return true;
    if (groups.has(a.duplicateGroupId)) return false;
    groups.add(a.duplicateGroupId);
    return true;
  });
  const page = distinct.slice(offset, offset + limit);
  const applied = await appliedFor(
    db,
    { candidateId },
    page.map((x) => x.a.id),
    "adId",
  );
  return {
    total: distinct.length,
    offset,
    limit,
    keyTerms: own.map((k) => k.term),
    results: page.map(({ a, m }) => ({
      ...m,
      adId: a.id,
      title: a.title,
      company: a.company?.name ?? null,
      location: a.locationId ? tree.label(a.locationId) : null,
      duplicates: a.duplicateCount ?? 1,
      applied: applied.get(a.id) ?? null,
    })),
  };
}

function inRegion(tree: LocationTree, path: string | null, regionId: number): boolean {
  const region = tree.byId.get(regionId);
  return !!(region && path && (path === region.path || path.startsWith(region.path + "~")));
}

const label = (path: string) => path.split("~").slice(1).reverse().join(", ") || path;
