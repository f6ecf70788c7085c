// MinHash signatures and LSH band keys: one-permutation hashing (Li, Owen & Zhang 2012) with
// optimal densification (Shrivastava 2017).
//
// Each shingle hash x is permuted once, v = a·x + b (mod 2^32), and falls into one of `size` bins
// by its top bits; slot i of the signature is the smallest v in bin i. For two ads, a slot agrees
// with probability ≈ Jaccard(shingles A, shingles B), as with `size` separate permutations, for
// one multiply per shingle instead of `size` (the detector's hottest loop, ~250 shingles an ad).
// A bin no shingle fell into borrows the value of a non-empty bin, chosen by a probe sequence that
// depends only on the bin (so two ads that both miss a bin look in the same places).
//
// a is odd, so the permutation can be undone: a slot's value tells which shingle produced it
// (`shingleAt`). The boilerplate discount relies on that — it can ask, long after the text is gone,
// whether an agreeing slot came from a company's "about us" text.
import { combine, inverseOdd } from "./hash";

/**
 * Slots per signature: 64 keeps a signature at 256 bytes with a standard error of the estimate of
 * about √(J(1−J)/64) ≤ 0.0625. See DEFAULT_BANDING for the banding.
 */
export const SIGNATURE_SIZE = 64;

/** A slot no shingle reached (an empty text has every slot empty). */
const EMPTY = 0xffffffff;
/** Probes tried per empty bin before falling back to the next non-empty bin. */
const PROBES = 64;

export class MinHasher {
  readonly size: number;
  private readonly a: number;
  private readonly b: number;
  private readonly aInverse: number;
  /** probes[bin * PROBES + t]: the t-th bin an empty `bin` borrows from. */
  private readonly probes: Uint8Array | Uint16Array;
  private readonly filled: Uint8Array;

  /** The seed fixes the permutation and probes: signatures are only comparable under the same seed and size. */
  constructor(size = SIGNATURE_SIZE, seed = 0x2545f491) {
    if (!(size > 0 && size % 4 === 0 && size <= 0x10000)) throw new RangeError(`signature size must be a positive multiple of 4 up to 65,536, got ${size}`);
    this.size = size;
    let state = seed >>> 0;
    const next = () => {
      // mulberry32: a small seeded generator, so the permutation is the same in every process
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
    this.a = (next() | 1) >>> 0;
    this.b = next();
    this.aInverse = inverseOdd(this.a);
    this.probes = size <= 256 ? new Uint8Array(size * PROBES) : new Uint16Array(size * PROBES);
    for (let bin = 0; bin < size; bin++) for (let t = 0; t < PROBES; t++) this.probes[bin * PROBES + t] = combine(combine(state, bin), t) % size;
    this.filled = new Uint8Array(size);
  }

  /** The signature of a set of shingle hashes (an empty set gives every slot 0xffffffff). */
  signature(shingles: Uint32Array, out: Uint32Array = new Uint32Array(this.size)): Uint32Array {
    const { a, b, size } = this;
    out.fill(EMPTY);
    // bin = top bits of v, scaled to `size` bins: v · size / 2^32
    const scale = size / 4294967296;
    for (let s = 0; s < shingles.length; s++) {
      const v = (Math.imul(a, shingles[s]) + b) >>> 0;
      const bin = (v * scale) | 0;
      if (v < out[bin]) out[bin] = v;
    }
    this.densify(out);
    return out;
  }

  /** Fills each empty bin from a non-empty one (the first its probe sequence meets). */
  private densify(sig: Uint32Array): void {
    const { size, probes, filled } = this;
    let empty = 0;
    for (let i = 0; i < size; i++) {
      filled[i] = sig[i] !== EMPTY ? 1 : 0;
      if (!filled[i]) empty++;
    }
    if (!empty || empty === size) return;
    for (let i = 0; i < size; i++) {
      if (filled[i]) continue;
      let from = -1;
      for (let t = 0, o = i * PROBES; t < PROBES && from < 0; t++) if (filled[probes[o + t]]) from = probes[o + t];
      for (let j = (i + 1) % size; from < 0; j = (j + 1) % size) if (filled[j]) from = j; // rare: few bins filled
      sig[i] = sig[from];
    }
  }

  /** The shingle hash whose permuted value is `value` (the permutation undone; any slot). */
  shingleAt(_slot: number, value: number): number {
    return Math.imul((value - this.b) | 0, this.aInverse) >>> 0;
  }
}

/** Share of agreeing slots: the estimate of Jaccard similarity (standard error ≈ √(J(1−J)/size)). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * LSH banding: the signature cut into `bands` runs of `rows` slots, each run hashed to one key
 * (with its band number, so equal runs in different bands do not meet). Two ads share at least one
 * key with probability 1 − (1 − J^rows)^bands, an S-curve whose steep part sits near
 * (1/bands)^(1/rows).
 */
export type Banding = { bands: number; rows: number };

/**
 * 12 bands of 5 rows (60 of the 64 slots): the S-curve's midpoint is (1/12)^(1/5) = 0.61; a pair
 * at Jaccard 0.6 is found with probability 0.62, at 0.7 with 0.89, at 0.8 with 0.99, at 0.4 with 0.12.
 * Measured on the 250,000-ad set (scripts/bench-duplicates.ts --banding; whole-text signatures, with
 * the 64 permutations used before one-permutation hashing, whose slots agree with the same odds):
 *   bands×rows  midpoint  reposts sharing a band  candidates per ad
 *   10×6        0.68      84.2%                   1.1
 *   12×5        0.61      89.9%                   2.3
 *   16×4        0.50      95.4%                   11.8
 *   32×2        0.18      99.8%                   913
 * Reposts reach down to Jaccard 0.3 (a sentence added to a short ad, another town), but those keep
 * their title and pay, and the detector's title/pay index finds them (100% of the synthetic
 * reposts). So the bands only need to find text-alike ads whose title or pay was changed — the
 * 0.6–0.7 region — and 12×5 does that for 2.3 candidates per ad. With the whole detector, 16×4
 * costs 5× the candidates for +0.3 points of pairwise recall and −0.2 of precision; 32×2, 400×.
 */
export const DEFAULT_BANDING: Banding = { bands: 12, rows: 5 };

export function bandKeys(signature: Uint32Array, { bands, rows }: Banding = DEFAULT_BANDING, out: Uint32Array = new Uint32Array(bands)): Uint32Array {
  if (bands * rows > signature.length) throw new RangeError(`${bands}×${rows} bands need ${bands * rows} slots; the signature has ${signature.length}`);
  for (let band = 0; band < bands; band++) {
    let h = band + 1;
    for (let r = band * rows, end = r + rows; r < end; r++) h = combine(h, signature[r]);
    out[band] = h;
  }
  return out;
}
