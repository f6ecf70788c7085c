// npm run bench:import — how fast and how lean the import is, against a raw baseline in the same run.
//
//   1. writes BENCH_ROWS (default 250,000) synthetic Adzuna ads with ../shared/tools/adzuna-synth.mjs,
//      and a fifth of that, to show memory stays flat in the file size;
//   2. imports each into a fresh, migrated SQLite database with `npm run import` (the real CLI: worker
//      thread, batches, full-text index) and reads its wall time and peak RSS;
//   3. times the raw baseline on the same file: the sqlite3 CLI's `.import --csv` into a plain table
//      plus an FTS5 rebuild over title and description;
//   4. with a PostgreSQL URL (BENCH_POSTGRES_URL, or DATABASE_URL when it is one), does the same on
//      PostgreSQL against `\copy` + a GIN tsvector index.
// Prints rows/s, ours / raw (goal ≤ 2.0) and peak RSS (goal ≤ 300 MB).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { loadLocationTree } from "@/lib/locations/load-tree";
import { synthCsv } from "@/tests/support/fixtures";

const ROWS = Number(process.env.BENCH_ROWS ?? 250_000);
const dir = path.join(os.tmpdir(), "rd-bench-import");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const pgUrl = process.env.BENCH_POSTGRES_URL ?? (process.env.DATABASE_URL && dialectOf(process.env.DATABASE_URL) === "postgres" ? process.env.DATABASE_URL : undefined);

function need(cmd: string, pkg: string) {
  if (spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0) return;
  if (process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0) {
    console.log(`installing ${pkg} (apt-get) for the baseline…`);
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return;
  }
  throw new Error(`the baseline needs ${cmd}: install Debian's ${pkg}`);
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

async function prepare(url: string) {
  await migrate(url);
  const db = createDb(url);
  await loadLocationTree(db, "seeds/location-tree.csv");
  await db.$disconnect();
}

/** Runs the real CLI; returns wall seconds and the peak RSS it reports. */
function runOurs(url: string, file: string): { seconds: number; rssMb: number; created: number } {
  let out = "";
  const seconds = timed(() => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/import.ts", file], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    out = r.stdout + r.stderr;
    if (r.status !== 0) throw new Error(`import failed:\n${out}`);
  });
  const rss = /peak RSS ([\d,]+) MB/.exec(out);
  const created = /([\d,]+) created/.exec(out);
  if (!rss || !created) throw new Error(`unexpected import output:\n${out}`);
  return { seconds, rssMb: Number(rss[1].replace(/,/g, "")), created: Number(created[1].replace(/,/g, "")) };
}

function rawSqlite(file: string): number {
  need("sqlite3", "sqlite3");
  const db = path.join(dir, "raw.db");
  rmSync(db, { force: true });
  const script = [
    ".mode csv",
    `.import '${file}' ads`,
    "CREATE VIRTUAL TABLE ads_fts USING fts5(Title, FullDescription, content='ads', tokenize='porter unicode61 remove_diacritics 2');",
    "INSERT INTO ads_fts(ads_fts) VALUES('rebuild');",
  ].join("\n");
  return timed(() => execFileSync("sqlite3", [db], { input: script, stdio: ["pipe", "ignore", "inherit"] }));
}

async function rawPostgres(url: string, file: string): Promise<number> {
  need("psql", "postgresql-client");
  const sql = [
    "DROP TABLE IF EXISTS raw_ads;",
    `CREATE TABLE raw_ads (id text, title text, description text, location_raw text, location_normalized text, contract_type text, contract_time text, company text, category text, salary_raw text, salary_normalized text, source text);`,
    `\\copy raw_ads FROM '${file}' WITH (FORMAT csv, HEADER true)`,
    "CREATE INDEX raw_ads_fts ON raw_ads USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, '')));",
  ].join("\n");
  return timed(() => execFileSync("psql", [url, "-q", "-v", "ON_ERROR_STOP=1"], { input: sql, stdio: ["pipe", "ignore", "inherit"] }));
}

async function scratchPg(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d });

const small = Math.max(1000, Math.round(ROWS / 5));
console.log(`Generating ${fmt(ROWS)} and ${fmt(small)} synthetic ads…`);
const bigFile = synthCsv(path.join(dir, `ads-${ROWS}.csv`), ROWS, { seed: 1 });
const smallFile = synthCsv(path.join(dir, `ads-${small}.csv`), small, { seed: 2 });
console.log(`  ${fmt(statSync(bigFile).size / 1048576, 1)} MB and ${fmt(statSync(smallFile).size / 1048576, 1)} MB\n`);

const results: string[] = [];
for (const [label, file, rows] of [
  ["small", smallFile, small],
  ["full", bigFile, ROWS],
] as const) {
  const url = `file:${path.join(dir, `ours-${label}.db`)}`;
  await prepare(url);
  const ours = runOurs(url, file);
  const raw = label === "full" ? rawSqlite(file) : NaN;
  results.push(
    `SQLite      ${fmt(rows).padStart(9)} rows  ours ${fmt(ours.seconds, 1).padStart(6)} s  ${fmt(rows / ours.seconds).padStart(7)} rows/s  peak RSS ${fmt(ours.rssMb).padStart(4)} MB` +
      (label === "full" ? `  raw ${fmt(raw, 1)} s  ours/raw ${fmt(ours.seconds / raw, 2)}` : ""),
  );
  console.log(results.at(-1));
}

if (pgUrl) {
  const db = await scratchPg("rd_bench_import");
  try {
    await prepare(db.url);
    const ours = runOurs(db.url, bigFile);
    const raw = await rawPostgres(db.url, bigFile);
    results.push(
      `PostgreSQL  ${fmt(ROWS).padStart(9)} rows  ours ${fmt(ours.seconds, 1).padStart(6)} s  ${fmt(ROWS / ours.seconds).padStart(7)} rows/s  peak RSS ${fmt(ours.rssMb).padStart(4)} MB  raw ${fmt(raw, 1)} s  ours/raw ${fmt(ours.seconds / raw, 2)}`,
    );
    console.log(results.at(-1));
  } finally {
    await db.drop();
  }
} else {
  console.log("PostgreSQL: skipped (set BENCH_POSTGRES_URL or a postgresql:// DATABASE_URL)");
}

console.log(`\nGoals: ours/raw ≤ 2.0 on SQLite, peak RSS ≤ 300 MB and about the same for both file sizes.`);
rmSync(dir, { recursive: true, force: true });
