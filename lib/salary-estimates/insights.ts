// Salary insights for recruiters: the median and interquartile range of real salaries (never
// estimates) by category × region, optionally for ads whose title has given words, with how many
// ads each figure rests on. Answers "what should we pay a Band 6 nurse in Leeds?" from the
// agency's own ads. Cached until the ads change.
import { REAL_SALARY_SOURCES } from "@/lib/ads/fields";
import { dataVersions } from "@/lib/ads/version";
import { cached, scoped } from "@/lib/db/cache";
import { getDb, type Db } from "@/lib/db/client";
import { dialectOfDb } from "@/lib/db/dialect";
import { LIKE_ESCAPE } from "@/lib/db/like";
import { query, Sql } from "@/lib/db/sql";
import { getLocationTree } from "@/lib/locations/tree-cache";

export type InsightRow = { category: string | null; region: string | null; regionId: number | null; ads: number; median: number; q1: number; q3: number };
export type SalaryInsights = { rows: InsightRow[]; ads: number; title: string };

/** Figures resting on fewer ads than this are left out (a median of two says little). */
export const MIN_ADS = 3;
export const MAX_TITLE = 100;

/** The q-quantile of sorted values (linear between neighbours). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median and quartiles per category × region of `rows`, groups of at least `minAds`, most ads first. */
export function summarise(
  rows: readonly { category: string | null; regionId: number | null; salary: number }[],
  regionName: (id: number | null) => string | null,
  minAds = MIN_ADS,
): InsightRow[] {
  const groups = new Map<string, { category: string | null; regionId: number | null; values: number[] }>();
  for (const r of rows) {
    const key = `${r.category ?? ""}\u0000${r.regionId ?? ""}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { category: r.category, regionId: r.regionId, values: [] }));
    g.values.push(r.salary);
  }
  return [...groups.values()]
    .filter((g) => g.values.length >= minAds)
    .map((g) => {
      const v = g.values.sort((a, b) => a - b);
      return {
        category: g.category,
        regionId: g.regionId,
        region: regionName(g.regionId),
        ads: v.length,
        median: Math.round(quantile(v, 0.5)),
        q1: Math.round(quantile(v, 0.25)),
        q3: Math.round(quantile(v, 0.75)),
      };
    })
    .sort((a, b) => b.ads - a.ads || (a.category ?? "").localeCompare(b.category ?? ""));
}

const words = (title: string) =>
  title
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}&+#.-]/gu, ""))
    .filter(Boolean)
    .slice(0, 8);

export async function salaryInsights(opts: { title?: string } = {}, db: Db = getDb()): Promise<SalaryInsights> {
  const title = (opts.title ?? "").trim().slice(0, MAX_TITLE);
  const dialect = dialectOfDb(db);
  const v = await dataVersions(db);
  return cached(scoped(db, `salary-insights:${title.toLowerCase()}`), String(v.ads), async () => {
    const tree = await getLocationTree(db);
    let where = Sql.of(`a."salaryAnnual" IS NOT NULL AND a."salarySource" IN (${REAL_SALARY_SOURCES.map(() => "?").join(", ")})`, ...REAL_SALARY_SOURCES);
    // Every word in the title (in any order), literally: "band 6 nurse".
    for (const w of words(title)) where = where.append(Sql.of(` AND a."titleKey" LIKE ? ESCAPE '${LIKE_ESCAPE}'`, `%${w.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`));
    const rows = await query<{ category: string | null; regionId: number | null; salary: number }>(
      db,
      Sql.of(`SELECT a."category" AS category, a."regionId" AS "regionId", a."salaryAnnual" AS salary FROM "Ad" a WHERE `).append(where),
      dialect,
    );
    const plain = rows.map((r) => ({ category: r.category, regionId: r.regionId === null ? null : Number(r.regionId), salary: Number(r.salary) }));
    return { rows: summarise(plain, (id) => (id === null ? null : (tree.byId.get(id)?.name ?? null))), ads: plain.length, title };
  });
}
