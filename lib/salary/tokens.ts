// Words of an ad's text, as 32-bit hashes read straight from the char codes. The salary model
// tokenises every ad on every training epoch (250,000 ads × ~240 words × several passes), so the
// fast path allocates no strings: it hashes while it scans and only records where each word is.
// The readable word (for explanations) is sliced from those positions when someone asks.

/** Growable buffers a tokeniser writes into; reused from ad to ad so training allocates nothing per ad. */
export class TokenBuffer {
  count = 0;
  hashes = new Int32Array(512);
  starts = new Int32Array(512);
  ends = new Int32Array(512);

  clear(): void {
    this.count = 0;
  }

  push(hash: number, start: number, end: number): void {
    if (this.count === this.hashes.length) this.grow();
    this.hashes[this.count] = hash;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.hashes = copy(this.hashes);
    this.starts = copy(this.starts);
    this.ends = copy(this.ends);
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** Murmur3's finaliser: FNV-1a alone leaves the low bits (the bucket) poorly mixed. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Hash of a whole string as the tokeniser would hash it as one word (lower case, as given otherwise). */
export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ lowerCode(text.charCodeAt(i)), FNV_PRIME);
  return mix32(h);
}

/** Two hashes into one (order matters: "nurse manager" is not "manager nurse"). */
export function combineHashes(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ b);
}

function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32; // Latin-1 capitals: "É" → "é"
  return c;
}

// What a word is made of: ASCII letters and digits, Latin-1/extended letters, and "*" (Adzuna masks
// figures as "****", and "****k" next to "salary" still says something). "£", dashes and curly
// quotes are punctuation.
function isWordCode(c: number): boolean {
  if (c >= 97 && c <= 122) return true; // a-z
  if (c >= 65 && c <= 90) return true; // A-Z
  if (c >= 48 && c <= 57) return true; // 0-9
  if (c === 42) return true; // *
  return c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7;
}

// Apostrophes inside a word are dropped, not split on: "client’s" is one word, "clients".
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Appends the words of `text` to `out` (hash, start, end). Words longer than 40 chars are skipped: URLs and glued text. */
export function tokenize(text: string, out: TokenBuffer): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    for (;;) {
      h = Math.imul(h ^ lowerCode(c), FNV_PRIME);
      i++;
      if (i >= n) break;
      c = text.charCodeAt(i);
      if (isWordCode(c)) continue;
      if (isApostrophe(c) && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
        i++;
        c = text.charCodeAt(i);
        continue;
      }
      break;
    }
    if (i - start <= 40) out.push(mix32(h), start, i);
  }
}

/** The readable form of a word the tokeniser found: lower case, apostrophes dropped. */
export function wordAt(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase().replace(/['’]/g, "");
}
