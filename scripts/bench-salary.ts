// npx tsx scripts/bench-salary.ts — how good and how fast the salary model is (lib/salary).
//
//   1. Accuracy, on the real sample (../shared/data/adzuna/Train_rev1_sample.csv, 2,499 ads):
//      5-fold cross-validation with folds grouped so copies of an ad (the app's near-duplicate
//      groups: lib/duplicates, as an import forms them) never straddle train and test. Reports MAE and median absolute error of the model
//      and, in the same folds, of the baseline "median salary of the training ads with the same
//      category and region (category alone when fewer than 3)"; the 80% interval's coverage;
//      errors by category. Goals: MAE ≤ £4,500 and ≤ 0.5 × the baseline; coverage 77–83%.
//   2. Scale, on 250,000 synthetic ads (../shared/tools/adzuna-synth.mjs, written to /tmp once):
//      in a fresh process, training time (goal ≤ 60 s), peak RSS, and the time to estimate the
//      ads of a held-back fifth (treated as salary-less).
//
// Options: --cv-only, --scale-only, --rows N (scale run), --folds K, --seed S (first fold seed),
//          --repeats R (fold assignments, seeds S..S+R-1; default 3),
//          --train '{"epochs":4,...}' (TrainOptions for both runs, to try settings),
//          --heap MB (old-space cap of the scale run, default 128),
//          --groups FILE (Id,Group CSV: duplicate groups from elsewhere instead of the shingle grouping).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DuplicateDetector, type AdText } from "@/lib/duplicates";
import { normaliseCategory } from "@/lib/import/categories";
import { adzunaRecords } from "./adzuna-file";
import { LocationResolver, toTreeNodes, type TreeNode } from "@/lib/locations/resolve";
import { parseLocationTree } from "@/lib/locations/tree";
import { CategoryRegionMedian } from "@/lib/salary/baseline";
import { intervalCoverage } from "@/lib/salary/conformal";
import { regionOf } from "@/lib/salary/features";
import { groupedFolds } from "@/lib/salary/folds";
import { absoluteErrors, mean, median } from "@/lib/salary/metrics";
import { SalaryEstimator } from "@/lib/salary/model";
import { deserialiseModel, serialiseModel } from "@/lib/salary/serialise";
import { isUsableSalary, trainSalaryModel, type TrainingRow, type TrainOptions } from "@/lib/salary/train";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
const ROWS = Number(opt("--rows") ?? 250_000);
const FOLDS = Number(opt("--folds") ?? 5);
const REPEATS = Number(opt("--repeats") ?? 3);
const SEED = Number(opt("--seed") ?? 1);
const TRAIN: TrainOptions = JSON.parse(opt("--train") ?? "{}");
const HEAP_MB = Number(opt("--heap") ?? 128);

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pounds = (n: number) => `£${fmt(n)}`;
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;

type Row = TrainingRow & { id: number; region: string | null; duplicateText?: AdText };

// ---------------------------------------------------------------------------------------------
// Reading Adzuna CSVs into training rows, the location resolved as the importer does.

function treeResolver(): { resolver: LocationResolver; nodes: TreeNode[] } {
  const nodes = toTreeNodes(parseLocationTree(readFileSync("seeds/location-tree.csv", "utf8")));
  return { resolver: new LocationResolver(nodes), nodes };
}

async function* readAdzuna(file: string, tree = treeResolver(), withDuplicateText = false): AsyncGenerator<Row> {
  const { resolver, nodes } = tree;
  // The app stores each ad's location once, at import; here it is resolved per read, so remember it.
  const paths = new Map<string, string | null>();
  for await (const { fields, header } of adzunaRecords(file)) {
    const c = header.columns;
    const get = (i: number | undefined) => (i === undefined ? null : fields[i]?.trim() || null);
    const raw = get(c.LocationRaw);
    const normalized = get(c.LocationNormalized);
    const key = `${normalized}\u0000${raw}`;
    let locationPath = paths.get(key);
    if (locationPath === undefined) {
      // As the import places it (a country-level answer gives way to a place in the raw text).
      const resolved = resolver.resolveAd(normalized, raw);
      locationPath = resolved ? nodes[resolved.node.id - 1].path : null;
      paths.set(key, locationPath);
    }
    yield {
      id: Number(get(c.Id)),
      title: get(c.Title) ?? "",
      description: get(c.FullDescription) ?? "",
      company: get(c.Company),
      category: normaliseCategory(get(c.Category)),
      contractType: get(c.ContractType),
      contractTime: get(c.ContractTime),
      source: get(c.SourceName),
      locationPath,
      region: regionOf(locationPath),
      salary: Number(get(c.SalaryNormalized)),
      // What the near-duplicate detector reads, as the import gives it (lib/ads/duplicate-store.ts adTextOf).
      duplicateText: withDuplicateText
        ? {
            id: Number(get(c.Id)),
            title: get(c.Title) ?? "",
            description: get(c.FullDescription) ?? "",
            company: get(c.Company),
            location: [normalized, raw].filter(Boolean).join(", "),
            salaryRaw: get(c.SalaryRaw),
            salaryAnnual: Number(get(c.SalaryNormalized)) || null,
          }
        : undefined,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Grouped cross-validation on the real sample.

type Predictions = { model: Float64Array; low: Float64Array; high: Float64Array; baseline: Float64Array; foldLines: string[]; seconds: number };

// One 5-fold run: every ad predicted by a model and a baseline that never saw its group.
async function runFolds(rows: Row[], groups: Int32Array, foldSeed: number): Promise<Predictions> {
  const folds = groupedFolds(groups, FOLDS, foldSeed);
  const n = rows.length;
  const out: Predictions = { model: new Float64Array(n), low: new Float64Array(n), high: new Float64Array(n), baseline: new Float64Array(n), foldLines: [], seconds: 0 };
  const actual = Float64Array.from(rows, (r) => r.salary);
  const t = performance.now();
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.flatMap((r, i) => (folds[i] === f ? [] : [{ ...r, group: groups[i] }]));
    const testIdx = rows.map((_, i) => i).filter((i) => folds[i] === f);
    const m = await trainSalaryModel(() => train, { seed: foldSeed, ...TRAIN });
    const estimator = new SalaryEstimator(m);
    const base = new CategoryRegionMedian(train);
    for (const i of testIdx) {
      const e = estimator.estimate(rows[i]);
      out.model[i] = e.salary;
      out.low[i] = e.low;
      out.high[i] = e.high;
      out.baseline[i] = base.predict(rows[i].category, rows[i].region);
    }
    const pick = (xs: Float64Array) => testIdx.map((i) => xs[i]);
    out.foldLines.push(
      `  fold ${f + 1}: ${fmt(testIdx.length)} test ads, model MAE ${pounds(mean(absoluteErrors(pick(actual), pick(out.model))))}, baseline ${pounds(mean(absoluteErrors(pick(actual), pick(out.baseline))))}, coverage ${fmt(100 * intervalCoverage(pick(actual), pick(out.low), pick(out.high)), 1)}%, interval ±${fmt(100 * (Math.exp(m.interval.logHalfWidth) - 1), 0)}%`,
    );
  }
  out.seconds = (performance.now() - t) / 1000;
  return out;
}

async function crossValidate() {
  const rows: Row[] = [];
  for await (const r of readAdzuna(SAMPLE, treeResolver(), true)) rows.push(r);
  const groupsFile = opt("--groups");
  let groups: Int32Array;
  const t = performance.now();
  if (groupsFile) {
    const byId = new Map(
      readFileSync(groupsFile, "utf8")
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(",").map(Number) as [number, number]),
    );
    groups = Int32Array.from(rows, (r) => byId.get(r.id) ?? -r.id);
  } else {
    // The app's near-duplicate groups (issue "Near-duplicate ads"): the detector over the ads in
    // file order, as an import meets them; an ad's group is its representative's id.
    const detector = new DuplicateDetector();
    groups = Int32Array.from(rows, (r) => detector.add(r.duplicateText!).groupId);
  }
  const groupMs = performance.now() - t;
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const multi = [...sizes.values()].filter((n) => n > 1);
  console.log(
    `Real sample: ${fmt(rows.length)} ads, ${fmt(sizes.size)} groups (${fmt(multi.length)} of 2+ ads holding ${fmt(multi.reduce((a, b) => a + b, 0))} ads; largest ${Math.max(...sizes.values())}), grouped in ${fmt(groupMs)} ms`,
  );

  const actual = Float64Array.from(rows, (r) => r.salary);
  const runs: Predictions[] = [];
  for (let r = 0; r < REPEATS; r++) runs.push(await runFolds(rows, groups, SEED + r));

  // The first run in detail.
  const { model, low, high, baseline, foldLines, seconds } = runs[0];
  const me = absoluteErrors(actual, model);
  const be = absoluteErrors(actual, baseline);
  console.log(`\n${FOLDS}-fold grouped cross-validation, fold seed ${SEED} (${fmt(seconds, 1)} s for ${FOLDS} models):`);
  console.log(foldLines.join("\n"));
  console.log(`\n                      MAE        median abs. error`);
  console.log(`  model          ${pounds(mean(me)).padStart(9)}   ${pounds(median(me)).padStart(9)}`);
  console.log(`  baseline       ${pounds(mean(be)).padStart(9)}   ${pounds(median(be)).padStart(9)}`);
  console.log(`  model / baseline: ${fmt(mean(me) / mean(be), 3)} (goal ≤ 0.5); MAE goal ≤ £4,500`);
  const ratio = Float64Array.from(rows, (_, i) => high[i] / low[i]);
  console.log(
    `  80% interval coverage: ${fmt(100 * intervalCoverage(actual, low, high), 1)}% (goal 77–83%); median width ${pounds(median(Float64Array.from(rows, (_, i) => high[i] - low[i])))}, high/low ${fmt(median(ratio), 2)}`,
  );

  console.log(`\nBy category (n ≥ 5; the rest pooled):`);
  console.log(`  ${"category".padEnd(30)} ${"n".padStart(5)} ${"model MAE".padStart(10)} ${"baseline".padStart(10)} ${"coverage".padStart(9)}`);
  const cats = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = r.category ?? "(none)";
    cats.set(k, [...(cats.get(k) ?? []), i]);
  });
  const other: number[] = [];
  const line = (label: string, idx: number[]) => {
    const p = (xs: Float64Array) => idx.map((i) => xs[i]);
    console.log(
      `  ${label.padEnd(30)} ${fmt(idx.length).padStart(5)} ${pounds(mean(absoluteErrors(p(actual), p(model)))).padStart(10)} ${pounds(mean(absoluteErrors(p(actual), p(baseline)))).padStart(10)} ${`${fmt(100 * intervalCoverage(p(actual), p(low), p(high)), 0)}%`.padStart(9)}`,
    );
  };
  for (const [k, idx] of [...cats].sort((a, b) => b[1].length - a[1].length)) {
    if (idx.length >= 5) line(k, idx);
    else other.push(...idx);
  }
  if (other.length) line("(other categories, pooled)", other);

  if (runs.length > 1) {
    // Which groups share a fold moves MAE by ~£100: the same models on other fold assignments.
    console.log(`\nRepeated with ${runs.length} fold assignments (seeds ${SEED}–${SEED + runs.length - 1}):`);
    const stats = runs.map((r) => {
      const e = absoluteErrors(actual, r.model);
      const b = absoluteErrors(actual, r.baseline);
      return { mae: mean(e), med: median(e), base: mean(b), baseMed: median(b), cov: intervalCoverage(actual, r.low, r.high) };
    });
    stats.forEach((x, i) =>
      console.log(
        `  seed ${SEED + i}: model MAE ${pounds(x.mae)} (median ${pounds(x.med)}), baseline ${pounds(x.base)} (median ${pounds(x.baseMed)}), ratio ${fmt(x.mae / x.base, 3)}, coverage ${fmt(100 * x.cov, 1)}%`,
      ),
    );
    const avg = (k: keyof (typeof stats)[number]) => mean(stats.map((x) => x[k]));
    console.log(
      `  mean:   model MAE ${pounds(avg("mae"))} (median ${pounds(avg("med"))}), baseline ${pounds(avg("base"))} (median ${pounds(avg("baseMed"))}), ratio ${fmt(avg("mae") / avg("base"), 3)}, coverage ${fmt(100 * avg("cov"), 1)}%`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Scale: train on 250,000 synthetic ads in a child process (so its peak RSS is training's own).

function synthFile(rows: number): string {
  const file = `/tmp/ads-${rows}-s1.csv`;
  if (!existsSync(file) || statSync(file).size === 0) {
    console.log(`Writing ${fmt(rows)} synthetic ads to ${file}…`);
    execFileSync("sh", ["-c", `node '${SYNTH}' --rows ${rows} --seed 1 > '${file}'`], { stdio: "inherit" });
  }
  return file;
}

async function scaleChild(file: string) {
  const tree = treeResolver();
  // Every fifth ad is treated as salary-less: held back from training, estimated at the end.
  const isUnsalaried = (r: Row) => r.id % 5 === 0;
  const source = async function* () {
    for await (const r of readAdzuna(file, tree)) if (!isUnsalaried(r) && isUsableSalary(r.salary)) yield r;
  };
  // The app knows how many ads have a salary (COUNT(*)); here that takes a pass of its own.
  const tc = performance.now();
  let rowCount = 0;
  for await (const _ of source()) rowCount++;
  const countSeconds = (performance.now() - tc) / 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const model = await trainSalaryModel(source, {
    seed: SEED,
    rowCount,
    ...TRAIN,
    onProgress: (p) => console.log(`    ${p.phase} ${p.epoch ? `epoch ${p.epoch}` : ""}: ${fmt(p.rows)} rows, ${fmt((performance.now() - t0) / 1000, 1)} s`),
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssAfterTraining = process.resourceUsage().maxRSS;
  const mem = process.memoryUsage();

  const buffer = serialiseModel(model);
  const estimator = new SalaryEstimator(deserialiseModel(buffer));
  let estimated = 0;
  let readSeconds = 0;
  let estimateSeconds = 0;
  const errors: number[] = [];
  let covered = 0;
  let t = performance.now();
  for await (const r of readAdzuna(file, tree)) {
    if (!isUnsalaried(r)) continue;
    const t1 = performance.now();
    readSeconds += (t1 - t) / 1000;
    const e = estimator.estimate(r);
    t = performance.now();
    estimateSeconds += (t - t1) / 1000;
    estimated++;
    errors.push(Math.abs(e.salary - r.salary));
    if (r.salary >= e.low && r.salary <= e.high) covered++;
  }
  const result = {
    trainAds: model.trainingAds,
    calibrationAds: model.calibrationAds,
    countSeconds,
    epochs: model.training.epochs,
    trainSeconds,
    trainCpuSeconds,
    heapUsedMb: mem.heapUsed / 1048576,
    arrayBuffersMb: mem.arrayBuffers / 1048576,
    rssAfterTrainingKb: rssAfterTraining,
    peakRssKb: process.resourceUsage().maxRSS,
    modelBytes: buffer.length,
    estimated,
    estimateSeconds,
    readSeconds,
    mae: mean(errors),
    coverage: covered / estimated,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

function scale() {
  const file = synthFile(ROWS);
  console.log(`\nScale: ${fmt(ROWS)} synthetic ads (${fmt(statSync(file).size / 1048576)} MB), training in a fresh process (a fifth held back as salary-less):`);
  // Old-space capped as `npm run import` caps it: V8 otherwise grows the heap long before it collects.
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", "scripts/bench-salary.ts", "--scale-child", file, "--seed", String(SEED), "--train", JSON.stringify(TRAIN)],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const out = r.stdout ?? "";
  for (const l of out.split("\n")) if (l && !l.startsWith("RESULT ")) console.log(l);
  const m = /^RESULT (.*)$/m.exec(out);
  if (r.status !== 0 || !m) throw new Error(`scale run failed (exit ${r.status})`);
  const x = JSON.parse(m[1]);
  console.log(`  counted the ads with a salary in ${fmt(x.countSeconds, 1)} s (a pass of its own here; the app has COUNT(*))`);
  console.log(
    `  trained on ${fmt(x.trainAds)} ads (+${fmt(x.calibrationAds)} calibration), ${x.epochs} epoch(s), in ${fmt(x.trainSeconds, 1)} s wall, ${fmt(x.trainCpuSeconds, 1)} s CPU (goal ≤ 60 s); peak RSS ${mb(x.rssAfterTrainingKb)} after training, ${mb(x.peakRssKb)} overall (heap in use ${fmt(x.heapUsedMb)} MB, typed arrays ${fmt(x.arrayBuffersMb)} MB)`,
  );
  console.log(`  model ${fmt(x.modelBytes / 1048576, 1)} MB serialised`);
  console.log(
    `  estimated ${fmt(x.estimated)} salary-less ads in ${fmt(x.estimateSeconds, 2)} s (${fmt((1e6 * x.estimateSeconds) / x.estimated, 1)} µs/ad; reading them ${fmt(x.readSeconds, 1)} s more)`,
  );
  console.log(
    `  on them: MAE ${pounds(x.mae)}, 80% interval coverage ${fmt(100 * x.coverage, 1)}% (synthetic salaries are a real ad's ±20%, so this is a sanity check, not a measure)`,
  );
}

const child = opt("--scale-child");
if (child) await scaleChild(child);
else {
  if (!args.includes("--scale-only")) await crossValidate();
  if (!args.includes("--cv-only")) scale();
}
