// 32-bit hashing for the duplicate detector. Everything is Math.imul arithmetic on plain numbers:
// no strings are built per word, and the results fit the Uint32Arrays the detector keeps.

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: folds a 16-bit char code (or any small number) into `h`. */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** FNV-1a over a string's char codes, finished with fmix32 so all 32 bits are usable. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix32(h);
}

/**
 * murmur3's finaliser: a bijection on 32-bit integers that spreads every input bit over every
 * output bit. Being a bijection matters: distinct shingles stay distinct after mixing.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit hashes order-sensitively (a, b ≠ b, a). */
export function combine(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) + b) | 0);
}

/** The inverse of `x * a mod 2^32` for odd `a` (Newton's iteration: each step doubles the correct bits). */
export function inverseOdd(a: number): number {
  let x = a; // correct to 3 bits for any odd a
  for (let i = 0; i < 4; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}
