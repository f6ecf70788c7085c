// Persistence: what the app stores for the detector, an in-memory implementation (tests and the
// evaluation), and the batch operations that tie a detector to a store.
import type { CompanyBoilerplateState } from "./boilerplate";
import { DuplicateDetector, type DetectorChanges, type DetectorOptions, type DetectorState, type Placement } from "./detector";
import { FingerprintTable, type AdText, type Fingerprint } from "./fingerprint";
import { U32Map } from "./tables";

/**
 * What a database must keep. Per ad: its fingerprint (signature as bytes, company, title terms and
 * axes, pay band, place, seq) and its placement (group id, similarity, score). Per company: the
 * sentence counts and boilerplate shingles. The "not a duplicate" marks. The next seq.
 */
export interface DuplicateStore {
  /** Everything the detector keeps in memory: representatives, every ad's group, companies, marks. */
  load(): Promise<DetectorState>;
  /** Writes one batch's changes (in one transaction, in a database). */
  save(changes: DetectorChanges): Promise<void>;
  /** Stored fingerprints of these ads (members to place again); unknown ids are skipped. */
  fingerprints(ids: readonly number[]): Promise<Fingerprint[]>;
  /** Forgets every fingerprint, placement and company, keeping the marks (before a rebuild). */
  clear(): Promise<void>;
}

/** DuplicateStore in memory, compact (typed arrays): for tests and the evaluation. */
export class MemoryDuplicateStore implements DuplicateStore {
  private ads: FingerprintTable;
  private groups = new U32Map();
  private similarity = new Map<number, number>();
  private companies = new Map<string, { ads: number; counts: U32Map; shingles: U32Map }>();
  private marks: [number, number][] = [];
  private nextSeq = 1;

  constructor(private readonly signatureSize: number) {
    this.ads = new FingerprintTable(signatureSize);
  }

  async load(): Promise<DetectorState> {
    const representatives: Fingerprint[] = [];
    const ids: number[] = [],
      groupIds: number[] = [];
    this.groups.forEachEntry((id, g) => {
      ids.push(id);
      groupIds.push(g);
      if (id === g) representatives.push(this.ads.get(id)!);
    });
    const companies: CompanyBoilerplateState[] = [];
    for (const [company, c] of this.companies) {
      const sentences: number[] = [],
        values: number[] = [],
        shingles: number[] = [],
        shingleSentences: number[] = [];
      c.counts.forEachEntry((h, v) => (sentences.push(h), values.push(v)));
      c.shingles.forEachEntry((h, sentence) => (shingles.push(h), shingleSentences.push(sentence)));
      companies.push({
        company,
        ads: c.ads,
        sentences: Uint32Array.from(sentences),
        values: Uint32Array.from(values),
        shingles: Uint32Array.from(shingles),
        shingleSentences: Uint32Array.from(shingleSentences),
      });
    }
    return { nextSeq: this.nextSeq, representatives, groups: { ids: Uint32Array.from(ids), groupIds: Uint32Array.from(groupIds) }, companies, marks: [...this.marks] };
  }

  async save(changes: DetectorChanges): Promise<void> {
    for (const fp of changes.fingerprints) this.ads.put(fp);
    for (const id of changes.removed) {
      this.groups.delete(id);
      this.similarity.delete(id);
    }
    for (const placement of changes.placements) {
      this.groups.set(placement.id, placement.groupId);
      // Only non-trivial similarities are kept: a representative's is 1.
      if (placement.groupId !== placement.id) this.similarity.set(placement.id, placement.similarity);
      else this.similarity.delete(placement.id);
    }
    for (const delta of changes.companies) {
      let c = this.companies.get(delta.company);
      if (!c) this.companies.set(delta.company, (c = { ads: 0, counts: new U32Map(), shingles: new U32Map() }));
      c.ads = delta.ads;
      delta.sentences.forEach((h, i) => (delta.values[i] ? c.counts.set(h, delta.values[i]) : c.counts.delete(h)));
      delta.shingles.forEach((s, i) => c.shingles.set(s, delta.shingleSentences[i]));
    }
    this.marks.push(...changes.marks);
    this.nextSeq = changes.nextSeq;
  }

  async fingerprints(ids: readonly number[]): Promise<Fingerprint[]> {
    return ids.flatMap((id) => {
      const fp = this.ads.get(id);
      return fp ? [fp] : [];
    });
  }

  async clear(): Promise<void> {
    this.ads = new FingerprintTable(this.signatureSize);
    this.groups = new U32Map();
    this.similarity.clear();
    this.companies.clear();
    this.nextSeq = 1;
  }

  /** Each ad's group (its representative's id), for reports. */
  groupOf(id: number): number | undefined {
    const g = this.groups.get(id);
    return g < 0 ? undefined : g;
  }

  similarityOf(id: number): number | undefined {
    return this.groups.get(id) === id ? 1 : this.similarity.get(id);
  }

  get bytes(): number {
    let n = this.ads.bytes + this.groups.bytes + this.similarity.size * 16;
    for (const c of this.companies.values()) n += c.counts.bytes + c.shingles.bytes;
    return n;
  }
}

/** A detector resumed from a store. */
export async function openDetector(store: DuplicateStore, options: Partial<DetectorOptions> = {}): Promise<DuplicateDetector> {
  return DuplicateDetector.restore(await store.load(), options);
}

/** Places orphans again in arrival order: the earliest becomes the new representative. */
function replaceAll(detector: DuplicateDetector, fingerprints: Fingerprint[]): Placement[] {
  return fingerprints.sort((a, b) => a.seq - b.seq).map((fp) => detector.replace(fp));
}

/**
 * Saves the detector's changes, then places any orphans (members whose representative changed or
 * went) again from their now-stored fingerprints, and saves that. Returns each ad's final placement.
 */
async function settle(store: DuplicateStore, detector: DuplicateDetector, placements: Placement[], orphans: number[]): Promise<Placement[]> {
  await store.save(detector.takeChanges());
  const homeless = orphans.filter((id) => !detector.has(id));
  if (homeless.length) {
    placements.push(...replaceAll(detector, await store.fingerprints(homeless)));
    await store.save(detector.takeChanges());
  }
  return [...new Map(placements.map((p) => [p.id, p])).values()];
}

/**
 * New or changed ads, in arrival order: each is placed; a changed ad is taken out first, and if
 * it represented a group its members are placed again. Saves the batch; returns the final
 * placement of every ad that moved (the batch's ads and any members).
 */
export async function detectBatch(store: DuplicateStore, detector: DuplicateDetector, ads: readonly AdText[]): Promise<Placement[]> {
  const orphans: number[] = [];
  const placements = ads.map((ad) => {
    if (detector.has(ad.id)) orphans.push(...detector.remove([ad.id]));
    return detector.add(ad);
  });
  return settle(store, detector, placements, orphans);
}

/** Deleted ads: taken out, their groups' members placed again. */
export async function removeAds(store: DuplicateStore, detector: DuplicateDetector, ids: readonly number[]): Promise<Placement[]> {
  return settle(store, detector, [], detector.remove(ids));
}

/** An admin says a and b are different vacancies; if they shared a group, the later one moves. */
export async function markNotDuplicate(store: DuplicateStore, detector: DuplicateDetector, a: number, b: number): Promise<Placement | null> {
  const [fa, fb] = await store.fingerprints([a, b]);
  if (!fa || !fb) throw new Error(`no fingerprint for ad ${fa ? b : a}`);
  const leaver = detector.markDifferent(fa, fb);
  const placement = leaver === null ? null : detector.replace(leaver === fa.id ? fa : fb);
  await store.save(detector.takeChanges());
  return placement;
}

/**
 * Full rebuild: forgets the stored state (not the marks) and places every ad again, from scratch,
 * in the order given (arrival order: the first ad of each group becomes its representative).
 */
export async function rebuild(
  store: DuplicateStore,
  batches: AsyncIterable<readonly AdText[]> | Iterable<readonly AdText[]>,
  options: Partial<DetectorOptions> = {},
): Promise<DuplicateDetector> {
  const { marks } = await store.load();
  await store.clear();
  const detector = DuplicateDetector.restore({ nextSeq: 1, representatives: [], groups: { ids: new Uint32Array(), groupIds: new Uint32Array() }, companies: [], marks }, options);
  for await (const batch of batches) await detectBatch(store, detector, batch);
  return detector;
}
