// The dashboard's URL input and calendar arithmetic: which funnel scope and stuck threshold a URL
// asks for (bad values fall back to defaults, like every URL value), and the UTC month and ISO
// week boundaries. Pure.
import { positiveInt } from "@/lib/url-params";

export const DAY = 86_400_000;

export const STUCK_DAYS_DEFAULT = 14;
export const STUCK_DAYS_MIN = 1;
export const STUCK_DAYS_MAX = 365;

export type FunnelScope = { kind: "all" } | { kind: "ad"; adId: number } | { kind: "category"; category: string } | { kind: "source"; source: string };

type Param = string | string[] | undefined;
const first = (v: Param) => (Array.isArray(v) ? v[0] : v);

/** `?funnel=ad:123`, `category:IT Jobs`, `source:x`; anything else (or nothing) is every application. */
export function parseFunnelScope(value: Param): FunnelScope {
  const v = first(value)?.trim();
  const m = v ? /^(ad|category|source):(.+)$/s.exec(v) : null;
  if (!m) return { kind: "all" };
  const arg = m[2].trim();
  if (!arg || arg.length > 200) return { kind: "all" };
  if (m[1] === "ad") {
    const adId = positiveInt.parse(arg);
    return adId === null ? { kind: "all" } : { kind: "ad", adId };
  }
  return m[1] === "category" ? { kind: "category", category: arg } : { kind: "source", source: arg };
}

/** The URL value of a scope ("" for all): what parseFunnelScope reads back. */
export function funnelScopeValue(scope: FunnelScope): string {
  switch (scope.kind) {
    case "ad":
      return `ad:${scope.adId}`;
    case "category":
      return `category:${scope.category}`;
    case "source":
      return `source:${scope.source}`;
    default:
      return "";
  }
}

/** `?stuck=N`: whole days from 1 to 365; anything else is the default (14). */
export function parseStuckDays(value: Param): number {
  const n = positiveInt.parse(first(value)?.trim() ?? "");
  return n !== null && n >= STUCK_DAYS_MIN && n <= STUCK_DAYS_MAX ? n : STUCK_DAYS_DEFAULT;
}

/** Midnight UTC on the 1st of `now`'s month. */
export function startOfMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Midnight UTC on the Monday of `d`'s ISO week. */
export function startOfIsoWeek(d: Date): Date {
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return new Date(midnight - ((d.getUTCDay() + 6) % 7) * DAY);
}

/** ISO 8601 week label of a date: "2026-W48" (the year is the week's Thursday's). */
export function isoWeekLabel(d: Date): string {
  const thursday = new Date(startOfIsoWeek(d).getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
