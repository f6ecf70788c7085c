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
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchPgUrl, fmt, need, prepare, runImportCli, scratchPg, synthFile, timed } from "./bench-support";

const ROWS = Number(process.env.BENCH_ROWS ?? 250_000);
const dir = path.join(os.tmpdir(), "rd-bench-import");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

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

const small = Math.max(1000, Math.round(ROWS / 5));
console.log(`Generating ${fmt(ROWS)} and ${fmt(small)} synthetic ads…`);
const bigFile = synthFile(ROWS, 1);
const smallFile = synthFile(small, 2);
console.log(`  ${fmt(statSync(bigFile).size / 1048576, 1)} MB and ${fmt(statSync(smallFile).size / 1048576, 1)} MB\n`);

const results: string[] = [];
for (const [label, file, rows] of [
  ["small", smallFile, small],
  ["full", bigFile, ROWS],
] as const) {
  const url = `file:${path.join(dir, `ours-${label}.db`)}`;
  await prepare(url);
  const ours = runImportCli(url, file);
  const raw = label === "full" ? rawSqlite(file) : NaN;
  results.push(
    `SQLite      ${fmt(rows).padStart(9)} rows  ours ${fmt(ours.seconds, 1).padStart(6)} s  ${fmt(rows / ours.seconds).padStart(7)} rows/s  peak RSS ${fmt(ours.rssMb).padStart(4)} MB` +
      (label === "full" ? `  raw ${fmt(raw, 1)} s  ours/raw ${fmt(ours.seconds / raw, 2)}` : ""),
  );
  console.log(results.at(-1));
}

if (benchPgUrl) {
  const db = await scratchPg("rd_bench_import");
  try {
    await prepare(db.url);
    const ours = runImportCli(db.url, bigFile);
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
