// npm run bench:matching — matching quality and speed against a ground truth built from synthetic ads.
//
//   npm run bench:matching                                   # 250,000 ads, 20,000 candidates, SQLite
//   npm run bench:matching -- --ads 20000 --candidates 2000  # a reduced scale
//   BENCH_POSTGRES_URL=postgresql://… npm run bench:matching -- --postgres
//
// 1. `--ads` synthetic ads (shared/tools/adzuna-synth.mjs, seed 19) are imported with the real CLI
//    (--no-duplicates: the ad import's per-row time is measured without the grouping step).
// 2. `--queries` of them are held out as jobs people have done: for each, one candidate whose CV
//    describes having done it — its title, about 60% of its sentences rewritten (first person, words
//    dropped, order shuffled) and a town near it (same county) — and the rest of the `--candidates`
//    are decoys: 30% share a held-out ad's title with another ad's sentences (the hard case for a
//    title search), 70% describe some other ad. The candidates CSV goes through the real CLI
//    (--kind candidates); its per-row time is compared with the ad import's.
// 3. For each held-out ad: its best candidates (lib/matching) and a baseline in the same run — plain
//    full-text search of the ad's title over the candidates (ranked) — give recall@10 and MRR (of the
//    top 20) for finding its candidate; for each such candidate: its matching roles against plain
//    full-text search of the candidate's current title over the ads (open ads, ranked), correct when
//    the ad (or an ad of its near-duplicate group) is found. p95 latency of a page of 20 matches, each side.
import { createReadStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { loadLocationTree } from "@/lib/locations/load-tree";
import { matchesForAd, matchesForCandidate } from "@/lib/matching/matches";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
import { adzunaRecords } from "./adzuna-file";
import { benchDataDir, benchPgUrl, fmt, percentile, runImportCli, scratchPg, synthFile } from "./bench-support";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ADS = opt("--ads", 250_000);
const CANDIDATES = opt("--candidates", 20_000);
const QUERIES = opt("--queries", Math.min(500, Math.floor(CANDIDATES / 4)));
const SEED = opt("--seed", 19);
const usePg = args.includes("--postgres");
// --reuse: the database of an earlier run at the same scale (SQLite's file; PostgreSQL's when that run had
// --keep or was stopped): skips both imports (no import figures).
const reuse = args.includes("--reuse");

let state = SEED >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const shuffle = <T>(xs: T[]): T[] => {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

type Ad = { id: number; title: string; sentences: string[]; town: string; salary: number };

/** Towns by county (the tree's leaves), for "a town near it". */
async function townsByCounty(): Promise<Map<string, string[]>> {
  const byCounty = new Map<string, string[]>();
  const byTown = new Map<string, string>();
  const lines = readline.createInterface({ input: createReadStream("../shared/data/adzuna/Location_Tree.csv") });
  for await (const line of lines) {
    const p = line.trim().replace(/^"|"$/g, "").split("~");
    if (p.length < 3) continue;
    const county = p.slice(0, -1).join("~");
    const list = byCounty.get(county) ?? [];
    list.push(p[p.length - 1]);
    byCounty.set(county, list);
    byTown.set(p[p.length - 1], county);
  }
  const out = new Map<string, string[]>();
  for (const [town, county] of byTown) out.set(town, byCounty.get(county)!);
  return out;
}

/** A sentence as a person would write it about a job they did: first person, some words dropped. */
function rewrite(sentence: string): string {
  const words = sentence
    .replace(/\b(we are|we're)\b/gi, "I was")
    .replace(/\b(you will|you'll)\b/gi, "I")
    .replace(/\byour\b/gi, "my")
    .split(/\s+/);
  return words.filter(() => rand() > 0.15).join(" ");
}

async function main() {
  const file = synthFile(ADS, SEED);
  const dir = path.join(benchDataDir, "matching");
  mkdirSync(dir, { recursive: true });
  let url: string;
  let drop: () => Promise<void> = async () => {};
  if (usePg) {
    if (!benchPgUrl) throw new Error("--postgres needs BENCH_POSTGRES_URL");
    const name = `${new URL(benchPgUrl).pathname.slice(1)}_bench_matching`.slice(0, 63);
    if (reuse) {
      const u = new URL(benchPgUrl);
      u.pathname = `/${name}`;
      url = u.toString();
    } else ({ url, drop } = await scratchPg(name));
  } else {
    const dbFile = path.join(dir, `matching-${ADS}-${CANDIDATES}.db`);
    if (!reuse) for (const s of ["", "-wal", "-shm"]) await import("node:fs").then((fs) => fs.rmSync(dbFile + s, { force: true }));
    url = `file:${dbFile}`;
  }
  if (!reuse) {
    await migrate(url);
    const db = createDb(url);
    await loadLocationTree(db, "seeds/location-tree.csv");
    await db.$disconnect();
  }
  console.log(`bench:matching — ${fmt(ADS)} ads, ${fmt(CANDIDATES)} candidates, ${fmt(QUERIES)} held-out ads, ${usePg ? "PostgreSQL" : "SQLite"} (${file})`);

  // 1. Ads through the import CLI.
  const adImport = reuse ? null : runImportCli(url, file, ["--no-duplicates"]);
  if (adImport) console.log(`ads imported: ${fmt(adImport.created)} in ${fmt(adImport.seconds, 1)} s wall`);

  // 2. Held-out ads and the candidates.
  const held = new Set<number>();
  while (held.size < QUERIES) held.add(Math.floor(rand() * ADS));
  const donors = new Set<number>();
  const decoys = CANDIDATES - QUERIES;
  while (donors.size < Math.min(decoys, ADS - QUERIES)) {
    const n = Math.floor(rand() * ADS);
    if (!held.has(n)) donors.add(n);
  }
  const heldAds: Ad[] = [];
  const donorAds: Ad[] = [];
  let n = 0;
  for await (const r of adzunaRecords(file)) {
    const c = r.header.columns;
    const get = (k: keyof typeof c) => (c[k] === undefined ? "" : r.fields[c[k]!]);
    if (held.has(n) || donors.has(n)) {
      const sentences = get("FullDescription").split(/(?<=[.!?])\s+/);
      const ad: Ad = { id: Number(get("Id")), title: get("Title"), sentences: sentences.slice(1), town: get("LocationNormalized"), salary: Number(get("SalaryNormalized")) || 0 };
      (held.has(n) ? heldAds : donorAds).push(ad);
    }
    n++;
  }
  const near = await townsByCounty();
  const rows: string[] = ["Name,Email,Current title,Location,Desired salary,CV text"];
  const cv = (title: string, ad: Ad) => {
    const chosen = shuffle(ad.sentences).slice(0, Math.max(1, Math.round(ad.sentences.length * 0.6)));
    return `I worked as a ${title} for three years. ${chosen.map(rewrite).join(" ")}`;
  };
  const town = (ad: Ad) => pick(near.get(ad.town) ?? [ad.town]);
  const pay = (ad: Ad) => (ad.salary ? String(Math.round((ad.salary * (0.9 + rand() * 0.2)) / 500) * 500) : "");
  heldAds.forEach((ad, i) => rows.push([q(`Fit ${i}`), `fit${i}@bench.example`, q(ad.title), q(town(ad)), pay(ad), q(cv(ad.title, ad))].join(",")));
  donorAds.forEach((ad, i) => {
    const twin = rand() < 0.3 ? pick(heldAds) : null;
    const title = twin ? twin.title : ad.title;
    rows.push([q(`Decoy ${i}`), `decoy${i}@bench.example`, q(title), q(town(twin ?? ad)), pay(ad), q(cv(title, ad))].join(","));
  });
  const candidatesFile = path.join(dir, `candidates-${ADS}-${CANDIDATES}.csv`);
  writeFileSync(candidatesFile, rows.join("\n") + "\n");
  if (adImport) importFigures(adImport, runImportCli(url, candidatesFile, ["--kind", "candidates"]));
  else console.log("--reuse: the database of an earlier run, no imports");
  await evaluate(url, heldAds, drop);
}

function importFigures(adImport: ReturnType<typeof runImportCli>, candImport: ReturnType<typeof runImportCli>) {
  // Per row: the import's own time (its report line), without the process start both pay once.
  const pipelineSeconds = (out: string, wall: number) => Number(/rows in ([\d.]+) s/.exec(out)?.[1] ?? wall);
  const perAd = pipelineSeconds(adImport.out, adImport.seconds) / adImport.created;
  const perCand = pipelineSeconds(candImport.out, candImport.seconds) / candImport.created;
  console.log(
    `candidates imported: ${fmt(candImport.created)} in ${fmt(candImport.seconds, 1)} s wall; per row ${fmt(perCand * 1e6, 0)} µs vs ads ${fmt(perAd * 1e6, 0)} µs — ${fmt(perCand / perAd, 2)}× (goal ≤ 2×)`,
  );
}

async function evaluate(url: string, heldAds: Ad[], drop: () => Promise<void>) {
  // 3. Evaluation.
  const db: Db = createDb(url);
  try {
    const adIdOf = new Map<number, { id: number; group: number | null }>();
    for (const a of await db.ad.findMany({ where: { externalId: { in: heldAds.map((h) => h.id) } }, select: { id: true, externalId: true, duplicateGroupId: true } }))
      adIdOf.set(a.externalId, { id: a.id, group: a.duplicateGroupId });
    const fitIds = new Map<string, number>();
    for (const c of await db.candidate.findMany({ where: { emailKey: { startsWith: "fit" } }, select: { id: true, emailKey: true } })) fitIds.set(c.emailKey!, c.id);
    const rank = (list: number[], want: (id: number) => boolean) => {
      const i = list.findIndex(want);
      return i < 0 ? null : i + 1;
    };
    const metrics = () => ({ hits10: 0, rr: 0, n: 0, lat: [] as number[] });
    const ours = { a2c: metrics(), c2a: metrics() };
    const base = { a2c: metrics(), c2a: metrics() };
    const add = (m: ReturnType<typeof metrics>, r: number | null) => {
      m.n++;
      if (r !== null && r <= 10) m.hits10++;
      if (r !== null && r <= 20) m.rr += 1 / r;
    };
    // Warm-up (the document-frequency sample, the location tree, the page cache).
    for (const ad of heldAds.slice(0, 5)) await matchesForAd(adIdOf.get(ad.id)!.id, { limit: 20 }, db);
    const groupOf = new Map<number, number | null>();
    for (const [i, ad] of heldAds.entries()) {
      const target = adIdOf.get(ad.id);
      const fit = fitIds.get(`fit${i}@bench.example`);
      if (!target || !fit) continue;
      let t = performance.now();
      const page = (await matchesForAd(target.id, { limit: 20 }, db))!;
      ours.a2c.lat.push(performance.now() - t);
      add(
        ours.a2c,
        rank(
          page.results.map((r) => r.candidateId),
          (id) => id === fit,
        ),
      );
      t = performance.now();
      const baseline = await findMatches(db, "candidates", parseSearch(ad.title), { limit: 20, pick: "best", ranked: true });
      base.a2c.lat.push(performance.now() - t);
      add(
        base.a2c,
        rank(baseline, (id) => id === fit),
      );

      t = performance.now();
      const roles = (await matchesForCandidate(fit, { limit: 20 }, db))!;
      ours.c2a.lat.push(performance.now() - t);
      const right = async (id: number) => {
        if (id === target.id) return true;
        if (target.group === null) return false;
        if (!groupOf.has(id)) groupOf.set(id, (await db.ad.findUnique({ where: { id }, select: { duplicateGroupId: true } }))?.duplicateGroupId ?? null);
        return groupOf.get(id) === target.group;
      };
      const found = async (ids: number[]) => {
        for (let k = 0; k < ids.length; k++) if (await right(ids[k])) return k + 1;
        return null;
      };
      add(ours.c2a, await found(roles.results.map((r) => r.adId)));
      t = performance.now();
      const adsByTitle = await findMatches(db, "ads", parseSearch(ad.title), { limit: 20, pick: "best", ranked: true });
      base.c2a.lat.push(performance.now() - t);
      add(base.c2a, await found(adsByTitle));
    }
    const line = (label: string, m: ReturnType<typeof metrics>, b: ReturnType<typeof metrics>) => {
      const r = m.hits10 / m.n;
      const rb = b.hits10 / b.n;
      console.log(
        `${label.padEnd(22)} recall@10 ${fmt(r, 3)} (baseline ${fmt(rb, 3)}, ${rb ? fmt(r / rb, 2) + "×" : "∞"})  MRR ${fmt(m.rr / m.n, 3)} (baseline ${fmt(b.rr / b.n, 3)})  p95 ${fmt(percentile(m.lat, 95), 0)} ms, median ${fmt(percentile(m.lat, 50), 0)} ms (baseline p95 ${fmt(percentile(b.lat, 95), 0)} ms)  n=${m.n}`,
      );
    };
    line("ad → candidates", ours.a2c, base.a2c);
    line("candidate → ads", ours.c2a, base.c2a);
    console.log(`goals: recall@10 ≥ 0.9 and ≥ 1.5× baseline; p95 ≤ 200 ms; candidate import ≤ 2× ad import per row`);
  } finally {
    await db.$disconnect();
    if (usePg && !args.includes("--keep")) await drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
