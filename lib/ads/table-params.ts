// What the ads table URL means: one parser map for search, filters, sort, page and page size,
// read on the server (loadAdsTableParams) and driven from the browser (useQueryStates with the
// same map). Bad values fall back to defaults instead of erroring; lists and numbers are capped.
import {
  createLoader,
  createParser,
  createSerializer,
  parseAsArrayOf,
  parseAsBoolean,
  parseAsNumberLiteral,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { APPLICATION_FILTERS, MAX_PAGE, PER_PAGE_OPTIONS, positiveInt, resolveSort, searchText } from "@/lib/url-params";

export const SORT_KEYS = ["relevance", "updated", "created", "title", "salary"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** "-updated" = newest first; "title" = A→Z. */
export const SORTS = SORT_KEYS.flatMap((k) => (k === "relevance" ? [k] : [k, `-${k}`])) as readonly string[] as readonly SortParam[];
export type SortParam = "relevance" | Exclude<SortKey, "relevance"> | `-${Exclude<SortKey, "relevance">}`;

export const CONTRACT_TYPE_OPTIONS = ["full_time", "part_time", "none"] as const;
export const CONTRACT_TIME_OPTIONS = ["permanent", "contract", "none"] as const;
export const STATUS_OPTIONS = ["open", "closed"] as const;
export const TAG_MODES = ["any", "all", "none"] as const;
/** Near-duplicate filters: "has" = ads with copies; "one" = one per group (its first ad). */
export const DUPLICATE_OPTIONS = ["has", "one"] as const;

export const MAX_LIST = 50;

const slugs = new Map<string, string>();
/** URL-safe slug for a category name ("Healthcare & Nursing Jobs" → "healthcare-nursing-jobs"). */
export function slugify(name: string): string {
  // Every table request slugs each category of its facet counts: the few names are kept.
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    if (slugs.size >= 1000) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

const slug = createParser({
  parse: (v: string) => (/^[a-z0-9-]{1,80}$/.test(v) ? v : null),
  serialize: (v: string) => v,
});
const sourceName = createParser({
  parse: (v: string) => (v.length > 0 && v.length <= 200 && !v.includes(",") ? v : null),
  serialize: (v: string) => v,
});

export const adsTableParsers = {
  q: parseAsString.withDefault(""),
  page: positiveInt.withDefault(1),
  perPage: parseAsNumberLiteral(PER_PAGE_OPTIONS).withDefault(25),
  sort: parseAsStringLiteral(SORTS),
  category: parseAsArrayOf(slug).withDefault([]),
  type: parseAsArrayOf(parseAsStringLiteral(CONTRACT_TYPE_OPTIONS)).withDefault([]),
  time: parseAsArrayOf(parseAsStringLiteral(CONTRACT_TIME_OPTIONS)).withDefault([]),
  region: parseAsArrayOf(positiveInt).withDefault([]),
  company: parseAsArrayOf(positiveInt).withDefault([]),
  source: parseAsArrayOf(sourceName).withDefault([]),
  salaryMin: positiveInt,
  salaryMax: positiveInt,
  /** The salary filter and sort count the model's estimates for ads without a salary. */
  est: parseAsBoolean.withDefault(false),
  tags: parseAsArrayOf(positiveInt).withDefault([]),
  tagMode: parseAsStringLiteral(TAG_MODES).withDefault("any"),
  status: parseAsArrayOf(parseAsStringLiteral(STATUS_OPTIONS)).withDefault([]),
  apps: parseAsStringLiteral(APPLICATION_FILTERS),
  dups: parseAsArrayOf(parseAsStringLiteral(DUPLICATE_OPTIONS)).withDefault([]),
};

export type RawAdsTableParams = inferParserType<typeof adsTableParsers>;
export type AdsTableParams = Omit<RawAdsTableParams, "sort"> & { sort: SortParam };

const loader = createLoader(adsTableParsers);
export const serializeAdsTableParams = createSerializer(adsTableParsers);

const uniqueCapped = <T>(xs: T[]) => [...new Set(xs)].slice(0, MAX_LIST);

/** Caps and tidies parsed values: unique short lists, a sane page, min ≤ max, a sort that exists. */
export function normaliseAdsTableParams(p: RawAdsTableParams): AdsTableParams {
  const q = searchText(p.q);
  let { salaryMin, salaryMax } = p;
  if (salaryMin !== null && salaryMax !== null && salaryMin > salaryMax) [salaryMin, salaryMax] = [salaryMax, salaryMin];
  return {
    ...p,
    q,
    page: Math.min(p.page, MAX_PAGE),
    sort: resolveSort(p.sort, q),
    category: uniqueCapped(p.category),
    type: uniqueCapped(p.type),
    time: uniqueCapped(p.time),
    region: uniqueCapped(p.region),
    company: uniqueCapped(p.company),
    source: uniqueCapped(p.source),
    tags: uniqueCapped(p.tags),
    status: uniqueCapped(p.status),
    dups: uniqueCapped(p.dups),
    salaryMin,
    salaryMax,
  };
}

type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams | string;

export function loadAdsTableParams(input: SearchParamsInput): AdsTableParams {
  return normaliseAdsTableParams(loader(input as Record<string, string | string[] | undefined>));
}

/** Filters other than search, page and sort are active: used for empty states and saved views. */
export function hasFilters(p: AdsTableParams): boolean {
  return (
    p.category.length + p.type.length + p.time.length + p.region.length + p.company.length + p.source.length + p.tags.length + p.status.length + p.dups.length > 0 ||
    p.salaryMin !== null ||
    p.salaryMax !== null ||
    p.apps !== null
  );
}
