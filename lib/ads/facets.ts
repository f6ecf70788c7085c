// Facet counts from a "cube": the number of ads per combination of the facet columns, computed
// once per request with every filter that is not a facet already applied (search, salary,
// company, deep regions, tags). Each facet then counts what the other facets' selections leave,
// so a count beside an option is what ticking it would add or keep. Pure: unit-tested.

export type CubeRow = {
  category: string | null;
  status: string;
  contractType: string | null;
  contractTime: string | null;
  source: string | null;
  regionId: number | null;
  n: number;
};

export const FACET_KEYS = ["category", "status", "contractType", "contractTime", "source", "regionId"] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
/** A facet's accepted values; absent = no filter on that facet. */
export type FacetSelection = Partial<Record<FacetKey, ReadonlySet<string | number | null>>>;

export type FacetCounts = { total: number; counts: Record<FacetKey, Map<string | number | null, number>> };

export function countFacets(cube: readonly CubeRow[], selection: FacetSelection): FacetCounts {
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map()])) as FacetCounts["counts"];
  const active = FACET_KEYS.filter((k) => selection[k]);
  let total = 0;
  for (const row of cube) {
    // Which selections this row fails: none → it counts everywhere; one → it counts only in
    // that facet (ticking that option would bring it in); more → nowhere.
    let failed: FacetKey | null = null;
    let failures = 0;
    for (const k of active) {
      if (!selection[k]!.has(row[k])) {
        failed = k;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) total += row.n;
    for (const k of FACET_KEYS) {
      if (failures === 1 && k !== failed) continue;
      const m = counts[k];
      m.set(row[k], (m.get(row[k]) ?? 0) + row.n);
    }
  }
  return { total, counts };
}

/**
 * `all` minus `part` (a subset of the same ads): "ads without these tags" counted as every ad
 * minus the tagged ones — two small or shared cubes instead of a NOT IN test on every ad.
 */
export function subtractCube(all: readonly CubeRow[], part: readonly CubeRow[]): CubeRow[] {
  const key = (r: CubeRow) => JSON.stringify(FACET_KEYS.map((k) => r[k]));
  const minus = new Map<string, number>();
  for (const r of part) minus.set(key(r), (minus.get(key(r)) ?? 0) + r.n);
  return all.map((r) => ({ ...r, n: r.n - (minus.get(key(r)) ?? 0) })).filter((r) => r.n > 0);
}
