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
//   4. the same for the baselines: plain MinHash Jaccard ≥ 0.7 grouped transitively (union-find),
//      the same without chaining, and the engine without each of its parts;
//   5. on the real sample (2,499 ads, no truth): groups, the largest, ten groups to check by eye,
//      and pairs at whole-text Jaccard 0.7–0.9 the detector refused, with its reasons.
// --rows 20000 is the quick mode; --banding measures LSH candidate recall for several bandings.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readHeader, rowToSourceAd } from "@/lib/import/adzuna-csv";
import { readCsv } from "@/lib/import/csv-reader";
import { DuplicateDetector, type DetectorOptions } from "@/lib/duplicates/detector";
import { MemoryDuplicateStore, detectBatch } from "@/lib/duplicates/store";
import type { AdText } from "@/lib/duplicates/fingerprint";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg("--rows", "250000"));
const SEED = Number(arg("--seed", "7"));
const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
const BATCH = 1000;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1048576)} MB`;

function synthFiles(rows: number, seed: number): { csv: string; truth: string } {
  const dir = path.join(os.tmpdir(), "rd-bench-duplicates");
  mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `dup-${rows}-s${seed}.csv`), truth = path.join(dir, `dup-${rows}-s${seed}-truth.csv`);
  if (!(existsSync(csv) && existsSync(truth) && statSync(csv).size > 0)) {
    console.log(`Generating ${fmt(rows)} ads (30% reposts)…`);
    execFileSync("sh", ["-c", `node "${SYNTH}" --rows ${rows} --seed ${seed} --dups 0.3 --truth "${truth}" > "${csv}"`], { stdio: "inherit" });
  }
  return { csv, truth };
}

/** The CSV's ads in batches, through the import's own reader. */
async function* adBatches(file: string): AsyncGenerator<AdText[]> {
  let header: ReturnType<typeof readHeader> | null = null;
  let batch: AdText[] = [];
  for await (const { records } of readCsv(createReadStream(file))) {
    for (const r of records) {
      if (!header) {
        header = readHeader(r.fields);
        if (!header.ok) throw new Error(header.message);
        continue;
      }
      if (!header.ok) continue;
      const { ad } = rowToSourceAd(r.fields, header, file, r.line);
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
  }
  if (batch.length) yield batch;
}

type Grouping = Map<number, number>; // ad id → group id

/** Pairwise precision and recall of predicted groups against true groups, over the same ads. */
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
  let tp = 0, predictedPairs = 0, truePairs = 0;
  for (const n of both.values()) tp += pairs(n);
  const predictedSizes = sizes(predicted);
  for (const n of predictedSizes.values()) predictedPairs += pairs(n);
  for (const n of sizes(truth).values()) truePairs += pairs(n);
  return {
    precision: predictedPairs ? tp / predictedPairs : 1,
    recall: truePairs ? tp / truePairs : 1,
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
  let seconds = 0, cpu = 0;
  for await (const batch of adBatches(file)) {
    const t = performance.now(), c = process.cpuUsage();
    const placements = await detectBatch(store, detector, batch);
    seconds += (performance.now() - t) / 1000;
    const used = process.cpuUsage(c);
    cpu += (used.user + used.system) / 1e6;
    for (const p of placements) groups.set(p.id, p.groupId);
  }
  return { groups, seconds, cpu, detector, store };
}

const { csv, truth: truthFile } = synthFiles(ROWS, SEED);
const truth = readTruth(truthFile);
console.log(`${fmt(ROWS)} synthetic ads, ${fmt(truth.size)} in ${fmt(new Set(truth.values()).size)} true groups\n`);

const engine = await runEngine(csv);
const rss = process.resourceUsage().maxRSS * 1024;
const withTruth = (g: Grouping) => new Map([...g].map(([id]) => [id, truth.get(id) ?? id]));
const s = score(engine.groups, withTruth(engine.groups));
const st = engine.detector.stats();
console.log(
  `engine      precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  groups ${fmt(s.groups)}  largest ${s.largest}  ` +
    `detection ${fmt(engine.seconds, 1)} s (CPU ${fmt(engine.cpu, 1)} s)  detector ${mb(st.bytes)} (${fmt(st.representatives)} representatives)  store ${mb(engine.store.bytes)}  peak RSS ${mb(rss)}`,
);
