// The boilerplate discount: text a company puts on ads for different jobs ("about us", benefits,
// equal-opportunities lines) must not make those jobs look alike.
//
// Design, incremental and small:
// - The unit is the sentence: boilerplate is copied whole, so its sentences hash identically on
//   every ad, while a job's own text is not repeated across jobs.
// - Per company, each sentence remembers the first title it came with (a 16-bit tag of the title's
//   key terms) and counts the ads that carry it under ANOTHER title. Reposts keep their title, so a
//   job reposted ten times — or a repost the detector failed to group — never turns its own text
//   into boilerplate; and the state depends only on the ads seen, not on the detector's decisions.
// - A sentence is boilerplate when that count reaches a share of the company's ads (boilerplate is
//   on most of them) and at least minJobs: a company's second post already learns it. The share
//   keeps big companies' coincidences out: in the synthetic set an agency's ~1,000 jobs share
//   common sentences on up to 5% of its ads, while its "about us" is on all of them.
// - Ads are counted before they are fingerprinted, so the second job of a company already sees
//   the text it shares with the first as boilerplate.
// - The shingles lying wholly inside boilerplate sentences are kept, each with its sentence, as the
//   hashes the signatures are built from. Similarity leaves them out twice: a new ad's signature is
//   taken over its other shingles, and when two signatures are compared, a slot whose minimum came
//   from a boilerplate shingle (MinHasher.shingleAt) is skipped — which also covers ads
//   fingerprinted before that boilerplate was known. A shingle counts only while its sentence still
//   passes the (rising) share.
// - State per company: its ad count, (sentence hash, title tag + count) pairs, and (shingle,
//   sentence) pairs. Past maxSentences, sentences never seen under a second title are forgotten.
import { U32Map } from "./tables";
import { shingles, type Words } from "./text";

export type BoilerplateOptions = {
  /** Fewest other-title ads that make a sentence boilerplate. */
  minJobs: number;
  /** Share of the company's ads a sentence must be on (under another title) to be boilerplate. */
  share: number;
  maxSentences: number;
  shingleWords: number;
};

/** Other-title ads that make a sentence boilerplate however large the company. */
const MAX_THRESHOLD = 1000;
const MAX_COUNT = 0xfffe; // the 16-bit count saturates here (0xffffffff cannot be stored)

/**
 * What is persisted per company; a delta (takeDelta) has the same shape with only what changed:
 * a sentence value of 0 deletes the sentence, shingles are only added.
 */
export type CompanyBoilerplateState = {
  company: string;
  /** Ads of the company counted so far. */
  ads: number;
  /** Sentence hashes and, at the same index, (first title tag << 16) | (1 + other-title ads). */
  sentences: Uint32Array;
  values: Uint32Array;
  /** Boilerplate shingle hashes and, at the same index, the sentence each lies in. */
  shingles: Uint32Array;
  shingleSentences: Uint32Array;
};

export class CompanyBoilerplate {
  private ads = 0;
  private readonly counts = new U32Map();
  private readonly shingles = new U32Map(); // shingle → sentence
  // Changes since the last takeDelta, so a store writes rows, not the whole state, per batch.
  private changedCounts = new U32Map();
  private newShingles: number[] = [];

  constructor(
    readonly company: string,
    private readonly options: BoilerplateOptions,
  ) {}

  static restore(state: CompanyBoilerplateState, options: BoilerplateOptions): CompanyBoilerplate {
    const c = new CompanyBoilerplate(state.company, options);
    c.ads = state.ads;
    state.sentences.forEach((h, i) => c.counts.set(h, state.values[i]));
    state.shingles.forEach((s, i) => c.shingles.set(s, state.shingleSentences[i]));
    return c;
  }

  /** What changed since the last call (for a store to write). */
  takeDelta(): CompanyBoilerplateState {
    const delta = this.collect(this.changedCounts, this.newShingles);
    this.changedCounts = new U32Map();
    this.newShingles = [];
    return delta;
  }

  get dirty(): boolean {
    return this.changedCounts.size > 0 || this.newShingles.length > 0;
  }

  get bytes(): number {
    return this.counts.bytes + this.shingles.bytes;
  }

  get shingleCount(): number {
    return this.shingles.size;
  }

  /** Whether any boilerplate may be known for this company (a cheap test before lookups). */
  get hasShingles(): boolean {
    return this.shingles.size > 0;
  }

  isBoilerplate(shingle: number): boolean {
    const sentence = this.shingles.get(shingle);
    return sentence >= 0 && this.isBoilerplateSentence(sentence);
  }

  /**
   * Counts an ad of the company: each of its sentences under the ad's title (a hash of the title's
   * key terms). Call before learnShingles and before fingerprinting the ad.
   */
  count(sentenceHashes: Uint32Array, titleHash: number): void {
    this.ads++;
    const tag = titleHash >>> 16;
    for (const h of new Set(sentenceHashes)) {
      const v = this.counts.get(h);
      let next: number;
      if (v < 0) next = ((tag << 16) | 1) >>> 0;
      else if (v >>> 16 === tag || (v & 0xffff) === MAX_COUNT) continue;
      else next = v + 1;
      this.counts.set(h, next);
      this.changedCounts.set(h, next);
    }
    if (this.counts.size > this.options.maxSentences) {
      this.counts.prune((h, v) => {
        if ((v & 0xffff) >= 2) return false;
        this.changedCounts.set(h, 0);
        return true;
      });
    }
  }

  /**
   * Records the shingles of this ad's boilerplate sentences (runs of consecutive ones, so shingles
   * spanning two of them count too; each is filed under the sentence its first word is in).
   */
  learnShingles(w: Words, sentenceHashes: Uint32Array): void {
    const n = sentenceHashes.length,
      k = this.options.shingleWords;
    const end = (s: number) => (s + 1 < n ? w.sentenceStarts[s + 1] : w.hashes.length);
    for (let s = 0; s < n;) {
      if (!this.isBoilerplateSentence(sentenceHashes[s])) {
        s++;
        continue;
      }
      let e = s + 1;
      while (e < n && this.isBoilerplateSentence(sentenceHashes[e])) e++;
      const from = w.sentenceStarts[s],
        to = end(e - 1);
      if (to - from >= k) {
        const run = shingles(w.hashes, k, from, to);
        for (let i = 0, sentence = s; i < run.length; i++) {
          while (from + i >= end(sentence)) sentence++;
          if (this.shingles.has(run[i])) continue;
          this.shingles.set(run[i], sentenceHashes[sentence]);
          this.newShingles.push(run[i], sentenceHashes[sentence]);
        }
      }
      s = e;
    }
  }

  private isBoilerplateSentence(hash: number): boolean {
    const { minJobs, share } = this.options;
    const threshold = Math.min(MAX_THRESHOLD, Math.max(minJobs, Math.ceil(share * this.ads)));
    return (this.counts.get(hash, 0) & 0xffff) >= threshold;
  }

  private collect(counts: U32Map, shinglePairs: number[]): CompanyBoilerplateState {
    const sentences: number[] = [],
      values: number[] = [];
    counts.forEachEntry((h, v) => (sentences.push(h), values.push(v)));
    return {
      company: this.company,
      ads: this.ads,
      sentences: Uint32Array.from(sentences),
      values: Uint32Array.from(values),
      shingles: Uint32Array.from(shinglePairs.filter((_, i) => i % 2 === 0)),
      shingleSentences: Uint32Array.from(shinglePairs.filter((_, i) => i % 2 === 1)),
    };
  }
}
