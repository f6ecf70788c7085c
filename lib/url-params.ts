// URL-state pieces the ads table, the candidates table and the history pages share: one meaning of
// "a page number or id in the URL", one list of page sizes, one applications filter.
import { createParser } from "nuqs/server";

/** A whole number 1 … 2³¹−1 in the URL (page numbers, ids: Prisma's Int); anything else is absent. */
export const positiveInt = createParser({
  parse: (v: string) => {
    if (!/^\d{1,10}$/.test(v)) return null;
    const n = Number(v);
    return n >= 1 && n <= 2_147_483_647 ? n : null;
  },
  serialize: (n: number) => String(n),
});

export const PER_PAGE_OPTIONS = [10, 25, 50, 100] as const;

/** Rows with applications: any, active ones (in an open stage), or none. */
export const APPLICATION_FILTERS = ["any", "active", "none"] as const;

/** The deepest page a table URL can ask for. */
export const MAX_PAGE = 10_000;

/**
 * A table's search box text: trimmed. Its length is the search parser's business (lib/search/
 * query.ts keeps the first 500 characters and says so); a URL is bounded by the server already.
 */
export const searchText = (q: string) => q.trim();

/**
 * The sort a table uses: relevance only means something with a search; with no sort asked for, a
 * search ranks by relevance and a list shows the most recently changed first.
 */
export function resolveSort<S extends string>(sort: S | null, q: string): S | "relevance" | "-updated" {
  return sort && !(sort === "relevance" && !q) ? sort : q ? "relevance" : "-updated";
}
