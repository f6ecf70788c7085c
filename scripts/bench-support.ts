// What the benchmarks share: the synthetic data, databases to load it into, the real import CLI,
// the baselines' tools, a production server to point a browser or a load generator at, and the
// arithmetic of the report.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { bulkProcessEnv } from "@/lib/env";
import { dropPgDatabase, freshPgDatabase } from "@/lib/db/pg-admin";
import { dialectOf } from "@/lib/db/dialect";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { matchingAds } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { hashPassword } from "@/lib/auth/password";
import { ensureAdmin } from "@/lib/setup/seed";
import { createTag, setTags } from "@/lib/tags/service";
import { loadLocationTree } from "@/lib/locations/load-tree";
import { synthCsv } from "@/tests/support/fixtures";
import { buildIsStale } from "./build-state.mjs";

/** Synthetic CSVs are written here once and kept (they are seeded: the same file every run). */
export const benchDataDir = path.join(os.tmpdir(), "rd-bench-data");

/** A PostgreSQL server to benchmark on: BENCH_POSTGRES_URL, or DATABASE_URL when it is one. */
export const benchPgUrl = process.env.BENCH_POSTGRES_URL ?? (process.env.DATABASE_URL && dialectOf(process.env.DATABASE_URL) === "postgres" ? process.env.DATABASE_URL : undefined);

/** Makes sure a command exists (installing Debian's package when root), or says how to get it. */
export function need(cmd: string, pkg: string) {
  if (spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0) return;
  if (process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0) {
    console.log(`installing ${pkg} (apt-get) for the baseline…`);
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return;
  }
  throw new Error(`the baseline needs ${cmd}: install Debian's ${pkg}`);
}

export function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

/** A migrated database with the location tree, ready for an import. */
export async function prepare(url: string) {
  await migrate(url);
  const db = createDb(url);
  await loadLocationTree(db, "seeds/location-tree.csv");
  await db.$disconnect();
}

/** `rows` synthetic ads (seeded: the same file every run), written once into benchDataDir. */
export function synthFile(rows: number, seed = 1, dir = benchDataDir): string {
  const file = path.join(dir, `ads-${rows}-s${seed}.csv`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  mkdirSync(dir, { recursive: true });
  return synthCsv(file, rows, { seed });
}

/** Runs the real import CLI; returns wall seconds, the peak RSS it reports and the ads created. */
export function runImportCli(url: string, file: string, extraArgs: string[] = []): { seconds: number; rssMb: number; created: number; out: string } {
  let out = "";
  const seconds = timed(() => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/import.ts", ...extraArgs, file], {
      // No salary training after the import: it would compete with what is measured.
      env: { ...process.env, ...bulkProcessEnv(), DATABASE_URL: url, SALARY_AFTER_IMPORT: "0" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    out = r.stdout + r.stderr;
    if (r.status !== 0) throw new Error(`import failed:\n${out}`);
  });
  const rss = /peak RSS ([\d,]+) MB/.exec(out);
  const created = /([\d,]+) created/.exec(out);
  if (!rss || !created) throw new Error(`unexpected import output:\n${out}`);
  return { seconds, rssMb: Number(rss[1].replace(/,/g, "")), created: Number(created[1].replace(/,/g, "")), out };
}

/** A scratch database on the benchmark's PostgreSQL server. */
export async function scratchPg(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!benchPgUrl) throw new Error("no PostgreSQL server for the benchmark");
  const server = benchPgUrl;
  return { url: await freshPgDatabase(server, name), drop: () => dropPgDatabase(server, name) };
}

/** Builds the app when the build is missing or older than the sources. */
export function ensureBuild() {
  if (!buildIsStale()) return;
  console.log("Building the app (npm run build)…");
  execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * The production build on `port` against `url`; resolves once it answers its health check.
 * `pid` is the server process (for /proc/<pid>/status). With `onStderr`, the server's stderr (the
 * app's warn/error log lines, Next's errors) goes to it line by line instead of to ours.
 */
export async function startServer(
  url: string,
  port: number,
  opts: { onStderr?: (line: string) => void } = {},
): Promise<{ baseURL: string; pid: number; stop: () => Promise<void> }> {
  ensureBuild();
  const baseURL = `http://localhost:${port}`;
  // `npm start`: one worker process per core (WEB_CONCURRENCY). BENCH_NODE_ARGS: extra flags for
  // the workers' Node ("--cpu-prof --cpu-prof-dir=/tmp/prof" profiles them).
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(port)], {
    stdio: ["ignore", "ignore", opts.onStderr ? "pipe" : "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-to-be-valid-0123456789",
      NEXTAUTH_URL: baseURL,
      SIGNIN_MAX_ATTEMPTS: "1000",
      ...(process.env.BENCH_NODE_ARGS ? { SERVE_WORKER_NODE_ARGS: process.env.BENCH_NODE_ARGS } : {}),
      LOG_LEVEL: "warn",
    },
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  if (opts.onStderr && server.stderr) {
    const onStderr = opts.onStderr;
    let rest = "";
    server.stderr.setEncoding("utf8");
    server.stderr.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) if (l.trim()) onStderr(l);
    });
    server.stderr.on("end", () => void (rest.trim() && onStderr(rest)));
  }
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error("the server did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    pid: server.pid!,
    stop: async () => {
      server.kill("SIGTERM");
      await exited;
    },
  };
}

// ---- numbers ---------------------------------------------------------------------------------

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–");

// ---- a loaded database -------------------------------------------------------------------------

export const BENCH_ADMIN = { email: "bench-admin@example.com", password: "bench-password-0123" };
export const BENCH_RECRUITER = { email: "bench-recruiter@example.com", password: "bench-password-0123" };
/** Tags the benchmarks filter on, put on fixed slices of the data when it is loaded. */
export const BENCH_TAGS = [
  { name: "Bench: shortlist", color: "#2563eb", view: "?category=it-jobs&salaryMin=60000" },
  { name: "Bench: hot", color: "#dc2626", view: "?time=contract&type=full_time" },
];

/** Whether `url` already holds the loaded data set at the current migrations (and can be reused). */
async function datasetReady(url: string, rows: number): Promise<boolean> {
  // A data set from before a newer migration is brought up to date as the app would be at start.
  if (existsSync(url.replace(/^file:/, "")) || dialectOf(url) === "postgres") await migrate(url).catch(() => {});
  const db = createDb(url);
  try {
    const applied = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`);
    const want = listMigrations(dialectOf(url)).map((m) => m.name);
    if (want.some((m) => !applied.some((a) => a.name === m))) return false;
    const [imports, tags, users] = await Promise.all([
      db.import.count({ where: { status: "SUCCEEDED", files: { contains: `ads-${rows}-s1.csv` } } }),
      db.tag.count({ where: { name: { in: BENCH_TAGS.map((t) => t.name) } } }),
      db.user.count({ where: { email: { in: [BENCH_ADMIN.email, BENCH_RECRUITER.email] } } }),
    ]);
    return imports === 1 && tags === BENCH_TAGS.length && users === 2;
  } catch {
    return false;
  } finally {
    await db.$disconnect();
  }
}

/**
 * `rows` synthetic ads imported with the real CLI into `url`, plus a bench admin and recruiter and
 * the BENCH_TAGS. Kept between runs (migrated forward when new migrations came; BENCH_FRESH=1 rebuilds).
 */
export async function loadedDatabase(url: string, rows: number, reset: () => Promise<void>): Promise<{ reused: boolean }> {
  if (!process.env.BENCH_FRESH && (await datasetReady(url, rows))) return { reused: true };
  await reset();
  await prepare(url);
  const file = synthFile(rows);
  console.log(`  importing ${fmt(rows)} ads with the import CLI…`);
  const imported = runImportCli(url, file);
  console.log(`  imported in ${fmt(imported.seconds, 1)} s`);
  const db = createDb(url);
  try {
    const admin = await ensureAdmin(db, BENCH_ADMIN.email, BENCH_ADMIN.password);
    if (admin.email !== BENCH_ADMIN.email) throw new Error("the bench database already had another admin");
    await db.user.create({ data: { email: BENCH_RECRUITER.email, name: "Bench Recruiter", role: "RECRUITER", passwordHash: await hashPassword(BENCH_RECRUITER.password) } });
    const adminId = (await db.user.findUniqueOrThrow({ where: { email: BENCH_ADMIN.email } })).id;
    for (const t of BENCH_TAGS) {
      const tag = (await createTag({ name: t.name, color: t.color }, adminId, db))!;
      const { from, where } = await matchingAds(loadAdsTableParams(t.view), db);
      await setTags({ from: from.sql, where }, [tag.id], "add", { id: adminId }, "BULK", db);
    }
  } finally {
    await db.$disconnect();
  }
  return { reused: false };
}
