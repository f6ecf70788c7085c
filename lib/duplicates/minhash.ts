// MinHash signatures and LSH band keys.
//
// Slot i of a signature is the minimum of h_i(x) = a_i·x + b_i (mod 2^32) over the ad's shingle
// hashes x. For two ads, slot i agrees with probability ≈ Jaccard(shingles A, shingles B), so the
// share of agreeing slots estimates the Jaccard similarity without keeping the shingles.
//
// a_i is odd, so h_i is a bijection on 32-bit integers and can be undone: a slot's value tells
// which shingle produced it (`shingleAt`). The boilerplate discount relies on that — it can ask,
// long after the text is gone, whether an agreeing slot came from a company's "about us" text.
import { combine, inverseOdd } from "./hash";

/**
 * Slots per signature: 64 keeps a signature at 256 bytes with a standard error of the estimate of
 * √(J(1−J)/64) ≤ 0.0625. See DEFAULT_BANDING for the banding.
 */
export const SIGNATURE_SIZE = 64;

export class MinHasher {
  readonly size: number;
  private readonly a: Int32Array;
  private readonly b: Uint32Array;
  private readonly bFlipped: Int32Array;
  private readonly aInverse: Uint32Array;

  /** The seed fixes the permutations: signatures are only comparable under the same seed and size. */
  constructor(size = SIGNATURE_SIZE, seed = 0x2545f491) {
    if (!(size > 0 && size % 4 === 0)) throw new RangeError(`signature size must be a positive multiple of 4, got ${size}`);
    this.size = size;
    this.a = new Int32Array(size);
    this.b = new Uint32Array(size);
    this.bFlipped = new Int32Array(size);
    this.aInverse = new Uint32Array(size);
    let state = seed >>> 0;
    const next = () => {
      // mulberry32: a small seeded generator, so the permutations are the same in every process
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
    for (let i = 0; i < size; i++) {
      this.a[i] = next() | 1;
      this.b[i] = next();
      this.bFlipped[i] = this.b[i] ^ 0x80000000;
      this.aInverse[i] = inverseOdd(this.a[i]);
    }
  }

  /** The signature of a set of shingle hashes (an empty set gives all 0xffffffff). */
  signature(shingles: Uint32Array, out = new Uint32Array(this.size)): Uint32Array {
    // The detector's hot loop (64 × ~250 shingles per ad). It works on four permutations per pass
    // over the shingles and stays in signed 32-bit integers, which V8 keeps unboxed: adding 2^31
    // (b is stored with its top bit flipped) maps unsigned order onto signed order.
    const a = this.a,
      b = this.bFlipped;
    for (let i = 0; i < this.size; i += 4) {
      const a0 = a[i],
        a1 = a[i + 1],
        a2 = a[i + 2],
        a3 = a[i + 3];
      const b0 = b[i],
        b1 = b[i + 1],
        b2 = b[i + 2],
        b3 = b[i + 3];
      let m0 = 0x7fffffff,
        m1 = m0,
        m2 = m0,
        m3 = m0;
      for (let s = 0; s < shingles.length; s++) {
        const x = shingles[s] | 0;
        const v0 = (Math.imul(a0, x) + b0) | 0,
          v1 = (Math.imul(a1, x) + b1) | 0;
        const v2 = (Math.imul(a2, x) + b2) | 0,
          v3 = (Math.imul(a3, x) + b3) | 0;
        if (v0 < m0) m0 = v0;
        if (v1 < m1) m1 = v1;
        if (v2 < m2) m2 = v2;
        if (v3 < m3) m3 = v3;
      }
      out[i] = (m0 ^ 0x80000000) >>> 0;
      out[i + 1] = (m1 ^ 0x80000000) >>> 0;
      out[i + 2] = (m2 ^ 0x80000000) >>> 0;
      out[i + 3] = (m3 ^ 0x80000000) >>> 0;
    }
    return out;
  }

  /** The shingle hash whose permuted value is `value` in slot `slot` (h_i undone). */
  shingleAt(slot: number, value: number): number {
    return Math.imul((value - this.b[slot]) | 0, this.aInverse[slot]) >>> 0;
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
 * Measured on the 250,000-ad set (scripts/bench-duplicates.ts --banding; whole-text signatures):
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
