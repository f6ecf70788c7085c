// npm run bench:query — how fast the ads table answers at 250,000 ads, against raw SQL in the same run.
//
//   1. loads BENCH_ROWS (default 250,000) synthetic ads into a SQLite database with the import CLI
//      (kept between runs in the OS temp folder while the migrations are unchanged; BENCH_FRESH=1
//      rebuilds), with two tags on fixed slices of the data;
//   2. runs a fixed matrix of table requests (URL states: searches broad and rare, every filter, deep
//      pages, every sort, combinations) through findAdsPage — the full data fetch of a page: rows,
//      total, facet counts, snippets, tag counts — BENCH_ROUNDS times each, interleaved, with the
//      facet cache off ("uncached", the worst case) and on ("cached", a table someone is browsing);
//   3. replays, in the same run, exactly the SQL statements each request sent (captured from the
//      client) in the sqlite3 CLI with `.timer on` — the raw baseline: the database's own time for the
//      same work, with no Node, no driver and no ORM — and prints ours / raw;
//   4. bulk actions over the ~50,000 ads a view matches: tag, untag, close, reopen;
//   5. the same matrix on PostgreSQL when BENCH_POSTGRES_URL (or a postgresql:// DATABASE_URL) is set,
//      against psql with `\timing`;
//   6. time to a usable table in Chromium against the production build (BENCH_BROWSER=0 skips;
//      BENCH_SQLITE=0 skips the SQLite matrix, e.g. to look at PostgreSQL alone).
// Goals: overall p95 ≤ 50 ms (SQLite, uncached) and ours / raw ≤ 1.5.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { clearAggregateCache, findAdsPage, matchingAds, SEARCH_WINDOW } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { setStatus } from "@/lib/ads/bulk";
import { createDb, type Db, type QueryEvent } from "@/lib/db/client";
import { dialectOf, sqlitePath } from "@/lib/db/dialect";
import { createTag, deleteTag, setTags } from "@/lib/tags/service";
import { findChromium } from "./ensure-chromium.mjs";
import { BENCH_ADMIN, BENCH_TAGS, benchDataDir, benchPgUrl, fmt, loadedDatabase, need, percentile, scratchPg, startServer } from "./bench-support";

const ROWS = Number(process.env.BENCH_ROWS ?? 250_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

type Request = { label: string; query: string };

/** The matrix. Ids (regions, companies, sources, tags) are looked up in the loaded data. */
async function matrix(db: Db): Promise<Request[]> {
  const one = async <T>(sql: string) => ((await db.$queryRawUnsafe<T[]>(sql))[0] ?? null) as T | null;
  const london = await db.location.findUniqueOrThrow({ where: { path: "UK~London" } });
  const surrey = await db.location.findUniqueOrThrow({ where: { path: "UK~South East England~Surrey" } });
  const company = await one<{ id: number }>(`SELECT "companyId" AS id FROM "Ad" WHERE "companyId" IS NOT NULL GROUP BY "companyId" ORDER BY count(*) DESC LIMIT 1`);
  const rareCompany = await one<{ id: number }>(
    `SELECT "companyId" AS id FROM "Ad" WHERE "companyId" IS NOT NULL GROUP BY "companyId" HAVING count(*) BETWEEN 5 AND 50 ORDER BY "companyId" LIMIT 1`,
  );
  const source = await one<{ s: string }>(`SELECT "source" AS s FROM "Ad" WHERE "source" IS NOT NULL GROUP BY "source" ORDER BY count(*) DESC LIMIT 1 OFFSET 2`);
  const tags = await db.tag.findMany({ where: { name: { in: BENCH_TAGS.map((t) => t.name) } }, orderBy: { name: "asc" } });
  const deepPage = Math.max(1, Math.floor(ROWS / 100) - 5);
  return [
    { label: "first page (newest)", query: "" },
    { label: "page 2, 100 rows", query: "?perPage=100&page=2" },
    { label: `deep page ${deepPage} of 100`, query: `?perPage=100&page=${deepPage}` },
    { label: "sort title", query: "?sort=title" },
    { label: "sort -title, page 1,000", query: "?sort=-title&page=1000" },
    { label: "sort salary", query: "?sort=salary" },
    { label: "sort -salary, page 500", query: "?sort=-salary&page=500" },
    { label: "sort created", query: "?sort=created" },
    { label: "category IT", query: "?category=it-jobs" },
    { label: "categories IT + engineering", query: "?category=it-jobs,engineering-jobs&sort=-salary" },
    { label: "contract type part time", query: "?type=part_time" },
    { label: "contract time contract", query: "?time=contract" },
    { label: "region London (top level)", query: `?region=${london.id}` },
    { label: "region Surrey (and below)", query: `?region=${surrey.id}&sort=title` },
    { label: "biggest company", query: `?company=${company?.id}` },
    { label: "small company", query: `?company=${rareCompany?.id}` },
    { label: "source", query: `?source=${encodeURIComponent(source?.s ?? "")}` },
    { label: "salary 30–40k", query: "?salaryMin=30000&salaryMax=40000&sort=-salary" },
    { label: "tag (any)", query: `?tags=${tags[1]?.id}` },
    { label: "tags (all)", query: `?tags=${tags.map((t) => t.id).join(",")}&tagMode=all` },
    { label: "tag (none)", query: `?tags=${tags[0]?.id}&tagMode=none&page=3` },
    { label: "status closed", query: "?status=closed" },
    { label: "search broad: manager", query: "?q=manager" },
    { label: "search broad, ranked", query: "?q=manager&sort=relevance" },
    { label: "search rare: physiotherapist", query: "?q=physiotherapist&sort=relevance" },
    { label: 'search phrase "care assistant"', query: `?q=${encodeURIComponent('"care assistant"')}&sort=relevance` },
    { label: "search OR: chef OR cook", query: "?q=chef+OR+cook" },
    { label: "search exclusion: engineer -software", query: "?q=engineer+-software" },
    { label: "search prefix: develop*", query: "?q=develop*&sort=-salary" },
    { label: "search + category + region", query: `?q=nurse&category=healthcare-nursing-jobs&region=${london.id}&sort=relevance` },
    { label: "filters combined, deep page", query: `?category=it-jobs&time=permanent&region=${london.id}&salaryMin=40000&sort=-salary&page=20` },
    { label: "malformed search (hint)", query: "?q=-nurse" },
  ];
}

// ---- replaying the captured SQL ------------------------------------------------------------------

function literal(v: unknown, dialect: "sqlite" | "postgres"): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return dialect === "sqlite" ? (v ? "1" : "0") : String(v);
  if (Array.isArray(v)) return `'{${v.join(",")}}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** The statement with its parameters written in, for a CLI (placeholders outside quotes only). */
function inline(e: QueryEvent, dialect: "sqlite" | "postgres"): string {
  const params = JSON.parse(e.params) as unknown[];
  let out = "";
  let quote: string | null = null;
  let next = 0;
  for (let i = 0; i < e.query.length; i++) {
    const c = e.query[i];
    if (quote) {
      out += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === "`") {
      quote = c;
      out += c;
    } else if (dialect === "sqlite" && c === "?") {
      out += literal(params[next++], dialect);
    } else if (dialect === "postgres" && c === "$" && /\d/.test(e.query[i + 1] ?? "")) {
      const m = /^\d+/.exec(e.query.slice(i + 1))![0];
      out += literal(params[Number(m) - 1], dialect);
      i += m.length;
    } else out += c;
  }
  return out.trim().replace(/;$/, "");
}

/** Times each request's statements in the database's own CLI: ms per request per round. */
function rawTimes(url: string, statements: string[][], rounds: number): number[][] {
  const dialect = dialectOf(url);
  const lines: string[] = [];
  const all = statements.flat();
  if (dialect === "sqlite") {
    need("sqlite3", "sqlite3");
    // The same connection settings the app uses (lib/db/client.ts).
    lines.push(".output /dev/null", "PRAGMA mmap_size = 1073741824;", "PRAGMA cache_size = -65536;");
    for (const s of all) lines.push(`${s};`); // warm-up, untimed
    lines.push(".timer on");
  } else {
    need("psql", "postgresql-client");
    lines.push("\\o /dev/null");
    for (const s of all) lines.push(`${s};`);
    lines.push("\\timing on");
  }
  for (let r = 0; r < rounds; r++) for (const s of all) lines.push(`${s};`);
  const out =
    dialect === "sqlite"
      ? execFileSync("sqlite3", [sqlitePath(url)], { input: lines.join("\n"), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
      : execFileSync("psql", [url, "-q", "-X", "-v", "ON_ERROR_STOP=1"], { input: lines.join("\n"), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const times =
    dialect === "sqlite"
      ? // real is printed in whole ms; user + sys in µs. CPU time is used: it leaves out any wait for
        // the disk, which can only flatter the baseline.
        [...out.matchAll(/Run Time: real [\d.]+ user ([\d.]+) sys ([\d.]+)/g)].map((m) => (Number(m[1]) + Number(m[2])) * 1000)
      : [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  if (times.length !== rounds * all.length) throw new Error(`raw baseline: expected ${rounds * all.length} timings, got ${times.length}`);
  const perRequest: number[][] = statements.map(() => []);
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    statements.forEach((list, i) => {
      let sum = 0;
      for (let j = 0; j < list.length; j++) sum += times[k++];
      perRequest[i].push(sum);
    });
  }
  return perRequest;
}

// ---- our side ------------------------------------------------------------------------------------

type Result = { request: Request; total: number; matches: number | null; uncached: number[]; first: number[]; cached: number[]; raw: number[]; statements: number };

async function measure(url: string): Promise<Result[]> {
  let capture: QueryEvent[] | null = null;
  const db = createDb(url, { onQuery: (e) => capture?.push(e) });
  const dialect = dialectOf(url);
  try {
    const requests = await matrix(db);
    const params = requests.map((r) => loadAdsTableParams(r.query));
    // Warm-up (loads the location tree once per process, as the server does), then capture the SQL.
    for (const p of params) await findAdsPage(p, { db, cache: false });
    const results: Result[] = [];
    const statements: string[][] = [];
    for (const [i, p] of params.entries()) {
      capture = [];
      const page = await findAdsPage(p, { db, cache: false });
      statements.push(capture.filter((e) => !/^\s*(PRAGMA|BEGIN|COMMIT)/i.test(e.query)).map((e) => inline(e, dialect)));
      capture = null;
      results.push({
        request: requests[i],
        total: page.total,
        matches: page.search?.matches ?? null,
        uncached: [],
        first: [],
        cached: [],
        raw: [],
        statements: statements[i].length,
      });
    }
    // Interleaved rounds: noise on this machine hits every request alike.
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, p] of params.entries()) {
        const t = performance.now();
        await findAdsPage(p, { db, cache: false });
        results[i].uncached.push(performance.now() - t);
      }
    }
    // A first visit to each view: only the aggregates every view shares (all ads) are cached.
    const everything = loadAdsTableParams("");
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, p] of params.entries()) {
        clearAggregateCache();
        await findAdsPage(everything, { db, cache: true });
        const t = performance.now();
        await findAdsPage(p, { db, cache: true });
        results[i].first.push(performance.now() - t);
      }
    }
    for (const p of params) await findAdsPage(p, { db, cache: true }); // every view's aggregates cached
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, p] of params.entries()) {
        const t = performance.now();
        await findAdsPage(p, { db, cache: true });
        results[i].cached.push(performance.now() - t);
      }
    }
    await db.$disconnect();
    const raw = rawTimes(url, statements, ROUNDS);
    raw.forEach((times, i) => (results[i].raw = times));
    return results;
  } finally {
    await db.$disconnect();
  }
}

function report(title: string, results: Result[]) {
  const ms = (n: number) => fmt(n, 1).padStart(6);
  const cols = (v: number[]) => `${ms(percentile(v, 50))} ${ms(percentile(v, 95))}`;
  console.log(`\n${title}: ${ROUNDS} rounds, ms per request (p50 p95)`);
  console.log(`  cold: nothing cached (just after data changed) · first visit: only the all-ads aggregates cached · repeat: the same view again`);
  console.log(`  raw: the same SQL statements in the database's CLI; ratio = cold p50 / raw p50`);
  console.log(`${"request".padEnd(38)} ${"rows".padStart(8)} │ ${"cold".padEnd(13)} │ ${"first visit".padEnd(13)} │ ${"repeat".padEnd(13)} │ ${"raw".padEnd(13)} │ ratio`);
  for (const r of results) {
    const total = r.matches !== null && r.matches >= SEARCH_WINDOW ? `${fmt(r.total)}*` : fmt(r.total);
    const ratio = percentile(r.uncached, 50) / percentile(r.raw, 50);
    console.log(
      `${r.request.label.slice(0, 38).padEnd(38)} ${total.padStart(8)} │ ${cols(r.uncached)} │ ${cols(r.first)} │ ${cols(r.cached)} │ ${cols(r.raw)} │ ${fmt(ratio, 2).padStart(5)}`,
    );
  }
  const all = (k: "uncached" | "first" | "cached" | "raw") => results.flatMap((r) => r[k]);
  const sum = (k: "uncached" | "raw") => results.reduce((s, r) => s + percentile(r[k], 50), 0);
  console.log(
    `${"overall".padEnd(38)} ${"".padStart(8)} │ ${cols(all("uncached"))} │ ${cols(all("first"))} │ ${cols(all("cached"))} │ ${cols(all("raw"))} │ ${fmt(sum("uncached") / sum("raw"), 2).padStart(5)}`,
  );
  console.log(`* the search matches more than its ${fmt(SEARCH_WINDOW)}-ad window; the page says "${fmt(SEARCH_WINDOW)}+" and counts within the window`);
  const p95 = (k: "uncached" | "first" | "cached" | "raw") => percentile(all(k), 95);
  return { cold: p95("uncached"), first: p95("first"), repeat: p95("cached"), raw: p95("raw"), ratio: sum("uncached") / sum("raw"), p95ratio: p95("uncached") / p95("raw") };
}

// ---- bulk actions --------------------------------------------------------------------------------

async function bulk(url: string) {
  const db = createDb(url);
  try {
    const admin = await db.user.findUniqueOrThrow({ where: { email: BENCH_ADMIN.email } });
    // The salary above which ~50,000 ads sit (a fifth at smaller sizes): a view of that size.
    const size = Math.min(50_000, Math.round(ROWS / 5));
    const [{ s }] = await db.$queryRawUnsafe<{ s: number }[]>(
      `SELECT "salaryAnnual" AS s FROM "Ad" WHERE "salaryAnnual" IS NOT NULL ORDER BY "salaryAnnual" DESC LIMIT 1 OFFSET ${size - 1}`,
    );
    const { from, where } = await matchingAds(loadAdsTableParams(`?salaryMin=${s}`), db);
    const target = { from: from.sql, where };
    const tag = (await createTag({ name: `Bench bulk ${Date.now()}`, color: "#16a34a" }, admin.id, db))!;
    const time = async (label: string, fn: () => Promise<{ changed: number }>) => {
      const t = performance.now();
      const { changed } = await fn();
      console.log(`  ${label.padEnd(22)} ${fmt(changed).padStart(7)} ads  ${fmt((performance.now() - t) / 1000, 2)} s`);
    };
    console.log(`\nBulk actions on the view "salary ≥ ${fmt(s)}":`);
    await time("add a tag", () => setTags(target, [tag.id], "add", admin, "BULK", db));
    await time("remove the tag", () => setTags(target, [tag.id], "remove", admin, "BULK", db));
    await time("close", () => setStatus(target, "CLOSED", admin.id, db));
    await time("reopen", () => setStatus(target, "OPEN", admin.id, db));
    await deleteTag(tag.id, admin.id, db);
  } finally {
    await db.$disconnect();
  }
}

// ---- the browser ---------------------------------------------------------------------------------

async function browser(url: string) {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log("\nBrowser: skipped (no Chromium: run `node scripts/ensure-chromium.mjs`)");
    return;
  }
  const server = await startServer(url, Number(process.env.BENCH_PORT ?? 3210));
  const b = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await b.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(BENCH_ADMIN.email);
    await page.getByLabel("Password").fill(BENCH_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));

    // Usable = rows on screen and React attached to them (a click would do something).
    const usable = async (p: Page) =>
      (await p
        .waitForFunction(
          () => {
            const row = document.querySelector("table tbody tr input[type=checkbox], table tbody tr [role=checkbox]");
            const box = document.querySelector("input[type=search]");
            const hydrated = box && Object.keys(box).some((k) => k.startsWith("__reactProps"));
            return row && hydrated && !document.querySelector("[aria-busy=true]") ? performance.now() : null;
          },
          undefined,
          { polling: "raf", timeout: 60_000 },
        )
        .then((h) => h.jsonValue())) as number;

    const loads: [string, string][] = [
      ["/ads", "first page"],
      ["/ads?q=manager&sort=relevance", "broad search, ranked"],
      ["/ads?category=it-jobs&time=permanent&sort=-salary&page=50", "filters, deep page"],
    ];
    console.log(`\nBrowser (Chromium, production build, ${fmt(ROWS)} ads): ms from navigation, median of 5 (max)`);
    for (const [path_, label] of loads) {
      const ttfb: number[] = [];
      const ready: number[] = [];
      for (let i = 0; i < 6; i++) {
        await page.goto(path_, { waitUntil: "commit" });
        const t = await usable(page);
        const nav = (await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseStart)) as number;
        if (i === 0) continue; // the first visit compiles nothing but warms the server's caches
        ttfb.push(nav);
        ready.push(t);
      }
      console.log(
        `  load ${label.padEnd(28)} first byte ${fmt(percentile(ttfb, 50)).padStart(5)}  usable table ${fmt(percentile(ready, 50)).padStart(5)} (${fmt(Math.max(...ready))})`,
      );
    }

    // In-page: a facet click, and typing a search (includes the 350 ms debounce).
    const clicks: number[] = [];
    const typed: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto("/ads");
      await usable(page);
      const summary = page.getByTestId("result-summary");
      let before = await summary.innerText();
      let t = Date.now();
      await page.getByRole("group", { name: "Contract time" }).getByRole("checkbox").first().check();
      await page.waitForFunction((b) => document.querySelector("[data-testid=result-summary]")?.textContent !== b && !document.querySelector("[aria-busy=true]"), before);
      clicks.push(Date.now() - t);
      before = await summary.innerText();
      t = Date.now();
      await page.getByRole("searchbox", { name: "Search ads" }).fill(["nurse", "engineer", "sales", "chef", "driver"][i]);
      await page.waitForFunction((b) => document.querySelector("[data-testid=result-summary]")?.textContent !== b && !document.querySelector("[aria-busy=true]"), before);
      typed.push(Date.now() - t);
    }
    console.log(`  filter click → table updated          median ${fmt(percentile(clicks, 50))} ms (max ${fmt(Math.max(...clicks))})`);
    console.log(`  typing a search → results (350 ms debounce included) median ${fmt(percentile(typed, 50))} ms (max ${fmt(Math.max(...typed))})`);
    await context.close();
  } finally {
    await b.close();
    await server.stop();
  }
}

// ---- run -----------------------------------------------------------------------------------------

const runSqlite = process.env.BENCH_SQLITE !== "0";
const sqliteFile = path.join(benchDataDir, `query-${ROWS}.db`);
const sqliteUrl = `file:${sqliteFile}`;
console.log(`SQLite data set: ${sqliteFile}`);
const { reused } = await loadedDatabase(sqliteUrl, ROWS, async () => {
  mkdirSync(benchDataDir, { recursive: true });
  for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
});
if (reused) console.log(`  reused (${fmt(ROWS)} ads at the current migrations; BENCH_FRESH=1 rebuilds)`);

const sqlite = runSqlite ? report("SQLite", await measure(sqliteUrl)) : null;
if (runSqlite) await bulk(sqliteUrl);

let postgres: ReturnType<typeof report> | null = null;
if (benchPgUrl) {
  const name = `rd_bench_query_${ROWS}`;
  const u = new URL(benchPgUrl);
  u.pathname = `/${name}`;
  console.log(`\nPostgreSQL data set: database ${name}`);
  const { reused: pgReused } = await loadedDatabase(u.toString(), ROWS, async () => void (await scratchPg(name)));
  if (pgReused) console.log("  reused");
  postgres = report("PostgreSQL", await measure(u.toString()));
  await bulk(u.toString());
} else console.log("\nPostgreSQL: skipped (set BENCH_POSTGRES_URL or a postgresql:// DATABASE_URL)");

if (process.env.BENCH_BROWSER !== "0") await browser(sqliteUrl);

const line = (name: string, r: ReturnType<typeof report>) =>
  console.log(
    `  ${name.padEnd(11)} p95 cold ${fmt(r.cold, 1)} ms · first visit ${fmt(r.first, 1)} ms · repeat ${fmt(r.repeat, 1)} ms · raw ${fmt(r.raw, 1)} ms · ours/raw ${fmt(r.ratio, 2)} (medians), ${fmt(r.p95ratio, 2)} (p95s)`,
  );
console.log(`\nSummary (goals: SQLite overall p95 ≤ 50 ms, ours / raw ≤ 1.5)`);
if (sqlite) line("SQLite", sqlite);
if (postgres) line("PostgreSQL", postgres);
