// Which ads are near-copies of each other (the same job reposted with a sentence or a town changed),
// so an evaluation never tests on a copy of a training ad. Two texts are near-copies when their
// sets of 5-word shingles have Jaccard similarity ≥ 0.7; groups are the connected components.
// Exact, not sampled: prefix filtering (Chaudhuri et al.; Bayardo et al. "All-Pairs") finds every
// pair above the threshold while comparing only pairs that share a rare shingle, so the
// boilerplate every careworx ad shares does not make it quadratic.
import { combineHashes, TokenBuffer, tokenize } from "./tokens";

export type NearDuplicateOptions = { shingleWords?: number; threshold?: number };

/**
 * A group id per text: the index of the first text of its group. Texts with no words are alone;
 * texts shorter than one shingle are compared as one shingle of all their words.
 */
export function groupNearDuplicates(texts: readonly string[], options: NearDuplicateOptions = {}): Int32Array {
  const k = options.shingleWords ?? 5;
  const t = options.threshold ?? 0.7;
  if (!(t > 0 && t <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${t}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`shingleWords must be a whole number of at least 1, got ${k}`);

  const sets = texts.map((text) => shingles(text, k));
  // Rarest shingles first: a pair above the threshold must share one within both prefixes.
  const frequency = new Map<number, number>();
  for (const s of sets) for (const h of s) frequency.set(h, (frequency.get(h) ?? 0) + 1);
  const byRarity = (a: number, b: number) => frequency.get(a)! - frequency.get(b)! || a - b;

  const parent = Int32Array.from(texts, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Shortest first, so every earlier text is no longer than the current one (the length filter).
  const order = sets.map((_, i) => i).filter((i) => sets[i].length > 0);
  order.sort((a, b) => sets[a].length - sets[b].length || a - b);
  const index = new Map<number, number[]>();
  const seen = new Int32Array(texts.length).fill(-1);
  for (const x of order) {
    const xs = sets[x];
    const ranked = [...xs].sort(byRarity);
    const prefix = ranked.length - Math.ceil(t * ranked.length) + 1;
    for (let p = 0; p < prefix; p++) {
      const postings = index.get(ranked[p]);
      if (postings) {
        for (const y of postings) {
          if (seen[y] === x) continue;
          seen[y] = x;
          if (sets[y].length >= t * xs.length && jaccard(sets[y], xs) >= t) union(x, y);
        }
        postings.push(x);
      } else index.set(ranked[p], [x]);
    }
  }
  return Int32Array.from(texts, (_, i) => find(i));
}

/** The distinct k-word shingles of a text as sorted hashes. */
export function shingles(text: string, k: number): Int32Array {
  const tokens = new TokenBuffer();
  tokenize(text, tokens);
  const n = tokens.count;
  if (n === 0) return new Int32Array(0);
  const out = new Set<number>();
  const width = Math.min(k, n);
  for (let i = 0; i + width <= n; i++) {
    let h = tokens.hashes[i];
    for (let j = 1; j < width; j++) h = combineHashes(h, tokens.hashes[i + j]);
    out.add(h);
  }
  return Int32Array.from(out).sort();
}

/** |a ∩ b| / |a ∪ b| of two sorted sets of hashes. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}
