// Split conformal prediction: the interval's half-width is a quantile of the errors on ads the
// model never saw. With n held-out scores, the ⌈(n+1)·c⌉-th smallest covers a new exchangeable ad
// with probability at least c (and at most c + 1/(n+1)), whatever the model or the error distribution.

/** The conformal quantile of `scores` for coverage c in (0, 1); Infinity when n is too small for c. */
export function conformalQuantile(scores: ArrayLike<number>, coverage: number): number {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage must be between 0 and 1, got ${coverage}`);
  const n = scores.length;
  const k = Math.ceil((n + 1) * coverage);
  if (k > n) return Infinity;
  const sorted = Float64Array.from(scores).sort();
  return sorted[k - 1];
}

/** Share of `actual` values inside [low, high] (inclusive). */
export function intervalCoverage(actual: ArrayLike<number>, low: ArrayLike<number>, high: ArrayLike<number>): number {
  if (actual.length === 0) return NaN;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= low[i] && actual[i] <= high[i]) inside++;
  return inside / actual.length;
}

/**
 * Mondrian (per-class) conformal: a half-width per class with at least `minPerClass` scores; the
 * smaller classes share one from their pooled scores (when those are enough), else `overall`. Each
 * class then gets the intended coverage, not only the whole: one large class (nurses) would
 * otherwise set a width that is too narrow for the rarer, harder ones.
 */
export function conformalByClass(scores: ArrayLike<number>, classes: readonly string[], coverage: number, minPerClass: number, overall: number): Record<string, number> {
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    let list = byClass.get(classes[i]);
    if (!list) byClass.set(classes[i], (list = []));
    list.push(scores[i]);
  }
  const out: Record<string, number> = {};
  const rest: number[] = [];
  const small: string[] = [];
  for (const [c, list] of byClass) {
    if (list.length >= minPerClass) out[c] = conformalQuantile(list, coverage);
    else {
      rest.push(...list);
      small.push(c);
    }
  }
  const pooled = rest.length >= minPerClass ? conformalQuantile(rest, coverage) : overall;
  for (const c of small) out[c] = pooled;
  out[OTHER_CLASS] = pooled;
  return out;
}

/** The half-width for a class never seen in calibration: the small classes' pooled one. */
export const OTHER_CLASS = "\u0000other";
