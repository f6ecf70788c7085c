// A search in the ads table: the full-text index (lib/search) gives the newest SEARCH_WINDOW
// matching ads (in rank order when sorting by relevance); filtering, counting and paging then work
// on that window only, so they stay bounded however broad the words. The window is cached until
// the ads change, like the counts: paging through a search, or several people running the same
// one, reads the index once.
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { matchIds, matchStatement } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
import { cachedAggregate, type Versions } from "./ad-counts";
import type { AdsPage } from "./find-ads";
import type { AdsTableParams } from "./table-params";

// 5,000: 200 pages of 25 — more than anyone reads — and it keeps a broad, phrase or OR search's
// first visit near 40 ms at 250,000 ads (10,000 cost ~60 ms; measured with npm run bench:query).
export const SEARCH_WINDOW = 5_000;

export async function runSearch(db: Db, dialect: Dialect, p: AdsTableParams, versions: Versions = null): Promise<{ search: AdsPage["search"]; windowIds: number[] | null }> {
  if (!p.q) return { search: null, windowIds: null };
  const parsed = parseSearch(p.q);
  const search: NonNullable<AdsPage["search"]> = { text: p.q, hint: parsed.hint, matches: 0, windowed: false, words: parsed.words };
  if (!parsed.usable) return { search, windowIds: null };
  const statement = matchStatement("ads", dialect, parsed, { limit: SEARCH_WINDOW, pick: "newest", ranked: p.sort === "relevance" });
  const ids = await cachedAggregate(db, dialect, statement, versions, () => matchIds(db, statement));
  search.matches = ids.length;
  // A full window means there are more: counted no further (the page says so).
  search.windowed = ids.length >= SEARCH_WINDOW;
  return { search, windowIds: ids };
}
