// npm run bench:duplicates [-- --rows 250000 --seed 7] — near-duplicate detection as the app runs
// it (the import CLI, the database state of lib/ads/duplicate-store.ts), on SQLite:
//   1. the synthetic ads of scripts/bench-duplicates.ts (30% light reposts, with the truth file);
//   2. imported twice into fresh databases in the same run, with `--no-duplicates` and with
//      detection (the default: a follower process groups each batch as it commits): wall time of
//      each and their ratio, the import's peak RSS (its 96 MB heap cap) and the follower's;
//   3. `npm run duplicates:rebuild` over the first database: detection from scratch alone;
//   4. pairwise precision and recall of the groups the import stored, against the truth;
//   5. the real sample imported: its groups, the largest, and ten groups listed to check by eye.
// The engine's own evaluation (ablations, baselines, refusals) is `npx tsx scripts/bench-duplicates.ts`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqlite } from "@/lib/db/raw";
import { bulkProcessEnv } from "@/lib/env";
import { fmt, prepare, runImportCli, timed } from "./bench-support";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg("--rows", "250000"));
const SEED = Number(arg("--seed", "7"));
const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
const dir = path.join(os.tmpdir(), "rd-bench-duplicates");

function synthFiles(): { csv: string; truth: string } {
  mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `dup-${ROWS}-s${SEED}.csv`),
    truth = path.join(dir, `dup-${ROWS}-s${SEED}-truth.csv`);
  if (!(existsSync(csv) && existsSync(truth) && statSync(csv).size > 0)) {
    console.log(`Generating ${fmt(ROWS)} ads (30% reposts)…`);
    execFileSync("sh", ["-c", `node "${SYNTH}" --rows ${ROWS} --seed ${SEED} --dups 0.3 --truth "${truth}" > "${csv}"`], { stdio: "inherit" });
  }
  return { csv, truth };
}

async function freshDb(name: string): Promise<string> {
  const file = path.join(dir, `${name}.db`);
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  const url = `file:${file}`;
  await prepare(url);
  return url;
}

/** Each ad's group as Adzuna Id → its group's first ad's Adzuna Id (itself when alone). */
function storedGroups(url: string): Map<number, number> {
  const db = openSqlite(url, { readonly: true });
  try {
    const rows = db.prepare(`SELECT a."externalId" AS id, g."externalId" AS g FROM "Ad" a LEFT JOIN "Ad" g ON g."id" = a."duplicateGroupId"`).all() as {
      id: number;
      g: number | null;
    }[];
    return new Map(rows.map((r) => [r.id, r.g ?? r.id]));
  } finally {
    db.close();
  }
}

function score(predicted: Map<number, number>, truth: Map<number, number>) {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const count = (keys: Iterable<string | number>) => {
    const m = new Map<string | number, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const tp = sum(count([...predicted].map(([id, g]) => `${g}:${truth.get(id) ?? id}`)));
  const predictedSizes = count(predicted.values());
  const p = sum(predictedSizes),
    t = sum(count([...predicted.keys()].map((id) => truth.get(id) ?? id)));
  const groups = [...predictedSizes.values()].filter((n) => n > 1);
  return { precision: tp / p, recall: tp / t, groups: groups.length, largest: Math.max(0, ...groups) };
}

function rebuildCli(url: string): { seconds: number; rssMb: number; out: string } {
  let out = "";
  const seconds = timed(() => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/duplicates-rebuild.ts"], {
      env: { ...process.env, ...bulkProcessEnv(), DATABASE_URL: url },
      encoding: "utf8",
    });
    out = r.stdout + r.stderr;
    if (r.status !== 0) throw new Error(`rebuild failed:\n${out}`);
  });
  const rss = /peak RSS ([\d,]+) MB/.exec(out);
  return { seconds, rssMb: rss ? Number(rss[1].replace(/,/g, "")) : NaN, out };
}

async function main() {
  const { csv, truth: truthFile } = synthFiles();
  const truth = new Map(
    readFileSync(truthFile, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",").map(Number) as [number, number]),
  );
  console.log(`${fmt(ROWS)} synthetic ads (${fmt(truth.size)} reposts), SQLite, import CLI with its 96 MB heap cap; ${os.cpus().length} cores`);

  const off = await freshDb("app-off");
  const on = await freshDb("app-on");
  const without = runImportCli(off, csv, ["--no-duplicates"]);
  console.log(`  import without detection   ${fmt(without.seconds, 1).padStart(6)} s   peak RSS ${fmt(without.rssMb)} MB   (${fmt(without.created)} ads)`);
  const withDup = runImportCli(on, csv);
  // The import logs the detection step: beside the import in a process of its own (the follower,
  // with its peak RSS), or after it when the follower could not run.
  const step = /"message":"duplicates grouped".*?"followed":(true|false).*?"ms":(\d+)(?:,"peakRssMb":(\d+))?/.exec(withDup.out);
  const followed = step?.[1] === "true";
  console.log(
    `  import with detection      ${fmt(withDup.seconds, 1).padStart(6)} s   peak RSS ${fmt(withDup.rssMb)} MB   ratio to the run above ${(withDup.seconds / without.seconds).toFixed(2)}×`,
  );
  console.log(
    followed
      ? `    detection beside it (own process): ${fmt(Number(step![2]) / 1000, 1)} s from the import's start to the last group, peak RSS ${fmt(Number(step![3]))} MB`
      : `    detection after the batches (no follower): ${fmt(Number(step?.[2]) / 1000, 1)} s`,
  );
  const rebuild = rebuildCli(off);
  console.log(`  detection from scratch     ${fmt(rebuild.seconds, 1).padStart(6)} s   peak RSS ${fmt(rebuild.rssMb)} MB   (npm run duplicates:rebuild over the first database)`);
  const again = runImportCli(on, csv);
  console.log(`  re-import, unchanged       ${fmt(again.seconds, 1).padStart(6)} s   (no ad fingerprinted again)`);

  const s = score(storedGroups(on), truth);
  console.log(`  groups stored by the import: precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  groups ${fmt(s.groups)}  largest ${fmt(s.largest)}`);
  const r = score(storedGroups(off), truth);
  console.log(`  groups after the rebuild:    precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  groups ${fmt(r.groups)}  largest ${fmt(r.largest)}`);

  // The real sample.
  const sample = await freshDb("app-sample");
  runImportCli(sample, SAMPLE);
  const db = openSqlite(sample, { readonly: true });
  try {
    const groups = db
      .prepare(`SELECT a."duplicateGroupId" AS g, count(*) AS n FROM "Ad" a WHERE a."duplicateGroupId" IS NOT NULL GROUP BY a."duplicateGroupId" ORDER BY n DESC, g`)
      .all() as { g: number; n: number }[];
    const ads = groups.reduce((t, g) => t + g.n, 0);
    console.log(`\nReal sample: ${fmt(groups.length)} groups of ≥ 2 ads (${fmt(ads)} ads), largest ${groups[0]?.n ?? 0}`);
    const members = db.prepare(
      `SELECT a."id", a."externalId", a."title", c."name" AS company, a."locationNormalized" AS place, a."salaryRaw" AS salary, f."similarity"
       FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" LEFT JOIN "AdFingerprint" f ON f."adId" = a."id" WHERE a."duplicateGroupId" = ? ORDER BY f."seq"`,
    );
    // Ten groups spread over the sizes: the largest, then every k-th.
    const step = Math.max(1, Math.floor(groups.length / 10));
    for (const g of groups.filter((_, i) => i % step === 0).slice(0, 10)) {
      console.log(`  group ${g.g} (${g.n} ads)`);
      for (const m of (members.all(g.g) as { externalId: number; title: string; company: string | null; place: string | null; salary: string | null; similarity: number }[]).slice(
        0,
        4,
      ))
        console.log(
          `    ${String(m.externalId).padEnd(9)} ${(m.similarity * 100).toFixed(0).padStart(3)}%  ${m.title.slice(0, 50).padEnd(50)} | ${(m.company ?? "—").slice(0, 24).padEnd(24)} | ${(m.place ?? "—").slice(0, 16).padEnd(16)} | ${(m.salary ?? "—").slice(0, 30)}`,
        );
      if (g.n > 4) console.log(`    … and ${g.n - 4} more`);
    }
  } finally {
    db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
