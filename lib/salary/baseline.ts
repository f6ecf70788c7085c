// The yardstick the model must beat: the median salary of training ads with the same category and
// region, or of the category alone when fewer than `minAds` share both, or of all ads.
import { median } from "./metrics";

export type BaselineRow = { category?: string | null; region?: string | null; salary: number };

export class CategoryRegionMedian {
  private readonly byPair = new Map<string, number>();
  private readonly byCategory = new Map<string, number>();
  private readonly overall: number;

  constructor(
    rows: Iterable<BaselineRow>,
    readonly minAds = 3,
  ) {
    const pairs = new Map<string, number[]>();
    const categories = new Map<string, number[]>();
    const all: number[] = [];
    const add = (m: Map<string, number[]>, k: string, v: number) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const r of rows) {
      add(pairs, pairKey(r.category, r.region), r.salary);
      add(categories, r.category ?? "", r.salary);
      all.push(r.salary);
    }
    for (const [k, v] of pairs) if (v.length >= minAds) this.byPair.set(k, median(v));
    for (const [k, v] of categories) this.byCategory.set(k, median(v));
    this.overall = median(all);
  }

  predict(category: string | null | undefined, region: string | null | undefined): number {
    return this.byPair.get(pairKey(category, region)) ?? this.byCategory.get(category ?? "") ?? this.overall;
  }
}

function pairKey(category: string | null | undefined, region: string | null | undefined): string {
  return `${category ?? ""}\u0000${region ?? ""}`;
}
