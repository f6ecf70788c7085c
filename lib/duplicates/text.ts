// Ad text → words → sentences and shingles, as 32-bit hashes. One left-to-right pass over the
// char codes builds no strings, because it runs on every word of every ad (≈70 million words for
// 250,000 ads).
//
// Normalisation: letters are lower-cased; punctuation and spacing separate words and are otherwise
// ignored; every number, and every number Adzuna masked as "****" ("£****k", "2****%", "25,000"),
// becomes the same token, so a masked and an unmasked copy of one ad read alike.
import { FNV_OFFSET, combine, fmix32 } from "./hash";

/** The word hash every number and masked figure becomes. */
export const NUMBER_TOKEN = fmix32(0x23); // "#"

export type Words = {
  /** One hash per word, in order. */
  hashes: Uint32Array;
  /** Index of the first word of each sentence, ascending; sentences end at . ! ? ; or a line break. */
  sentenceStarts: Uint32Array;
};

// Character classes, looked up per char code: one array read instead of a chain of comparisons
// (0, the array's default, is "other").
const LETTER = 1,
  DIGIT = 2,
  END = 3,
  DOT = 4,
  COMMA = 5;
const CLASS = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) LOWER[c] = c;
for (let c = 65; c <= 90; c++) {
  CLASS[c] = LETTER;
  LOWER[c] = c + 32;
}
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER;
for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) CLASS[c] = LETTER; // accented Latin
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[42] = DIGIT; // "*": Adzuna's mask for a digit
for (const c of [33, 63, 59, 10, 13]) CLASS[c] = END; // ! ? ; and line breaks end a sentence
CLASS[46] = DOT;
CLASS[44] = COMMA;

// Scratch space for words(): arrays reused across calls and copied out at the end (pushing onto
// fresh JS arrays made two garbage arrays per ad).
let wordBuf = new Uint32Array(4096);
let startBuf = new Uint32Array(512);

/**
 * Splits text into word hashes and sentence starts. `scratch`: the arrays are views of buffers the
 * next call overwrites (the detector reads them at once; a copy per ad was most of its garbage).
 */
export function words(text: string, scratch = false): Words {
  const n = text.length;
  let count = 0,
    sentences = 0;
  let sentenceOpen = false; // a word has been seen since the last sentence end
  let i = 0;
  while (i < n) {
    const cls = CLASS[text.charCodeAt(i)];
    if (cls === LETTER || cls === DIGIT) {
      let h = FNV_OFFSET;
      let numeric = false;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        const k = CLASS[d];
        if (k === LETTER) h = Math.imul(h ^ LOWER[d], 0x01000193);
        else if (k === DIGIT) numeric = true;
        // "25,000" and "8.50" are one number, not two
        else if ((k === COMMA || k === DOT) && numeric && CLASS[text.charCodeAt(i + 1)] === DIGIT) continue;
        else break;
      }
      if (count === wordBuf.length) wordBuf = grow(wordBuf);
      if (!sentenceOpen) {
        if (sentences === startBuf.length) startBuf = grow(startBuf);
        startBuf[sentences++] = count;
      }
      sentenceOpen = true;
      wordBuf[count++] = numeric ? NUMBER_TOKEN : fmix32(h);
    } else {
      // "." ends a sentence only before a space or the end ("e.g" and "3.5" stay inside one)
      if (cls === END || (cls === DOT && (i + 1 >= n || text.charCodeAt(i + 1) <= 32))) sentenceOpen = false;
      i++;
    }
  }
  return scratch
    ? { hashes: wordBuf.subarray(0, count), sentenceStarts: startBuf.subarray(0, sentences) }
    : { hashes: wordBuf.slice(0, count), sentenceStarts: startBuf.slice(0, sentences) };
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Default shingle width: five words say "this phrase", not "these words". */
export const SHINGLE_WORDS = 5;

const ROLL = 0x01000193; // odd multiplier of the rolling shingle hash

/**
 * The k-word shingles of a word sequence, hashed (order matters inside a shingle); a repeated
 * phrase gives repeated values, which neither a minimum nor a set lookup minds (`distinct` makes
 * a set). A text shorter than k words is one shingle, so short texts still compare.
 * With `from`/`to`, only the shingles lying wholly inside words [from, to). With `into`, written
 * there when it is long enough (the result is then a view of it).
 */
export function shingles(hashes: Uint32Array, k = SHINGLE_WORDS, from = 0, to = hashes.length, into?: Uint32Array): Uint32Array {
  if (to - from < k) {
    let h = 0;
    for (let j = from; j < to; j++) h = (Math.imul(h, ROLL) + hashes[j]) | 0;
    return to > from ? Uint32Array.of(fmix32(h)) : new Uint32Array(0);
  }
  // Rolling polynomial hash: Σ word·ROLL^(k−1−j), updated in O(1) per step, then mixed.
  let drop = 1; // ROLL^(k−1)
  for (let j = 1; j < k; j++) drop = Math.imul(drop, ROLL);
  const n = to - from - k + 1;
  const out = into && into.length >= n ? into.subarray(0, n) : new Uint32Array(n);
  let h = 0;
  for (let j = from; j < from + k; j++) h = (Math.imul(h, ROLL) + hashes[j]) | 0;
  out[0] = fmix32(h);
  for (let s = 1; s < out.length; s++) {
    h = (Math.imul((h - Math.imul(hashes[from + s - 1], drop)) | 0, ROLL) + hashes[from + s + k - 1]) | 0;
    out[s] = fmix32(h);
  }
  return out;
}

/** Sorted distinct values (sorts in place; returns a view of the unique prefix). */
export function distinct(xs: Uint32Array): Uint32Array {
  if (xs.length < 2) return xs;
  xs.sort();
  let w = 1;
  for (let r = 1; r < xs.length; r++) if (xs[r] !== xs[w - 1]) xs[w++] = xs[r];
  return xs.subarray(0, w);
}

/** A hash of each sentence's words (the unit the boilerplate discount counts). */
export function sentenceHashes(w: Words): Uint32Array {
  const out = new Uint32Array(w.sentenceStarts.length);
  for (let s = 0; s < out.length; s++) {
    const end = s + 1 < out.length ? w.sentenceStarts[s + 1] : w.hashes.length;
    let h = 0x5e47e9ce; // distinct from shingle hashes of the same words
    for (let j = w.sentenceStarts[s]; j < end; j++) h = combine(h, w.hashes[j]);
    out[s] = h === 0xffffffff ? 0 : h; // the tables store values below 2^32 − 1, and sentences are kept as values
  }
  return out;
}

/** Exact Jaccard similarity of two sorted distinct sets (for tests and the evaluation). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0,
    j = 0,
    both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union ? both / union : 1;
}
