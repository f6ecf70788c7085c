// Error figures for salary estimates, in pounds.

export function absoluteErrors(actual: ArrayLike<number>, predicted: ArrayLike<number>): Float64Array {
  if (actual.length !== predicted.length) throw new RangeError(`${actual.length} actual values but ${predicted.length} predictions`);
  const out = new Float64Array(actual.length);
  for (let i = 0; i < actual.length; i++) out[i] = Math.abs(actual[i] - predicted[i]);
  return out;
}

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
