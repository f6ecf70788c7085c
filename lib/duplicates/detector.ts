// The detector: fingerprints ads as they arrive and puts each in a group of the same vacancy.
//
// Grouping does not chain. A group is its representative (its first ad) and the ads confirmed as
// duplicates of THAT ad; a new ad is compared only with representatives — found through the LSH
// index (similar text) and the title/pay index (same title and pay) — and joins the best-scoring
// one or starts a group of its own. So A ~ B and B ~ C never put C with A unless C ~ A: transitive
// grouping is what glues template ads into ever larger groups (the evaluation's union-find
// baseline: largest group 108 and precision 0.77 at 250,000 ads).
//
// In memory, all in typed arrays: the representatives' fingerprints (FingerprintTable), the two
// indexes (key → representative), every ad's group (id → representative id), each company's
// boilerplate, and the "not a duplicate" marks. The rest — members' fingerprints, placements —
// goes to a DuplicateStore through takeChanges().
import { CompanyBoilerplate, type CompanyBoilerplateState } from "./boilerplate";
import { MAX_BONUS, confirm, type Verdict } from "./confirm";
import { FingerprintTable, companyKey, describe, titlePayKey, type AdText, type Fingerprint } from "./fingerprint";
import { DEFAULT_BANDING, MinHasher, SIGNATURE_SIZE, bandKeys, type Banding } from "./minhash";
import { U32Map, U32MultiMap } from "./tables";
import { SHINGLE_WORDS, sentenceHashes, shingles, words } from "./text";
import { titleHash } from "./title";

export type DetectorOptions = {
  signatureSize: number;
  banding: Banding;
  shingleWords: number;
  /** Permutation seed: stored signatures are only comparable under the same seed and size (and banding). */
  seed: number;
  /** Score from which a pair is a duplicate (see confirm.ts). */
  threshold: number;
  minContentSlots: number;
  /**
   * Share of equal signature slots below which an LSH candidate is dropped without the full check:
   * most candidates share one band by chance and agree on a few slots only.
   */
  candidateFloor: number;
  /**
   * Weigh title, pay, company and place, and find candidates by title and pay as well as by text.
   * Off, the detector judges by text alone (the evaluation's ablation).
   */
  useFields: boolean;
  /**
   * A sentence is boilerplate when it is on this share of a company's ads under another title than
   * the first it came with, and on at least boilerplateMinJobs of them (see boilerplate.ts).
   */
  boilerplateShare: number;
  boilerplateMinJobs: number;
  /** Sentence counts kept per company before the ones seen in a single job are pruned. */
  maxCompanySentences: number;
};

/**
 * The second candidate index holds representatives by title and pay (titlePayKey). A block of one
 * common title and pay keeps at most BLOCK_LIMIT representatives, so a lookup stays cheap; later
 * ones are found by their text only.
 */
const BLOCK_LIMIT = 50;

/** Signatures per slab (see signatureSlab). */
const SLAB = 1024;

export const DEFAULT_OPTIONS: DetectorOptions = {
  signatureSize: SIGNATURE_SIZE,
  banding: DEFAULT_BANDING,
  shingleWords: SHINGLE_WORDS,
  seed: 0x2545f491,
  threshold: 0.6,
  minContentSlots: 12,
  candidateFloor: 0.15,
  useFields: true,
  boilerplateShare: 0.2,
  boilerplateMinJobs: 2,
  maxCompanySentences: 1 << 16,
};

/** Where an ad went. */
export type Placement = {
  id: number;
  /** The representative's id (an ad that starts a group is its own representative). */
  groupId: number;
  /** Boilerplate-free text similarity to the representative (1 for the representative). */
  similarity: number;
  /** The similarity plus the evidence bonus (see confirm.ts); 1 for the representative. */
  score: number;
};

/**
 * What a DuplicateStore persists after a batch: the latest state of whatever changed, so the parts
 * can be written in any order (an ad is in `placements` or in `removed`, never both).
 */
export type DetectorChanges = {
  /** Fingerprints of ads added since the last save (new or changed text). */
  fingerprints: Fingerprint[];
  placements: Placement[];
  /** Ads now in no group: deleted, or orphans waiting to be placed again. */
  removed: number[];
  /** Per company, what changed (see CompanyBoilerplateState). */
  companies: CompanyBoilerplateState[];
  marks: [number, number][];
  nextSeq: number;
};

class PendingChanges {
  readonly fingerprints = new Map<number, Fingerprint>();
  readonly placements = new Map<number, Placement>();
  readonly removed = new Set<number>();
  readonly marks: [number, number][] = [];

  place(p: Placement): void {
    this.removed.delete(p.id);
    this.placements.set(p.id, p);
  }

  remove(id: number): void {
    this.placements.delete(id);
    this.removed.add(id);
  }
}

/** What a DuplicateStore loads to resume. */
export type DetectorState = {
  nextSeq: number;
  representatives: Iterable<Fingerprint>;
  /** Every ad's group: ids[i] is in the group of representative groupIds[i]. */
  groups: { ids: Uint32Array; groupIds: Uint32Array };
  companies: Iterable<CompanyBoilerplateState>;
  marks: Iterable<[number, number]>;
};

export class DuplicateDetector {
  readonly options: DetectorOptions;
  private readonly hasher: MinHasher;
  private readonly reps: FingerprintTable;
  /** One table per band: they grow one at a time, not all 2 million entries at once. */
  private readonly index: U32MultiMap[];
  private readonly blocks = new U32MultiMap();
  private readonly blockSizes = new U32Map();
  private readonly groupOf = new U32Map();
  private readonly companies = new Map<string, CompanyBoilerplate>();
  private readonly marks = new Map<number, Set<number>>();
  private nextSeq = 1;
  // Candidate de-duplication: seen[slot] === visit when the current ad has met that representative.
  private seen = new Uint32Array(0);
  private visit = 0;
  private readonly keys: Uint32Array; // scratch band keys of the ad being placed
  private scratch = new Uint32Array(4096); // the shingles of the ad being fingerprinted
  // New signatures are cut from slabs: one allocation per SLAB ads instead of one per ad.
  private slab = new Uint32Array(0);
  private slabUsed = 0;
  private changes = new PendingChanges();

  constructor(options: Partial<DetectorOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.hasher = new MinHasher(this.options.signatureSize, this.options.seed);
    this.reps = new FingerprintTable(this.options.signatureSize);
    this.keys = new Uint32Array(this.options.banding.bands);
    this.index = Array.from({ length: this.options.banding.bands }, () => new U32MultiMap());
  }

  /** A detector resumed from persisted state (what DuplicateStore.load returns). */
  static restore(state: DetectorState, options: Partial<DetectorOptions> = {}): DuplicateDetector {
    const d = new DuplicateDetector(options);
    d.nextSeq = state.nextSeq;
    for (const fp of state.representatives) d.addRepresentative(fp);
    state.groups.ids.forEach((id, i) => d.groupOf.set(id, state.groups.groupIds[i]));
    for (const c of state.companies) d.companies.set(c.company, CompanyBoilerplate.restore(c, d.boilerplateOptions()));
    for (const [a, b] of state.marks) d.addMark(a, b);
    return d;
  }

  /**
   * Adds stored representatives to a detector made by `restore` (a database store pages them in
   * rather than holding them all as objects at once).
   */
  restoreRepresentatives(fps: Iterable<Fingerprint>): void {
    for (const fp of fps) this.addRepresentative(fp);
  }

  /** Numbers for reports: sizes, and the bytes held by each part's typed arrays. */
  stats() {
    let companyBytes = 0,
      boilerplateShingles = 0;
    for (const c of this.companies.values()) {
      companyBytes += c.bytes;
      boilerplateShingles += c.shingleCount;
    }
    const bytes = {
      representatives: this.reps.bytes + this.seen.byteLength,
      lshIndex: this.index.reduce((n, t) => n + t.bytes, 0),
      titlePayIndex: this.blocks.bytes + this.blockSizes.bytes,
      groups: this.groupOf.bytes,
      companies: companyBytes,
    };
    return {
      ads: this.groupOf.size,
      representatives: this.reps.size,
      companies: this.companies.size,
      boilerplateShingles,
      bytes: { ...bytes, total: Object.values(bytes).reduce((a, b) => a + b, 0) },
    };
  }

  /** Whether the ad is placed (in a group). */
  has(id: number): boolean {
    return this.groupOf.has(id);
  }

  /** Fingerprints a new ad and places it. A changed ad must be removed first (see detectBatch). */
  add(ad: AdText): Placement {
    if (this.groupOf.has(ad.id)) throw new Error(`ad ${ad.id} is already placed; remove it before adding it again`);
    const company = companyKey(ad.company);
    const boilerplate = company ? this.companyBoilerplate(company) : undefined;
    const fields = describe(ad);
    const w = words(ad.description, true);
    if (this.scratch.length < w.hashes.length) this.scratch = new Uint32Array(w.hashes.length * 2);
    let content = shingles(w.hashes, this.options.shingleWords, 0, w.hashes.length, this.scratch);
    if (boilerplate) {
      const sentences = sentenceHashes(w);
      boilerplate.count(sentences, titleHash(fields.title));
      boilerplate.learnShingles(w, sentences);
      if (boilerplate.hasShingles) {
        let kept = 0; // in place: the shingles are scratch
        for (let i = 0; i < content.length; i++) if (!boilerplate.isBoilerplate(content[i])) content[kept++] = content[i];
        content = content.subarray(0, kept);
      }
    }
    const fp: Fingerprint = { id: ad.id, seq: this.nextSeq++, signature: this.hasher.signature(content, this.signatureSlab()), ...fields };
    this.changes.fingerprints.set(fp.id, fp);
    return this.place(fp);
  }

  /**
   * Places an ad again from its stored fingerprint: an orphan from `remove`, or the ad a mark
   * moved out. A representative cannot be re-placed this way (remove it: its members need a home).
   */
  replace(fp: Fingerprint): Placement {
    const group = this.groupOf.get(fp.id);
    if (group === fp.id) throw new Error(`ad ${fp.id} represents a group; remove it instead`);
    if (group >= 0) this.remove([fp.id]);
    return this.place(fp);
  }

  /**
   * Takes ads out (deleted, or changed and about to be added again). Members of a group whose
   * representative left are left without one: their ids are returned, to be placed again with
   * `replace` from their stored fingerprints, in arrival order.
   */
  remove(ids: Iterable<number>): number[] {
    const leavingGroups = new Set<number>();
    for (const id of ids) {
      const group = this.groupOf.get(id);
      if (group < 0) continue;
      this.groupOf.delete(id);
      this.changes.remove(id);
      if (group !== id) continue;
      leavingGroups.add(id);
      const slot = this.reps.slotOf(id);
      bandKeys(this.reps.signatureAt(slot), this.options.banding, this.keys).forEach((key, band) => this.index[band].remove(key, slot));
      const block = titlePayKey(this.reps.at(slot));
      if (block && this.blocks.remove(block, slot)) this.blockSizes.set(block, this.blockSizes.get(block) - 1);
      this.reps.remove(id);
    }
    if (!leavingGroups.size) return [];
    const orphans: number[] = []; // one pass over every ad, however many groups lost their head
    this.groupOf.forEachEntry((member, g) => {
      if (leavingGroups.has(g)) orphans.push(member);
    });
    for (const m of orphans) {
      this.groupOf.delete(m);
      this.changes.remove(m);
    }
    return orphans;
  }

  /**
   * Records that two ads are not duplicates. When they share a group, the later one must leave:
   * its id is returned, to be placed again with `replace` (it can no longer join that group).
   */
  markDifferent(a: Fingerprint, b: Fingerprint): number | null {
    this.addMark(a.id, b.id);
    this.changes.marks.push([a.id, b.id]);
    const group = this.groupOf.get(a.id);
    if (group < 0 || group !== this.groupOf.get(b.id)) return null;
    const leaver = b.id === group || (a.id !== group && a.seq > b.seq) ? a : b;
    return leaver.id;
  }

  /** The verdict on two fingerprints with today's boilerplate knowledge (for the UI's "why"). */
  verdict(a: Fingerprint, b: Fingerprint): Verdict {
    return confirm(a, b, this.hasher, (c) => this.companies.get(c), this.options);
  }

  /** Everything to persist since the last call. */
  takeChanges(): DetectorChanges {
    const { fingerprints, placements, removed, marks } = this.changes;
    this.changes = new PendingChanges();
    const companies = [...this.companies.values()].filter((c) => c.dirty).map((c) => c.takeDelta());
    return { fingerprints: [...fingerprints.values()], placements: [...placements.values()], removed: [...removed], companies, marks, nextSeq: this.nextSeq };
  }

  private signatureSlab(): Uint32Array {
    const k = this.options.signatureSize;
    if (this.slabUsed + k > this.slab.length) {
      this.slab = new Uint32Array(k * SLAB);
      this.slabUsed = 0;
    }
    return this.slab.subarray(this.slabUsed, (this.slabUsed += k));
  }

  private boilerplateOptions() {
    const o = this.options;
    return { minJobs: o.boilerplateMinJobs, share: o.boilerplateShare, maxSentences: o.maxCompanySentences, shingleWords: o.shingleWords };
  }

  private companyBoilerplate(company: string): CompanyBoilerplate {
    let c = this.companies.get(company);
    if (!c) this.companies.set(company, (c = new CompanyBoilerplate(company, this.boilerplateOptions())));
    return c;
  }

  private addMark(a: number, b: number): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      let set = this.marks.get(x);
      if (!set) this.marks.set(x, (set = new Set()));
      set.add(y);
    }
  }

  /** Whether an admin said `id` is not a duplicate of some ad in `group`. */
  private markedAgainst(id: number, group: number): boolean {
    const partners = this.marks.get(id);
    if (partners) for (const p of partners) if (this.groupOf.get(p) === group) return true;
    return false;
  }

  private place(fp: Fingerprint): Placement {
    const best = this.bestRepresentative(fp);
    const placement: Placement = best
      ? { id: fp.id, groupId: best.id, similarity: best.verdict.similarity, score: best.verdict.score }
      : { id: fp.id, groupId: fp.id, similarity: 1, score: 1 };
    if (!best) this.addRepresentative(fp);
    this.groupOf.set(fp.id, placement.groupId);
    this.changes.place(placement);
    return placement;
  }

  private addRepresentative(fp: Fingerprint): void {
    const slot = this.reps.put(fp);
    bandKeys(fp.signature, this.options.banding, this.keys).forEach((key, band) => this.index[band].add(key, slot));
    const block = this.options.useFields ? titlePayKey(fp) : 0;
    const size = block ? this.blockSizes.get(block, 0) : BLOCK_LIMIT;
    if (size < BLOCK_LIMIT) {
      this.blocks.add(block, slot);
      this.blockSizes.set(block, size + 1);
    }
  }

  /** The confirmed representative with the highest score (the earliest on a tie), if any. */
  private bestRepresentative(fp: Fingerprint): { id: number; verdict: Verdict } | null {
    const k = this.options.signatureSize;
    if (this.seen.length < this.reps.slots) {
      const grown = new Uint32Array(this.reps.slots);
      grown.set(this.seen);
      this.seen = grown;
    }
    const visit = ++this.visit;
    // Most candidates share a band by chance and agree on a few slots; counting equal slots drops
    // them before the full check. Without boilerplate on either side the share of equal slots IS
    // the similarity, so a pair below threshold − MAX_BONUS cannot pass; with boilerplate, slots
    // are left out and the share can only be bounded loosely (candidateFloor).
    const exactFloor = Math.ceil((this.options.threshold - (this.options.useFields ? MAX_BONUS : 0)) * k);
    const looseFloor = Math.ceil(this.options.candidateFloor * k);
    const ownBoilerplate = this.hasBoilerplate(fp.company);
    const sig = fp.signature;
    const reps = this.reps;
    let best: { id: number; seq: number; verdict: Verdict } | null = null;
    const consider = (slot: number) => {
      if (this.seen[slot] === visit) return;
      this.seen[slot] = visit;
      const floor = ownBoilerplate || this.hasBoilerplate(this.reps.companyAt(slot)) ? looseFloor : exactFloor;
      let same = 0;
      const page = reps.pageOf(slot);
      for (let i = 0, o = reps.offsetOf(slot); i < k && same + k - i >= floor; i++) if (page[o + i] === sig[i]) same++;
      if (same < floor) return;
      const rep = this.reps.at(slot);
      const verdict = this.verdict(fp, rep);
      if (!verdict.duplicate || this.markedAgainst(fp.id, rep.id)) return;
      if (!best || verdict.score > best.verdict.score || (verdict.score === best.verdict.score && rep.seq < best.seq)) best = { id: rep.id, seq: rep.seq, verdict };
    };
    bandKeys(sig, this.options.banding, this.keys).forEach((key, band) => this.index[band].forEach(key, consider));
    const block = this.options.useFields ? titlePayKey(fp) : 0;
    if (block) this.blocks.forEach(block, consider);
    return best;
  }

  private hasBoilerplate(company: string): boolean {
    return company !== "" && (this.companies.get(company)?.hasShingles ?? false);
  }
}
