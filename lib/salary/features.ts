// An ad as the salary model sees it: a sparse vector of hashed features. Words and word pairs of the
// title and description, and one feature per value of category, contract type and time, source,
// company and each place on the location's path in the UK tree (region, county, town), so "London"
// and "Mile End" both speak for an ad in Mile End. Hashing keeps the model a fixed-size array
// with no vocabulary to build, store or keep in step; `labels` turns a feature back into words.
import { PATH_SEPARATOR } from "@/lib/locations/tree";
import { combineHashes, hashString, mix32, TokenBuffer, tokenize, wordAt } from "./tokens";

/** The fields of an ad the model reads. Plain data, so rows can come straight from a database. */
export type SalaryAd = {
  title: string;
  description: string;
  company?: string | null;
  category?: string | null;
  /** "full_time" / "FULL_TIME" / "part_time"... any spelling; compared lower case. */
  contractType?: string | null;
  contractTime?: string | null;
  source?: string | null;
  /** The resolved node's path in the UK tree, "UK~London~East London~Mile End"; null when unknown. */
  locationPath?: string | null;
};

/** How text becomes features. Stored with a model: a model only makes sense with the hashing it was trained with. */
export type FeatureConfig = {
  hashBits: number; // 2^hashBits buckets
  /** scale of the title's and the description's unit-length word vectors */
  titleWeight: number;
  descriptionWeight: number;
  /** word pairs, relative to single words (0: none) */
  bigramWeight: number;
  /** category, contract, source, company and location values */
  fieldWeight: number;
};

// Measured by grouped 5-fold CV on the real sample (scripts/bench-salary.ts): the description
// carries most of the signal, and field values weighted like a whole text overfit.
export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 20,
  titleWeight: 1,
  descriptionWeight: 2,
  bigramWeight: 1,
  fieldWeight: 0.5,
};

/** A sparse vector, reused from ad to ad: entries [0, n) of `index` / `value`. */
export class FeatureVector {
  n = 0;
  index = new Int32Array(1024);
  value = new Float64Array(1024);

  clear(): void {
    this.n = 0;
  }

  push(index: number, value: number): number {
    if (this.n === this.index.length) {
      const index = new Int32Array(this.n * 2);
      index.set(this.index);
      const value = new Float64Array(this.n * 2);
      value.set(this.value);
      this.index = index;
      this.value = value;
    }
    this.index[this.n] = index;
    this.value[this.n] = value;
    return this.n++;
  }
}

// Field seeds: the same word in the title and in the description are different features.
const SEED = {
  title: hashString("title"),
  titlePair: hashString("title pair"),
  description: hashString("description"),
  descriptionPair: hashString("description pair"),
  category: hashString("category"),
  contractType: hashString("contract type"),
  contractTime: hashString("contract time"),
  source: hashString("source"),
  company: hashString("company"),
  location: hashString("location"),
};

/** Names of the feature groups, as an explanation shows them. */
export type FeatureField = "title" | "description" | "category" | "contract type" | "contract time" | "source" | "company" | "location";

export type FeatureLabel = { field: FeatureField; text: string };

// Words too common to say anything alone (they still form pairs: "per hour", "of experience").
const STOP_WORDS = new Set("a an and are as at be by for from has have in is it of on or our the this to we will with you your".split(" ").map(hashString));

/**
 * Turns ads into feature vectors. Holds scratch buffers, so make one per training run or model and
 * reuse it (not safe to share between concurrent callers).
 */
export class FeatureHasher {
  readonly mask: number;
  private readonly tokens = new TokenBuffer();
  private readonly counts = new BucketCounts();

  constructor(readonly config: FeatureConfig) {
    if (!Number.isInteger(config.hashBits) || config.hashBits < 8 || config.hashBits > 24) {
      throw new RangeError(`hashBits must be a whole number from 8 to 24, got ${config.hashBits}`);
    }
    this.mask = (1 << config.hashBits) - 1;
  }

  /**
   * Writes the ad's features into `out`. With `labels`, also records what each entry is, entry by
   * entry (slower: it slices words; for explanations, not for training).
   */
  extract(ad: SalaryAd, out: FeatureVector, labels?: FeatureLabel[]): void {
    out.clear();
    if (labels) labels.length = 0;
    const c = this.config;
    this.text(ad.title ?? "", SEED.title, SEED.titlePair, c.titleWeight, "title", out, labels);
    this.text(ad.description ?? "", SEED.description, SEED.descriptionPair, c.descriptionWeight, "description", out, labels);

    const w = c.fieldWeight;
    if (w <= 0) return;
    // A missing value is a value too: careworx ads never state a contract type, and that says something.
    this.field(SEED.category, "category", ad.category || "(none)", w, out, labels);
    this.field(SEED.contractType, "contract type", normaliseCode(ad.contractType), w, out, labels);
    this.field(SEED.contractTime, "contract time", normaliseCode(ad.contractTime), w, out, labels);
    this.field(SEED.source, "source", ad.source?.trim().toLowerCase() || "(none)", w, out, labels);
    if (ad.company?.trim()) this.field(SEED.company, "company", ad.company.trim().toLowerCase(), w, out, labels);

    // Every node on the path below the country: the region, the county, the town, the district.
    // Hashed by the path so far, so Richmond in Surrey and Richmond in Yorkshire stay apart.
    const parts = ad.locationPath ? ad.locationPath.split(PATH_SEPARATOR) : [];
    if (parts.length < 2) this.field(SEED.location, "location", "(unknown)", w, out, labels);
    let path = parts[0];
    for (let d = 1; d < parts.length; d++) {
      path += PATH_SEPARATOR + parts[d];
      this.field(SEED.location, "location", path, w, out, labels, labels && parts.slice(1, d + 1).join(" › "));
    }
  }

  private bucket(hash: number, seed: number): number {
    return mix32(hash ^ seed) & this.mask;
  }

  // One categorical value: a single feature.
  private field(seed: number, field: FeatureField, value: string, weight: number, out: FeatureVector, labels: FeatureLabel[] | undefined, shown = value): void {
    out.push(this.bucket(hashString(value), seed), weight);
    labels?.push({ field, text: shown });
  }

  // Words and adjacent pairs, each counted, damped (1 + ln count: a word said five times is not five
  // times the evidence) and scaled to unit length per kind, so a long description does not outvote
  // a short title.
  private text(text: string, seed: number, pairSeed: number, weight: number, field: FeatureField, out: FeatureVector, labels: FeatureLabel[] | undefined): void {
    if (weight <= 0 || !text) return;
    const t = this.tokens;
    t.clear();
    tokenize(text, t);

    const words = this.counts.begin(out);
    for (let i = 0; i < t.count; i++) {
      if (STOP_WORDS.has(t.hashes[i])) continue;
      const isNew = words.add(this.bucket(t.hashes[i], seed));
      if (labels && isNew) labels.push({ field, text: wordAt(text, t.starts[i], t.ends[i]) });
    }
    words.finish(weight);

    const pairWeight = weight * this.config.bigramWeight;
    if (pairWeight <= 0) return;
    const pairs = this.counts.begin(out);
    for (let i = 1; i < t.count; i++) {
      const isNew = pairs.add(this.bucket(combineHashes(t.hashes[i - 1], t.hashes[i]), pairSeed));
      if (labels && isNew) labels.push({ field, text: `${wordAt(text, t.starts[i - 1], t.ends[i - 1])} ${wordAt(text, t.starts[i], t.ends[i])}` });
    }
    pairs.finish(pairWeight);
  }
}

/**
 * Counts buckets of one field straight into a FeatureVector's entries, merging repeats through a
 * small open-addressing table (bucket → entry) sized to the field, which stays in the CPU cache;
 * an array over the whole hash space would miss it on every word.
 */
class BucketCounts {
  private keys = new Int32Array(2048).fill(-1);
  private entries = new Int32Array(2048);
  private used: number[] = [];
  private out: FeatureVector = new FeatureVector();
  private from = 0;

  begin(out: FeatureVector): this {
    for (const slot of this.used) this.keys[slot] = -1;
    this.used.length = 0;
    this.out = out;
    this.from = out.n;
    return this;
  }

  /** One occurrence of a bucket; true when it is the field's first. */
  add(bucket: number): boolean {
    // Keep the table at most half full.
    if (this.used.length * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = mix32(bucket) & mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === bucket) {
        this.out.value[this.entries[slot]] += 1;
        return false;
      }
      if (k === -1) break;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = bucket;
    this.entries[slot] = this.out.push(bucket, 1);
    this.used.push(slot);
    return true;
  }

  /** Counts → (1 + ln count), scaled so the field's entries have length `weight`. */
  finish(weight: number): void {
    const { out, from } = this;
    let sumSq = 0;
    for (let i = from; i < out.n; i++) {
      const v = 1 + Math.log(out.value[i]);
      out.value[i] = v;
      sumSq += v * v;
    }
    if (sumSq === 0) return;
    const scale = weight / Math.sqrt(sumSq);
    for (let i = from; i < out.n; i++) out.value[i] *= scale;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const mask = size - 1;
    const keys = new Int32Array(size).fill(-1);
    const entries = new Int32Array(size);
    const used: number[] = [];
    for (const old of this.used) {
      let slot = mix32(this.keys[old]) & mask;
      while (keys[slot] !== -1) slot = (slot + 1) & mask;
      keys[slot] = this.keys[old];
      entries[slot] = this.entries[old];
      used.push(slot);
    }
    this.keys = keys;
    this.entries = entries;
    this.used = used;
  }
}

/** "FULL_TIME", "full-time", "Full time" → "full_time"; empty → "(none)". */
function normaliseCode(v: string | null | undefined): string {
  const t = v
    ?.trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return t || "(none)";
}

/** The region (first level below the country) of a tree path, or null. */
export function regionOf(path: string | null | undefined): string | null {
  if (!path) return null;
  const parts = path.split(PATH_SEPARATOR);
  return parts.length >= 2 ? parts[1] : null;
}
