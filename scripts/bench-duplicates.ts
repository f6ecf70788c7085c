// npx tsx scripts/bench-duplicates.ts [--rows 250000] [--seed 7] — the near-duplicate detector
// (lib/duplicates) against ground truth, with baselines in the same run, and on the real sample.
//
//   1. writes --rows synthetic ads with ../shared/tools/adzuna-synth.mjs --dups 0.3 (30% are light
//      reposts of an earlier ad; companies carry a shared "about us" paragraph) and the truth file,
//      into the OS temp folder (kept: the generator is seeded);
//   2. streams the CSV through the repo's reader and runs the detector from scratch over every ad
//      in file order (batches of 1,000 into the in-memory store, as an import would);
//   3. scores the groups against the truth: pairwise precision and recall (pairs of ads in the same
//      group), groups, largest group, detection wall time, memory;
//   4. the same for the engine without each of its parts, and for the baselines: plain MinHash
//      Jaccard ≥ 0.7 without chaining, and ≥ 0.7 / ≥ 0.5 grouped transitively (union-find);
//   5. on the real sample (2,499 ads, no truth): groups, the largest, ten groups to check by eye,
//      and pairs at whole-text Jaccard 0.7–0.9 the detector refused, with its reasons.
// --rows 20000 is the quick mode; --banding measures LSH candidate recall for several bandings;
// --threshold 0.55 runs the engine with another score threshold.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { rowToSourceAd } from "@/lib/import/adzuna-csv";
import { adzunaRecords } from "./adzuna-file";
import { DuplicateDetector, type DetectorOptions } from "@/lib/duplicates/detector";
import { describe, titlePayKey, type AdText } from "@/lib/duplicates/fingerprint";
import { DEFAULT_BANDING, MinHasher, bandKeys, estimateJaccard, type Banding } from "@/lib/duplicates/minhash";
import { MemoryDuplicateStore, detectBatch } from "@/lib/duplicates/store";
import { U32MultiMap } from "@/lib/duplicates/tables";
import { distinct, jaccard, shingles, words } from "@/lib/duplicates/text";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg("--rows", "250000"));
const BANDING_MODE = process.argv.includes("--banding");
const THRESHOLD = process.argv.includes("--threshold") ? { threshold: Number(arg("--threshold", "")) } : {};
const SEED = Number(arg("--seed", "7"));
const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
const BATCH = 1000;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1048576)} MB`;

function synthFiles(rows: number, seed: number): { csv: string; truth: string } {
  const dir = path.join(os.tmpdir(), "rd-bench-duplicates");
  mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `dup-${rows}-s${seed}.csv`),
    truth = path.join(dir, `dup-${rows}-s${seed}-truth.csv`);
  if (!(existsSync(csv) && existsSync(truth) && statSync(csv).size > 0)) {
    console.log(`Generating ${fmt(rows)} ads (30% reposts)…`);
    execFileSync("sh", ["-c", `node "${SYNTH}" --rows ${rows} --seed ${seed} --dups 0.3 --truth "${truth}" > "${csv}"`], { stdio: "inherit" });
  }
  return { csv, truth };
}

/** The CSV's ads in batches, through the import's own reader. */
async function* adBatches(file: string): AsyncGenerator<AdText[]> {
  let batch: AdText[] = [];
  for await (const { fields, line, header } of adzunaRecords(file)) {
    const { ad } = rowToSourceAd(fields, header, file, line);
    if (!ad) continue;
    batch.push({
      id: ad.externalId,
      title: ad.title,
      description: ad.description,
      company: ad.company,
      location: [ad.locationNormalized, ad.locationRaw].filter(Boolean).join(", "),
      salaryRaw: ad.salaryRaw,
      salaryAnnual: ad.salaryNormalized ? Number(ad.salaryNormalized) : null,
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

type Grouping = Map<number, number>; // ad id → group id

// Each ad's company (an index; 0 = none), to count the false pairs the boilerplate discount is for.
const companyOf = new Map<number, number>();
const companyIds = new Map<string, number>();
function noteCompany(ad: AdText) {
  const name = ad.company?.trim().toLowerCase();
  if (!name) return;
  if (!companyIds.has(name)) companyIds.set(name, companyIds.size + 1);
  companyOf.set(ad.id, companyIds.get(name)!);
}

/**
 * Pairwise precision and recall of predicted groups against true groups, over the same ads, and
 * how many of the false pairs are two ads of one company (different jobs sharing its boilerplate).
 */
function score(predicted: Grouping, truth: Grouping) {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const sizes = (g: Grouping) => {
    const m = new Map<number, number>();
    for (const v of g.values()) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  };
  const both = new Map<string, number>();
  for (const [id, p] of predicted) {
    const key = `${p}:${truth.get(id) ?? id}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let tp = 0,
    predictedPairs = 0,
    truePairs = 0;
  for (const n of both.values()) tp += pairs(n);
  const predictedSizes = sizes(predicted);
  for (const n of predictedSizes.values()) predictedPairs += pairs(n);
  for (const n of sizes(truth).values()) truePairs += pairs(n);
  const byCompany = new Map<string, number>(),
    byCompanyTruth = new Map<string, number>();
  for (const [id, p] of predicted) {
    const c = companyOf.get(id);
    if (!c) continue;
    byCompany.set(`${p}:${c}`, (byCompany.get(`${p}:${c}`) ?? 0) + 1);
    const k = `${p}:${c}:${truth.get(id) ?? id}`;
    byCompanyTruth.set(k, (byCompanyTruth.get(k) ?? 0) + 1);
  }
  let sameCompanyFalse = 0;
  for (const n of byCompany.values()) sameCompanyFalse += pairs(n);
  for (const n of byCompanyTruth.values()) sameCompanyFalse -= pairs(n);
  return {
    precision: predictedPairs ? tp / predictedPairs : 1,
    recall: truePairs ? tp / truePairs : 1,
    falsePairs: predictedPairs - tp,
    sameCompanyFalse,
    groups: [...predictedSizes.values()].filter((n) => n > 1).length,
    largest: [...predictedSizes.values()].reduce((a, b) => Math.max(a, b), 0),
  };
}

function readTruth(file: string): Grouping {
  const truth: Grouping = new Map();
  for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
    if (!line) continue;
    const [id, of] = line.split(",").map(Number);
    truth.set(id, of);
    truth.set(of, of);
  }
  return truth;
}

/** Runs the detector from scratch over the file; returns each ad's group and the costs. */
async function runEngine(file: string, options: Partial<DetectorOptions> = {}) {
  const detector = new DuplicateDetector(options);
  const store = new MemoryDuplicateStore(detector.options.signatureSize);
  const groups: Grouping = new Map();
  let seconds = 0,
    cpu = 0;
  for await (const batch of adBatches(file)) {
    const t = performance.now(),
      c = process.cpuUsage();
    const placements = await detectBatch(store, detector, batch);
    seconds += (performance.now() - t) / 1000;
    const used = process.cpuUsage(c);
    cpu += (used.user + used.system) / 1e6;
    for (const p of placements) groups.set(p.id, p.groupId);
    batch.forEach(noteCompany);
  }
  return { groups, seconds, cpu, detector, store };
}

/**
 * The baseline: plain MinHash over the whole text (no boilerplate discount, no title or pay), every
 * ad indexed, candidates at estimated Jaccard ≥ 0.7 joined transitively (union-find).
 */
async function runUnionFind(file: string, threshold = 0.7) {
  const hasher = new MinHasher();
  const index = new U32MultiMap();
  const ids: number[] = [];
  let signatures = new Uint32Array(1 << 20);
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let seconds = 0,
    cpu = 0;
  const keys = new Uint32Array(DEFAULT_BANDING.bands);
  for await (const batch of adBatches(file)) {
    const t = performance.now(),
      c = process.cpuUsage();
    for (const ad of batch) {
      const n = ids.length;
      if ((n + 1) * hasher.size > signatures.length) {
        const grown = new Uint32Array(signatures.length * 2);
        grown.set(signatures);
        signatures = grown;
      }
      const sig = hasher.signature(shingles(words(ad.description).hashes), signatures.subarray(n * hasher.size, (n + 1) * hasher.size));
      ids.push(ad.id);
      parent.push(n);
      for (const key of bandKeys(sig, DEFAULT_BANDING, keys)) {
        index.forEach(key, (other) => {
          if (find(other) !== find(n) && estimateJaccard(sig, signatures.subarray(other * hasher.size, (other + 1) * hasher.size)) >= threshold) parent[find(n)] = find(other);
        });
        index.add(key, n);
      }
    }
    seconds += (performance.now() - t) / 1000;
    const used = process.cpuUsage(c);
    cpu += (used.user + used.system) / 1e6;
  }
  const groups: Grouping = new Map(ids.map((id, i) => [id, ids[find(i)]]));
  return { groups, seconds, cpu, bytes: signatures.byteLength + index.bytes + parent.length * 8 };
}

function line(label: string, r: ReturnType<typeof score>, seconds: number, cpu: number, extra = "") {
  return (
    `${label.padEnd(42)} precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  false pairs ${fmt(r.falsePairs).padStart(9)} (one company ${fmt(r.sameCompanyFalse).padStart(7)})  ` +
    `groups ${fmt(r.groups).padStart(6)}  largest ${fmt(r.largest).padStart(5)}  time ${fmt(seconds, 1).padStart(4)} s (CPU ${fmt(cpu, 1)} s)${extra}`
  );
}

/** How many reposts share an LSH band with their original, and candidates per ad, per banding. */
async function measureBandings(file: string, truth: Grouping) {
  const hasher = new MinHasher();
  const ids: number[] = [];
  const sigs: Uint32Array[] = [];
  const titlePay: number[] = [];
  for await (const batch of adBatches(file))
    for (const ad of batch) {
      ids.push(ad.id);
      sigs.push(hasher.signature(shingles(words(ad.description).hashes)));
      titlePay.push(titlePayKey(describe(ad)));
    }
  const at = new Map(ids.map((id, i) => [id, i]));
  console.log(`LSH bandings over whole-text signatures (${hasher.size} slots), ${fmt(ids.length)} ads:`);
  for (const banding of [
    { bands: 8, rows: 8 },
    { bands: 10, rows: 6 },
    { bands: 12, rows: 5 },
    { bands: 16, rows: 4 },
    { bands: 21, rows: 3 },
    { bands: 32, rows: 2 },
  ] as Banding[]) {
    const index = new U32MultiMap();
    const seen = new Int32Array(ids.length).fill(-1);
    let candidates = 0,
      found = 0,
      foundEither = 0,
      reposts = 0;
    const keys = new Uint32Array(banding.bands);
    sigs.forEach((sig, n) => {
      const original = at.get(truth.get(ids[n]) ?? ids[n])!;
      let hit = false;
      for (const key of bandKeys(sig, banding, keys)) {
        index.forEach(key, (other) => {
          if (seen[other] === n) return;
          seen[other] = n;
          candidates++;
          if (other === original) hit = true;
        });
        index.add(key, n);
      }
      if (original !== n) {
        reposts++;
        if (hit) found++;
        if (hit || (titlePay[n] && titlePay[n] === titlePay[original])) foundEither++;
      }
    });
    const midpoint = Math.pow(1 / banding.bands, 1 / banding.rows);
    console.log(
      `  ${banding.bands}×${banding.rows} (S-curve midpoint ${midpoint.toFixed(2)}): reposts found ${((100 * found) / reposts).toFixed(1)}% (with the title/pay index ${((100 * foundEither) / reposts).toFixed(1)}%)  candidates per ad ${fmt(candidates / ids.length, 1)}  index ${mb(index.bytes)}`,
    );
  }
}

const { csv, truth: truthFile } = synthFiles(ROWS, SEED);
const truth = readTruth(truthFile);
console.log(`${fmt(ROWS)} synthetic ads (${csv}), ${fmt(truth.size)} of them in ${fmt(new Set(truth.values()).size)} true groups of reposts\n`);
if (BANDING_MODE) {
  await measureBandings(csv, truth);
  process.exit(0);
}

const withTruth = (g: Grouping) => new Map([...g.keys()].map((id) => [id, truth.get(id) ?? id]));
const engine = await runEngine(csv, THRESHOLD);
const rss = process.resourceUsage().maxRSS * 1024;
const memory = process.memoryUsage();
const st = engine.detector.stats();
console.log(
  line(`engine${THRESHOLD.threshold ? ` (threshold ${THRESHOLD.threshold})` : ""}`, score(engine.groups, withTruth(engine.groups)), engine.seconds, engine.cpu) +
    `\n${"".padEnd(42)} detector state ${mb(st.bytes.total)}: ${fmt(st.representatives)} representatives ${mb(st.bytes.representatives)}, LSH index ${mb(st.bytes.lshIndex)}, ` +
    `title/pay index ${mb(st.bytes.titlePayIndex)}, groups ${mb(st.bytes.groups)}, ${fmt(st.companies)} companies ${mb(st.bytes.companies)} (${fmt(st.boilerplateShingles)} boilerplate shingles)` +
    `\n${"".padEnd(42)} in-memory store ${mb(engine.store.bytes)}; process peak RSS ${mb(rss)} (now: typed arrays ${mb(memory.arrayBuffers)}, JS heap ${mb(memory.heapUsed)} — the evaluation's own maps included)`,
);
await engine.store.clear(); // the baselines' memory is not the engine's

const ablations: [string, Partial<DetectorOptions>][] = [
  ["engine without the boilerplate discount", { boilerplateMinJobs: Infinity }],
  ["engine without title/pay/company/place", { useFields: false }],
  ["engine without either (text alone, 0.6)", { boilerplateMinJobs: Infinity, useFields: false }],
  ["non-chaining MinHash ≥ 0.7 (text alone)", { boilerplateMinJobs: Infinity, useFields: false, threshold: 0.7 }],
];
for (const [label, options] of ablations) {
  const r = await runEngine(csv, options);
  console.log(line(label, score(r.groups, withTruth(r.groups)), r.seconds, r.cpu));
}
for (const threshold of [0.7, 0.5]) {
  const uf = await runUnionFind(csv, threshold);
  console.log(line(`union-find MinHash ≥ ${threshold} (text alone)`, score(uf.groups, withTruth(uf.groups)), uf.seconds, uf.cpu, `  state ${mb(uf.bytes)}`));
}

await realSample();

/** The real sample has no truth: group sizes, groups to read, and refusals with their reasons. */
async function realSample() {
  const ads: AdText[] = [];
  for await (const batch of adBatches(SAMPLE)) ads.push(...batch);
  const byId = new Map(ads.map((a) => [a.id, a]));
  const r = await runEngine(SAMPLE);
  const uf = await runUnionFind(SAMPLE);
  const members = new Map<number, number[]>();
  for (const [id, g] of r.groups) members.set(g, [...(members.get(g) ?? []), id]);
  const groups = [...members.values()].filter((m) => m.length > 1).sort((a, b) => b.length - a.length || a[0] - b[0]);
  const sizes = (g: Grouping) => {
    const m = new Map<number, number>();
    for (const v of g.values()) m.set(v, (m.get(v) ?? 0) + 1);
    const multi = [...m.values()].filter((n) => n > 1);
    return `${fmt(multi.length)} groups of ≥ 2 ads holding ${fmt(multi.reduce((a, b) => a + b, 0))} ads, largest ${Math.max(0, ...multi)}`;
  };
  console.log(`\nReal sample, ${fmt(ads.length)} ads:`);
  console.log(`  engine:                     ${sizes(r.groups)}`);
  console.log(`  union-find MinHash ≥ 0.7:   ${sizes(uf.groups)}`);

  // Ten groups to check by eye: the five largest and five others, evenly spread down the list.
  const rest = groups.slice(5);
  const shown = [...groups.slice(0, 5), ...Array.from({ length: Math.min(5, rest.length) }, (_, i) => rest[Math.floor((i * rest.length) / 5)])];
  const show = (id: number) => {
    const a = byId.get(id)!;
    const similarity = r.groups.get(id) === id ? "rep " : r.store.similarityOf(id)!.toFixed(2);
    return `${id} ${similarity} | ${a.title.slice(0, 45)} | ${a.company ?? "—"} | ${a.salaryRaw ?? "—"} | ${a.description.replace(/\s+/g, " ").slice(0, 80)}`;
  };
  shown.forEach((g, i) => {
    console.log(`\n  group ${i + 1}: ${g.length} ads`);
    for (const id of g.slice(0, 4)) console.log(`    ${show(id)}`);
    if (g.length > 4) console.log(`    … and ${g.length - 4} more`);
  });

  // Pairs at whole-text shingle Jaccard 0.7–0.9 that the detector refuses, and why.
  const sets = ads.map((a) => distinct(shingles(words(a.description).hashes)));
  const holders = new Map<number, number[]>();
  sets.forEach((set, i) => set.forEach((h) => holders.set(h, [...(holders.get(h) ?? []), i])));
  const shared = new Map<number, number>();
  for (const list of holders.values()) {
    if (list.length > 300) continue; // a phrase on hundreds of ads alone cannot make a pair 0.7-similar
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) shared.set(list[x] * 4096 + list[y], (shared.get(list[x] * 4096 + list[y]) ?? 0) + 1);
  }
  const fps = new Map((await r.store.fingerprints(ads.map((a) => a.id))).map((fp) => [fp.id, fp]));
  const refusedBy = new Map<string, string[]>();
  let inRange = 0,
    refused = 0;
  for (const [key, both] of shared) {
    const x = Math.floor(key / 4096),
      y = key % 4096;
    const j = jaccard(sets[x], sets[y]);
    if (j < 0.7 || j >= 0.9) continue;
    inRange++;
    const [a, b] = [ads[x], ads[y]];
    const v = r.detector.verdict(fps.get(b.id)!, fps.get(a.id)!);
    if (v.duplicate || r.groups.get(a.id) === r.groups.get(b.id)) continue;
    refused++;
    const kind = v.refusals[0].split(":")[0];
    const example = `J ${j.toFixed(2)}  ${a.id} "${a.title.slice(0, 40)}" (${a.salaryRaw ?? "—"}) vs ${b.id} "${b.title.slice(0, 40)}" (${b.salaryRaw ?? "—"}): ${v.refusals.join("; ")}`;
    refusedBy.set(kind, [...(refusedBy.get(kind) ?? []), example]);
    void both;
  }
  console.log(`\n  ${fmt(inRange)} pairs at whole-text Jaccard 0.7–0.9; ${fmt(refused)} refused, by first reason:`);
  for (const [kind, examples] of [...refusedBy].sort((p, q) => q[1].length - p[1].length)) {
    console.log(`    ${kind}: ${fmt(examples.length)}`);
    for (const e of examples.slice(0, 3)) console.log(`      ${e}`);
  }
}
