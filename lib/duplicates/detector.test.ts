import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readHeader, rowToSourceAd } from "@/lib/import/adzuna-csv";
import { CsvParser } from "@/lib/import/csv-reader";
import { DuplicateDetector } from "./detector";
import type { AdText } from "./fingerprint";
import { MemoryDuplicateStore, detectBatch, markNotDuplicate, openDetector, rebuild, removeAds } from "./store";

// Deterministic filler text: sentence(n) is twelve nonsense words, different for every n, so the
// overlap between two ads is exactly the sentences they share.
function sentence(n: number): string {
  const words: string[] = [];
  let s = Math.imul(n + 1, 0x9e3779b1) >>> 0;
  for (let i = 0; i < 12; i++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    words.push(Array.from({ length: 4 + (s % 4) }, (_, j) => String.fromCharCode(97 + ((s >>> (j * 5)) % 26))).join(""));
  }
  return words.join(" ") + ".";
}
const text = (ns: number[]) => ns.map(sentence).join(" ");
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const ad = (id: number, title: string, sentences: number[], extra: Partial<AdText> = {}): AdText => ({
  id,
  title,
  description: text(sentences),
  company: null,
  location: "Leeds, West Yorkshire",
  salaryRaw: "24000 - 26000/annum",
  ...extra,
});

async function place(ads: AdText[], detector = new DuplicateDetector()) {
  const store = new MemoryDuplicateStore(detector.options.signatureSize);
  await detectBatch(store, detector, ads);
  return { detector, store, group: (id: number) => store.groupOf(id) };
}

describe("the boilerplate discount", () => {
  const about = range(900, 906); // the company's "about us": six sentences on every ad
  const acme = { company: "Acme Care Ltd" };
  const ads = [
    ad(1, "Support Worker", [...range(1, 4), ...about], { ...acme, salaryRaw: "20000 - 22000/annum" }),
    ad(2, "Chef", [...range(10, 13), ...about], { ...acme, salaryRaw: "30000 - 32000/annum" }),
    // Another support-worker post (same title and pay): only the "about us" is shared.
    ad(3, "Support Worker", [...range(20, 23), ...about], { ...acme, salaryRaw: "20000 - 22000/annum", location: "Bradford" }),
    // Ad 1 posted again, a sentence added.
    ad(4, "Support Worker", [...range(1, 4), 50, ...about], { ...acme, salaryRaw: "20000 - 22000/annum" }),
  ];

  it("keeps two jobs of one company apart though they share their 'about us', and groups a repost", async () => {
    const { group, detector, store } = await place(ads);
    expect([group(1), group(2), group(3), group(4)]).toEqual([1, 2, 3, 1]);
    const [one, three] = await store.fingerprints([1, 3]);
    const verdict = detector.verdict(three, one);
    expect(verdict.similarity).toBeLessThan(0.1);
    expect(verdict.refusals).toEqual([expect.stringMatching(/^text: similarity 0\.\d\d too low$/)]);
  });

  it("is what keeps them apart: without it the shared paragraph merges the two jobs", async () => {
    const { group } = await place(ads, new DuplicateDetector({ boilerplateMinJobs: Infinity }));
    expect(group(3)).toBe(1);
  });
});

describe("title and pay evidence", () => {
  const template = range(30, 42); // one agency's template: identical text, another post
  it("refuses another registration, shift or pay band, and says why", async () => {
    const ads = [
      ad(1, "RGN Nurse", template, { salaryRaw: "28000 per annum" }),
      ad(2, "RMN Nurse", template, { salaryRaw: "28000 per annum" }),
      ad(3, "Staff Nurse Days", template, { salaryRaw: "30000 per annum" }),
      ad(4, "Staff Nurse Nights", template, { salaryRaw: "30000 per annum" }),
      ad(5, "Staff Nurse", template, { salaryRaw: "22464 per annum" }),
      ad(6, "Staff Nurse", template, { salaryRaw: "24336 per annum" }),
      ad(7, "Staff Nurse", template, { salaryRaw: "24336 per annum", location: "York" }), // ad 6 for another town
    ];
    const { group, detector, store } = await place(ads);
    expect(ads.map((a) => group(a.id))).toEqual([1, 2, 3, 4, 5, 6, 6]);
    const fp = await store.fingerprints([1, 2, 3, 4, 5, 6]);
    const reasons = (a: number, b: number) => detector.verdict(fp[a - 1], fp[b - 1]).refusals;
    expect(reasons(2, 1)).toEqual(["registration: rmn vs rgn"]);
    expect(reasons(4, 3)).toEqual(["shift: night vs day"]);
    expect(reasons(6, 5)).toEqual(["pay: £24,336 vs £22,464"]);
    expect(detector.verdict(fp[1], fp[0]).similarity).toBe(1);
  });
});

describe("grouping", () => {
  it("does not chain: C close to B, B close to A, C not close to A → C is not in A's group", async () => {
    // Windows of 20 sentences: B shifted 3 from A, C shifted 4 from B (7 from A).
    const a = ad(1, "Care Coordinator", range(100, 120), { salaryRaw: null });
    const b = ad(2, "Care Coordinator Rota", range(103, 123), { salaryRaw: null });
    const c = ad(3, "Care Coordinator Rota", range(107, 127), { salaryRaw: null });
    const { group, detector, store } = await place([a, b, c]);
    const [fa, fb, fc] = await store.fingerprints([1, 2, 3]);
    expect(detector.verdict(fb, fa).duplicate).toBe(true);
    expect(detector.verdict(fc, fb).duplicate).toBe(true);
    expect(detector.verdict(fc, fa).duplicate).toBe(false);
    expect([group(1), group(2), group(3)]).toEqual([1, 1, 3]);
  });

  it("respects 'not a duplicate': the later ad leaves and cannot come back; the mark is kept", async () => {
    const job = range(60, 72);
    const { detector, store, group } = await place([ad(1, "Cook", job), ad(2, "Cook", job), ad(3, "Cook", [...job, 99])]);
    expect([group(1), group(2), group(3)]).toEqual([1, 1, 1]);

    expect(await markNotDuplicate(store, detector, 3, 2)).toMatchObject({ id: 3, groupId: 3 });
    expect([group(1), group(2), group(3)]).toEqual([1, 1, 3]);

    const resumed = await openDetector(store);
    await detectBatch(store, resumed, [ad(3, "Cook", [...job, 98])]); // ad 3 edited, placed again
    expect(group(3)).toBe(3);
    await detectBatch(store, resumed, [ad(4, "Cook", job)]);
    expect(group(4)).toBe(1);
  });

  it("places the members again when their representative changes", async () => {
    const job = range(60, 72);
    const { detector, store, group } = await place([ad(1, "Cook", job), ad(2, "Cook", [...job, 80]), ad(3, "Cook", [...job, 81])]);
    expect([group(1), group(2), group(3)]).toEqual([1, 1, 1]);
    const placements = await detectBatch(store, detector, [ad(1, "Cook", range(300, 312))]);
    expect(placements.map((p) => [p.id, p.groupId])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
    ]);
  });

  it("places a member edited in the same batch as its representative from its new text", async () => {
    const job = range(60, 72);
    const { detector, store, group } = await place([ad(1, "Cook", job), ad(2, "Cook", [...job, 80])]);
    await detectBatch(store, detector, [ad(2, "Cook", [...job, 81]), ad(1, "Cook", range(300, 312))]);
    expect([group(1), group(2)]).toEqual([1, 2]);
    expect((await store.fingerprints([2]))[0].seq).toBe(3); // ad 2's new fingerprint, stored
    await detectBatch(store, detector, [ad(3, "Cook", [...job, 81])]);
    expect(group(3)).toBe(2);
  });

  it("places the members again when their representative is deleted", async () => {
    const job = range(60, 72);
    const { detector, store, group } = await place([ad(1, "Cook", job), ad(2, "Cook", [...job, 80]), ad(3, "Cook", [...job, 81])]);
    await removeAds(store, detector, [1]);
    expect([group(1), group(2), group(3)]).toEqual([undefined, 2, 2]);
  });
});

// Realistic input: the shared generator's reposts and company boilerplate (when the data is here).
const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
function synthAds(rows: number): AdText[] {
  const csv = execFileSync("node", [SYNTH, "--rows", String(rows), "--seed", "3", "--dups", "0.3"], { maxBuffer: 64 << 20 });
  const parser = new CsvParser();
  parser.push(csv);
  parser.end();
  const [head, ...records] = parser.records;
  const header = readHeader(head.fields);
  if (!header.ok) throw new Error(header.message);
  return records.flatMap((r) => {
    const { ad } = rowToSourceAd(r.fields, header, "synth.csv", r.line);
    return ad ? [{ id: ad.externalId, title: ad.title, description: ad.description, company: ad.company, location: ad.locationRaw, salaryRaw: ad.salaryRaw }] : [];
  });
}

describe.skipIf(!existsSync(SYNTH))("incremental detection", () => {
  const ads = synthAds(1500);
  const batches = (size: number) => Array.from({ length: Math.ceil(ads.length / size) }, (_, i) => ads.slice(i * size, (i + 1) * size));

  it("gives the same groups as one pass from scratch, resumed from the store between batches", async () => {
    const once = await place(ads);
    const store = new MemoryDuplicateStore(once.detector.options.signatureSize);
    for (const batch of batches(100)) await detectBatch(store, await openDetector(store), batch);
    const differences = ads.filter((a) => store.groupOf(a.id) !== once.group(a.id));
    expect(differences).toEqual([]);
    expect(new Set(ads.map((a) => once.group(a.id))).size).toBeLessThan(ads.length * 0.8); // reposts were grouped
  });

  it("rebuild forgets the stored state and gives the from-scratch groups", async () => {
    const once = await place(ads);
    const store = new MemoryDuplicateStore(once.detector.options.signatureSize);
    await detectBatch(
      store,
      new DuplicateDetector(),
      ads.slice(0, 300).map((a) => ({ ...a, description: a.description + " Edited." })),
    );
    await rebuild(store, batches(250));
    expect(ads.filter((a) => store.groupOf(a.id) !== once.group(a.id))).toEqual([]);
  });
});
