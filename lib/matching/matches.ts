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
/** Ads: a strict query is asked for only when the sample says at most RANK_BUDGET ads match it (it is ranked whole). */
export const RANK_BUDGET = 2500;
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
    return buildTermStats(
      rows.map((x) => `${x.title} ${x.description ?? ""}`),
      n,
    );
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
 * Documents holding at least `k` of `words`, as a parsed search (AND-ed clauses of OR-ed words, not
 * search-box text: no length limit): every `words.length - k + 1` of them hold one, so each clause is
 * one such group of words.
 */
export function atLeast(k: number, words: string[]): ParsedSearch {
  const size = words.length - k + 1;
  const groups: string[][] = [];
  const grow = (from: number, group: string[]) => {
    if (group.length === size) return void groups.push(group);
    for (let i = from; i <= words.length - (size - group.length); i++) grow(i + 1, [...group, words[i]]);
  };
  if (k >= 1 && size >= 1) grow(0, []);
  const clauses: SearchClause[] = groups.map((g) => ({ negated: false, options: g.map((word) => ({ kind: "term", word, prefix: false })) }));
  return { clauses, hint: null, usable: clauses.length > 0, words };
}

/** A key term as a full-text query word: letters and digits only. */
const queryWord = (term: string) => term.replace(/[^a-z0-9]/g, "");

/** A retrieval query; `pooled`: on PostgreSQL only the RANK_POOL documents holding most of its words are ranked. */
export type Retrieval = { search: ParsedSearch; pooled: boolean };

/**
 * The full-text queries for key terms, strictest first. Of the best QUERY_POOL terms by weight the
 * rarest are asked for (a rare word's list of documents is short; a word is as rare as its stem is in
 * the index). The strict queries: documents with at least three, then at least two, of the
 * STRICT_TERMS rarest, ranked whole (PostgreSQL's ts_rank_cd reads every matching document's
 * vector). When the sample says more than `maxShare` of the documents would match one, it asks for
 * more of the words at once, or is left out. Last the loose query: any of the QUERY_TERMS rarest,
 * pooled.
 */
export function retrievalQueries(terms: KeyTerm[], stats?: TermStats, maxShare = 1): Retrieval[] {
  const pool = terms.slice(0, QUERY_POOL);
  const word = (t: KeyTerm) => queryWord(t.term);
  const byRarity = (list: KeyTerm[]) => (stats ? [...list].sort((a, b) => idf(stats, b.term) - idf(stats, a.term) || b.weight - a.weight) : list);
  const sampled = stats && stats.documents >= 50 ? stats : null;
  // Words in more than QUERY_DF_SHARE of the ads make long lists: asked for only in the strict
  // queries, and only to make up STRICT_TERMS words when fewer rare ones are left.
  const isRare = (t: KeyTerm) => !sampled || sampled.df(t.term) <= sampled.documents * QUERY_DF_SHARE;
  const ordered = [...byRarity(pool.filter(isRare)), ...byRarity(pool.filter((t) => !isRare(t)))]
    .filter((t) => word(t).length >= 2)
    // One word per stem: the index files "manager" and "management" under one entry.
    .filter((t, i, all) => all.findIndex((u) => stemOf(word(u)) === stemOf(word(t))) === i);
  const rare = ordered.filter(isRare).map(word);
  const few = ordered.slice(0, STRICT_TERMS).map(word);
  // Any of the rare words (of the strict queries' words when none is rare).
  const wide = rare.length ? rare.slice(0, QUERY_TERMS) : few;
  const fewEnough = (k: number) => !sampled || sampled.holding(few, k) <= sampled.documents * maxShare;
  const out: Retrieval[] = [];
  const asked = new Set<number>();
  for (const k of few.length >= 5 ? [3, 2] : few.length >= 3 ? [2] : []) {
    let j = k;
    while (j < few.length && !fewEnough(j)) j++;
    if (!fewEnough(j) || asked.has(j)) continue;
    out.push({ search: atLeast(j, few), pooled: false });
    asked.add(j);
  }
  if (wide.length) out.push({ search: atLeast(1, wide), pooled: true });
  return out;
}

/**
 * Ranked ids for key terms, query by query (retrievalQueries). Candidates (tens of thousands) get
 * every query; ads (hundreds of thousands) only until STRICT_ENOUGH are found, and a strict query
 * only when at most RANK_BUDGET ads match it.
 */
async function retrieve(db: Db, kind: "ads" | "candidates", terms: KeyTerm[], stats: TermStats, title: string): Promise<number[]> {
  const queries = retrievalQueries(terms, stats, kind === "ads" ? RANK_BUDGET / stats.collection : 1);
  const titleWords = [...new Set(tokenize(title).map(queryWord))].filter((w) => w.length >= 2);
  // Candidates: also the people whose CV or current title holds every word of the ad's title (an
  // ad's rarest words can be a place or a name its best candidate's CV never mentions).
  if (kind === "candidates" && titleWords.length) queries.splice(queries.length - 1, 0, { search: atLeast(titleWords.length, titleWords), pooled: false });
  const byTitle = parseSearch(title);
  if (!queries.length && byTitle.usable) queries.push({ search: byTitle, pooled: true });
  const most = kind === "candidates" ? RETRIEVE + RETRIEVE / 3 : RETRIEVE;
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const { search, pooled } of queries) {
    // Candidates: the strict queries' best share the page with the loose one's.
    const limit = kind === "candidates" && !pooled ? RETRIEVE / 3 : RETRIEVE;
    for (const id of await findMatches(db, kind, search, { limit, pick: "best", ranked: true, rankByWords: true, prefilter: pooled ? RANK_POOL : undefined }))
      if (!seen.has(id) && ids.length < most) {
        ids.push(id);
        seen.add(id);
      }
    if (kind === "ads" && ids.length >= STRICT_ENOUGH) break;
  }
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
