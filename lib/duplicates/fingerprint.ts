// What the detector knows about one ad, and a compact table of many.
import { combine, hashString } from "./hash";
import { payBand, type PayBand } from "./pay";
import { keyOfTerms, placeWords, titleCandidates, titleHash, withoutPlace, type TitleKey } from "./title";
import { U32Map } from "./tables";

/** An ad as the detector reads it (the import's NormalisedAd maps onto this directly). */
export type AdText = {
  /** The ad's id; positive, below 2^32. */
  id: number;
  title: string;
  description: string;
  company?: string | null;
  /**
   * Location as written, most specific first ("Leeds, West Yorkshire"): its words are dropped from
   * the title, and its first part is the place, compared as evidence.
   */
  location?: string | null;
  salaryRaw?: string | null;
  /** Annual salary in £ (Adzuna's SalaryNormalized), used when salaryRaw does not parse. */
  salaryAnnual?: number | null;
};

/** Everything compared about an ad; persisted per ad (see README "Duplicate detection"). */
export type Fingerprint = {
  id: number;
  /** Arrival order: a group's representative is its first ad. */
  seq: number;
  /** MinHash of the ad's shingles, less its company's boilerplate known at the time. */
  signature: Uint32Array;
  /** Normalised company, "" when unknown. */
  company: string;
  title: TitleKey;
  pay: PayBand | null;
  /** Hash of the normalised location, 0 when unknown. */
  place: number;
};

/** "Clear Selection Ltd." and "clear selection" are one company. */
export function companyKey(company: string | null | undefined): string {
  return (company ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/ (?:ltd|limited|plc|llp|uk)$/, "")
    .trim();
}

/**
 * A function's results remembered for recent arguments. Reposts and agency templates repeat the
 * same titles and salary strings, and parsing them was a fifth of the detector's time.
 */
function memo<T>(fn: (key: string) => T, max = 20_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      if (cache.size >= max) cache = new Map(); // forget all: cheaper than tracking recency
      cache.set(key, (v = fn(key)));
    }
    return v as T;
  };
}

// A title's terms are cached by title alone and its location's words by location alone: keyed
// together they missed the cache for every repost in another town.
const candidatesOf = memo(titleCandidates);
const placeWordsOf = memo(placeWords, 5000); // far fewer places than titles
const payBandOf = memo((key) => {
  const [raw, annual] = key.split("\n");
  return payBand(raw, Number(annual));
});

function titleKeyOf(title: string, location: string): TitleKey {
  return keyOfTerms(location ? withoutPlace(candidatesOf(title), placeWordsOf(location)) : candidatesOf(title));
}

/** The parts of a fingerprint that come from the ad's fields (the signature comes from its text). */
export function describe(ad: AdText): Pick<Fingerprint, "company" | "title" | "pay" | "place"> {
  const location = ad.location ?? "";
  const place = location
    .split(",")[0]
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
  const pay = payBandOf(`${ad.salaryRaw ?? ""}\n${ad.salaryAnnual ?? 0}`);
  return {
    company: companyKey(ad.company),
    title: titleKeyOf(ad.title, location),
    pay: pay && { ...pay }, // a copy: the cached band is shared
    place: place ? hashString(place) : 0,
  };
}

/**
 * Title and pay in one key, for the detector's second candidate index: reposts keep both even when
 * their text is heavily edited (a sentence added, another town: whole-text Jaccard down to 0.3–0.4,
 * where LSH bands would need many more candidates to catch them). 0 when the ad has no pay or no
 * title terms.
 */
export function titlePayKey(fp: Pick<Fingerprint, "title" | "pay">): number {
  if (!fp.pay || !(fp.title.terms.length || fp.title.axes)) return 0;
  let h = combine(titleHash(fp.title), fp.title.axes);
  h = combine(h, Math.round(fp.pay.min / 500));
  h = combine(h, fp.pay.max === Infinity ? 0xffffffff : Math.round(fp.pay.max / 500));
  return h || 1;
}

/** Title terms kept per fingerprint; titles rarely have more key terms than this. */
export const MAX_TITLE_TERMS = 8;

/** Slots per page of signatures (see FingerprintTable). */
const PAGE_BITS = 12;
const PAGE_SLOTS = 1 << PAGE_BITS;

/**
 * Fingerprints in columns of typed arrays (≈ 4·signatureSize + 70 bytes each), addressed by id.
 * The detector keeps its representatives in one; the in-memory store keeps every ad in one.
 * Signatures, most of the bytes, are kept in pages of 4,096 slots: the table grows a page at a
 * time instead of copying every signature into an array half as large again (which, for the 45 MB
 * of a 250,000-ad detector, briefly needed both).
 */
export class FingerprintTable {
  private capacity = 0;
  private length = 0;
  private free: number[] = [];
  private readonly slotOfId = new U32Map();
  private readonly companies: string[] = [];
  private readonly companyIndex = new Map<string, number>();
  private ids = new Uint32Array(0);
  private seqs = new Uint32Array(0);
  /** Signature pages: slot s is at offset (s % PAGE_SLOTS)·signatureSize of page s / PAGE_SLOTS. */
  private pages: Uint32Array[] = [];
  private companyOf = new Int32Array(0);
  private terms = new Uint32Array(0);
  private termCount = new Uint8Array(0);
  private axes = new Uint32Array(0);
  private payMin = new Float64Array(0);
  private payMax = new Float64Array(0);
  private places = new Uint32Array(0);

  constructor(readonly signatureSize: number) {}

  get size(): number {
    return this.slotOfId.size;
  }

  get bytes(): number {
    const columns = [this.ids, this.seqs, ...this.pages, this.companyOf, this.terms, this.termCount, this.axes, this.payMin, this.payMax, this.places];
    return columns.reduce((n, c) => n + c.byteLength, 0) + this.slotOfId.bytes;
  }

  /** Slots allocated (the highest slot is below this). */
  get slots(): number {
    return this.capacity;
  }

  /** Slot of an id, or -1. */
  slotOf(id: number): number {
    return this.slotOfId.get(id);
  }

  /** Adds or replaces the fingerprint for fp.id; returns its slot. */
  put(fp: Fingerprint): number {
    let slot = this.slotOfId.get(fp.id);
    if (slot < 0) {
      slot = this.free.pop() ?? this.length++;
      if (slot >= this.capacity) this.grow();
      this.slotOfId.set(fp.id, slot);
    }
    this.ids[slot] = fp.id;
    this.seqs[slot] = fp.seq;
    this.pageOf(slot).set(fp.signature, this.offsetOf(slot));
    let company = this.companyIndex.get(fp.company);
    if (company === undefined) {
      company = this.companies.push(fp.company) - 1;
      this.companyIndex.set(fp.company, company);
    }
    this.companyOf[slot] = company;
    const n = Math.min(fp.title.terms.length, MAX_TITLE_TERMS);
    this.terms.set(fp.title.terms.subarray(0, n), slot * MAX_TITLE_TERMS);
    this.termCount[slot] = n;
    this.axes[slot] = fp.title.axes;
    this.payMin[slot] = fp.pay ? fp.pay.min : NaN;
    this.payMax[slot] = fp.pay ? fp.pay.max : NaN;
    this.places[slot] = fp.place;
    return slot;
  }

  remove(id: number): boolean {
    const slot = this.slotOfId.get(id);
    if (slot < 0) return false;
    this.slotOfId.delete(id);
    this.free.push(slot);
    return true;
  }

  idAt(slot: number): number {
    return this.ids[slot];
  }

  companyAt(slot: number): string {
    return this.companies[this.companyOf[slot]];
  }

  /** The signature at a slot, as a view (no copy). */
  signatureAt(slot: number): Uint32Array {
    const o = this.offsetOf(slot);
    return this.pageOf(slot).subarray(o, o + this.signatureSize);
  }

  /** The page holding a slot's signature, at offsetOf(slot) (read directly by the detector's candidate filter). */
  pageOf(slot: number): Uint32Array {
    return this.pages[slot >>> PAGE_BITS];
  }

  offsetOf(slot: number): number {
    return (slot & (PAGE_SLOTS - 1)) * this.signatureSize;
  }

  /** The fingerprint at a slot; its arrays are views into the table, valid until the next put. */
  at(slot: number): Fingerprint {
    const min = this.payMin[slot];
    return {
      id: this.ids[slot],
      seq: this.seqs[slot],
      signature: this.signatureAt(slot),
      company: this.companies[this.companyOf[slot]],
      title: { terms: this.terms.subarray(slot * MAX_TITLE_TERMS, slot * MAX_TITLE_TERMS + this.termCount[slot]), axes: this.axes[slot] },
      pay: Number.isNaN(min) ? null : { min, max: this.payMax[slot] },
      place: this.places[slot],
    };
  }

  /** A copy of the fingerprint for `id`, detached from the table. */
  get(id: number): Fingerprint | undefined {
    const slot = this.slotOfId.get(id);
    if (slot < 0) return undefined;
    const fp = this.at(slot);
    return { ...fp, signature: fp.signature.slice(), title: { terms: fp.title.terms.slice(), axes: fp.title.axes } };
  }

  /** Every stored fingerprint's slot, in no particular order. */
  forEachSlot(fn: (slot: number) => void): void {
    this.slotOfId.forEachEntry((_, slot) => fn(slot));
  }

  private grow(): void {
    const capacity = Math.max(1024, Math.ceil(this.capacity * 1.5)); // 1.5×: less slack on large tables
    const k = this.signatureSize;
    const grown = <T extends Uint32Array | Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T, width = 1): T => {
      const a = make(capacity * width);
      a.set(old);
      return a;
    };
    this.ids = grown(this.ids, (n) => new Uint32Array(n));
    this.seqs = grown(this.seqs, (n) => new Uint32Array(n));
    while (this.pages.length * PAGE_SLOTS < capacity) this.pages.push(new Uint32Array(PAGE_SLOTS * k));
    this.companyOf = grown(this.companyOf, (n) => new Int32Array(n));
    this.terms = grown(this.terms, (n) => new Uint32Array(n), MAX_TITLE_TERMS);
    this.termCount = grown(this.termCount, (n) => new Uint8Array(n));
    this.axes = grown(this.axes, (n) => new Uint32Array(n));
    this.payMin = grown(this.payMin, (n) => new Float64Array(n));
    this.payMax = grown(this.payMax, (n) => new Float64Array(n));
    this.places = grown(this.places, (n) => new Uint32Array(n));
    this.capacity = capacity;
  }
}
