// What the ad and candidate pages' matching sections read: the URL's filters (m-prefixed, so they
// never clash with the page's own), the matches as plain rows for the list, and the regions.
import { getLocationTree } from "@/lib/locations/tree-cache";
import { matchesForAd, matchesForCandidate } from "./matches";
import { parseMatchQuery } from "./params";

type SearchParams = Record<string, string | string[] | undefined>;
export const MATCH_PREFIX = "m";
export const MATCH_PAGE = 20;

function queryOf(sp: SearchParams) {
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const params = new URLSearchParams();
  const region = one(`${MATCH_PREFIX}region`);
  const min = one(`${MATCH_PREFIX}min`);
  const limit = one(`${MATCH_PREFIX}limit`);
  if (region) params.set("region", region);
  if (min) params.set("minScore", min);
  if (limit) params.set("limit", limit);
  const q = parseMatchQuery(params);
  // A bad value falls back to the defaults, as the tables' URLs do.
  return q.ok ? q.query : { limit: MATCH_PAGE, offset: 0, minScore: 0, region: undefined };
}

async function regions() {
  return (await getLocationTree()).regions().map((r) => ({ id: r.id, name: r.name }));
}

export async function adMatchSection(adId: number, sp: SearchParams) {
  const q = queryOf(sp);
  const [page, regionList] = await Promise.all([matchesForAd(adId, { limit: q.limit, minScore: q.minScore, regionId: q.region ?? null }), regions()]);
  const rows = (page?.results ?? []).map((m) => ({
    id: m.candidateId,
    href: `/candidates/${m.candidateId}`,
    name: m.name,
    detail: [m.currentTitle, m.location].filter(Boolean).join(" · ") || null,
    score: m.score,
    breakdown: m.breakdown,
    matchedTerms: m.matchedTerms,
    missingTerms: m.missingTerms,
    applied: m.applied,
  }));
  return { rows, total: page?.total ?? 0, limit: q.limit, minScore: q.minScore, region: q.region ?? null, regions: regionList };
}

export async function candidateMatchSection(candidateId: number, sp: SearchParams) {
  const q = queryOf(sp);
  const [page, regionList] = await Promise.all([matchesForCandidate(candidateId, { limit: q.limit, minScore: q.minScore, regionId: q.region ?? null }), regions()]);
  const rows = (page?.results ?? []).map((m) => ({
    id: m.adId,
    href: `/ads/${m.adId}`,
    name: m.title,
    detail: [m.company, m.location, m.duplicates > 1 ? `${m.duplicates} copies` : null].filter(Boolean).join(" · ") || null,
    score: m.score,
    breakdown: m.breakdown,
    matchedTerms: m.matchedTerms,
    missingTerms: m.missingTerms,
    applied: m.applied,
  }));
  return { rows, total: page?.total ?? 0, limit: q.limit, minScore: q.minScore, region: q.region ?? null, regions: regionList };
}
