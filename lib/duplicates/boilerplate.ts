// The boilerplate discount: text a company puts on ads for different jobs ("about us", benefits,
// equal-opportunities lines) must not make those jobs look alike.
//
// Design, incremental and small:
// - The unit is the sentence: boilerplate is copied whole, so its sentences hash identically on
//   every ad, while a job's own text is not repeated across jobs.
// - Per company, each sentence remembers the first title it was seen under and a count of the
//   different titles it has been seen under since. A sentence on ads for ≥ minJobs different posts
//   (title key terms) of one company is boilerplate. Counting titles, not ads or groups, keeps a
//   job reposted ten times — or a repost the detector failed to group — from turning the job's own
//   text into boilerplate, and makes the state depend only on the ads seen, not on decisions.
// - Ads are counted before they are fingerprinted, so the second job of a company already sees
//   the text it shares with the first as boilerplate.
// - The shingles lying wholly inside boilerplate sentences are kept per company, as the hashes the
//   signatures are built from. Similarity then leaves them out twice: a new ad's signature is taken
//   over its other shingles, and when two signatures are compared, a slot whose minimum came from
//   a boilerplate shingle (MinHasher.shingleAt) is skipped — which also covers ads fingerprinted
//   before that boilerplate was known.
// - State per company: (sentence hash, title tag + count) pairs and a set of shingle hashes. The
//   counts are pruned: past maxSentences, sentences seen under one title only are forgotten
//   (boilerplate reaches 2 within a company's first few posts; what is forgotten is each job's
//   own text).
import { U32Map } from "./tables";
import { shingles, type Words } from "./text";

export type BoilerplateOptions = { minJobs: number; maxSentences: number; shingleWords: number };

/** What changed since the last `takeDelta` (a value of 0 deletes the sentence). */
export type CompanyBoilerplateDelta = { company: string; sentences: Uint32Array; counts: Uint32Array; shingles: Uint32Array };

/** What is persisted per company. */
export type CompanyBoilerplateState = {
  company: string;
  /** Sentence hashes and, at the same index, (first title tag << 8) | number of titles, see `count`. */
  sentences: Uint32Array;
  counts: Uint32Array;
  /** Shingle hashes of the company's boilerplate. */
  shingles: Uint32Array;
};

export class CompanyBoilerplate {
  private readonly counts = new U32Map();
  /** Boilerplate shingle hashes (a set: the value is unused). */
  private readonly shingles = new U32Map();
  // Changes since the last takeDelta, so a store writes rows, not the whole state, per batch.
  private changedCounts = new U32Map();
  private newShingles: number[] = [];

  constructor(
    readonly company: string,
    private readonly options: BoilerplateOptions,
  ) {}

  static restore(state: CompanyBoilerplateState, options: BoilerplateOptions): CompanyBoilerplate {
    const c = new CompanyBoilerplate(state.company, options);
    state.sentences.forEach((h, i) => c.counts.set(h, state.counts[i]));
    for (const s of state.shingles) c.shingles.set(s, 1);
    return c;
  }

  state(): CompanyBoilerplateState {
    const sentences: number[] = [], counts: number[] = [], shingles: number[] = [];
    this.counts.forEachEntry((h, n) => {
      sentences.push(h);
      counts.push(n);
    });
    this.shingles.forEachEntry((s) => shingles.push(s));
    return { company: this.company, sentences: Uint32Array.from(sentences), counts: Uint32Array.from(counts), shingles: Uint32Array.from(shingles) };
  }

  get bytes(): number {
    return this.counts.bytes + this.shingles.bytes;
  }

  /** Whether any boilerplate is known for this company yet. */
  get hasShingles(): boolean {
    return this.shingles.size > 0;
  }

  private isBoilerplateSentence(hash: number): boolean {
    return (this.counts.get(hash, 0) & 0xff) >= this.options.minJobs;
  }

  isBoilerplate(shingle: number): boolean {
    return this.shingles.has(shingle);
  }

  /**
   * Records the shingles of this ad's known-boilerplate sentences (runs of consecutive boilerplate
   * sentences, so shingles spanning two of them count too). Returns whether anything was new.
   */
  learnShingles(w: Words, sentenceHashes: Uint32Array): boolean {
    const before = this.shingles.size;
    const n = sentenceHashes.length;
    for (let s = 0; s < n; ) {
      if (!this.isBoilerplateSentence(sentenceHashes[s])) {
        s++;
        continue;
      }
      let e = s + 1;
      while (e < n && this.isBoilerplateSentence(sentenceHashes[e])) e++;
      const from = w.sentenceStarts[s], to = e < n ? w.sentenceStarts[e] : w.hashes.length;
      if (to - from >= this.options.shingleWords) {
        for (const sh of shingles(w.hashes, this.options.shingleWords, from, to)) {
          if (this.shingles.has(sh)) continue;
          this.shingles.set(sh, 1);
          this.newShingles.push(sh);
        }
      }
      s = e;
    }
    return this.shingles.size !== before;
  }

  /**
   * Counts an ad's sentences under its title (a hash of the title's key terms). The value kept per
   * sentence is the first title's top 23 bits and, in the low 8 bits, how many times the sentence
   * came with a title other than that one, plus 1 (saturating): ≥ 2 means two posts at least.
   */
  count(sentenceHashes: Uint32Array, titleHash: number): void {
    const tag = titleHash >>> 9;
    for (const h of sentenceHashes) {
      const v = this.counts.get(h);
      let next: number;
      if (v < 0) next = (tag << 8) | 1;
      else if (v >>> 8 === tag || (v & 0xff) === 0xff) continue;
      else next = v + 1;
      this.counts.set(h, next);
      this.changedCounts.set(h, next);
    }
    if (this.counts.size > this.options.maxSentences) {
      this.counts.prune((h, v) => {
        if ((v & 0xff) >= 2) return false;
        this.changedCounts.set(h, 0);
        return true;
      });
    }
  }

  get dirty(): boolean {
    return this.changedCounts.size > 0 || this.newShingles.length > 0;
  }

  takeDelta(): CompanyBoilerplateDelta {
    const sentences: number[] = [], counts: number[] = [];
    this.changedCounts.forEachEntry((h, n) => {
      sentences.push(h);
      counts.push(n);
    });
    const delta = { company: this.company, sentences: Uint32Array.from(sentences), counts: Uint32Array.from(counts), shingles: Uint32Array.from(this.newShingles) };
    this.changedCounts = new U32Map();
    this.newShingles = [];
    return delta;
  }
}
