// What the candidates table URL means (search, filters, sort, page), read on the server and driven
// from the browser with the same parser map. Bad values fall back to defaults.
import { createLoader, createParser, parseAsArrayOf, parseAsNumberLiteral, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { APPLICATION_FILTERS, MAX_PAGE, PER_PAGE_OPTIONS, positiveInt, resolveSort, searchText } from "@/lib/url-params";

export const CANDIDATE_SORTS = ["relevance", "-updated", "updated", "name", "-name", "-created", "created"] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];
const text = createParser({
  parse: (v: string) => (v.length > 0 && v.length <= 100 && !v.includes(",") ? v : null),
  serialize: (v: string) => v,
});

export const candidatesTableParsers = {
  q: parseAsString.withDefault(""),
  page: positiveInt.withDefault(1),
  perPage: parseAsNumberLiteral(PER_PAGE_OPTIONS).withDefault(25),
  sort: parseAsStringLiteral(CANDIDATE_SORTS),
  source: parseAsArrayOf(text).withDefault([]),
  tags: parseAsArrayOf(positiveInt).withDefault([]),
  apps: parseAsStringLiteral(APPLICATION_FILTERS),
};

type Raw = inferParserType<typeof candidatesTableParsers>;
export type CandidatesTableParams = Omit<Raw, "sort"> & { sort: CandidateSort };

const loader = createLoader(candidatesTableParsers);

export function loadCandidatesTableParams(input: Record<string, string | string[] | undefined> | URLSearchParams | string): CandidatesTableParams {
  return normaliseCandidatesTableParams(loader(input as Record<string, string | string[] | undefined>));
}

/** Parsed URL state → what the table shows (search trimmed, sort resolved, lists capped). */
export function normaliseCandidatesTableParams(p: Raw): CandidatesTableParams {
  const q = searchText(p.q);
  return { ...p, q, sort: resolveSort(p.sort, q), page: Math.min(p.page, MAX_PAGE), source: [...new Set(p.source)].slice(0, 20), tags: [...new Set(p.tags)].slice(0, 20) };
}
