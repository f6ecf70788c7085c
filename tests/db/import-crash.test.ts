// Kill the real CLI (`node --import tsx scripts/import.ts`, with its parsing worker thread) with
// SIGKILL in the middle of an import, twice, then let it finish: every batch is all-or-nothing, so
// the database always holds whole batches, the full-text index matches the ads, and the finished
// import has exactly one ad per Id. Each run again (what a job runner does when a server dies)
// resumes after the last committed batch: it writes no row twice and its counts carry on.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect } from "@/lib/db/dialect";
import { openSqlite } from "@/lib/db/raw";
import { AD_READ_INDEXES } from "@/lib/db/ad-indexes";
import { adIndexes, expectedCsv, openSearchIndex, treeDatabase, SYNTH } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

const ROWS = 20_000;
const tmp = mkdtempSync(path.join(tmpdir(), "rd-crash-"));
const file = path.join(tmp, "synth-20k.csv");
let expected: ReturnType<typeof expectedCsv>;

beforeAll(() => {
  const gen = spawnSync(process.execPath, [SYNTH, "--rows", String(ROWS), "--seed", "11", "--start-id", "60000000"], { maxBuffer: 256 * 1024 * 1024 });
  expect(gen.status).toBe(0);
  writeFileSync(file, gen.stdout);
  expected = expectedCsv(file);
  expect(expected.rows).toBe(ROWS);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type ImportRow = { id: string; status: string; rowsDone: number; created: number; updated: number; unchanged: number; skipped: number; errors: number };

/** Reads the newest Import row and ad counts straight from the database, while the CLI writes. */
async function monitor(url: string, dialect: Dialect) {
  const cols = `"id", "status", "rowsDone", "created", "updated", "unchanged", "skipped", "errors"`;
  if (dialect === "sqlite") {
    const db = openSqlite(url);
    return {
      latest: async () => (db.prepare(`SELECT ${cols} FROM "Import" ORDER BY "createdAt" DESC LIMIT 1`).get() as ImportRow | undefined) ?? null,
      adIds: async () => db.prepare(`SELECT "externalId" FROM "Ad" ORDER BY "id"`).pluck().all() as number[],
      adId: async (externalId: number) => db.prepare(`SELECT "id" FROM "Ad" WHERE "externalId" = ?`).pluck().get(externalId) as number,
      issues: async (id: string) => db.prepare(`SELECT "line" FROM "ImportIssue" WHERE "importId" = ? AND "severity" = 'error' ORDER BY "line"`).pluck().all(id) as number[],
      close: async () => db.close(),
    };
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return {
    latest: async () => ((await c.query(`SELECT ${cols}, "status"::text AS "status" FROM "Import" ORDER BY "createdAt" DESC LIMIT 1`)).rows[0] as ImportRow | undefined) ?? null,
    adIds: async () => (await c.query(`SELECT "externalId" FROM "Ad" ORDER BY "id"`)).rows.map((r) => r.externalId as number),
    adId: async (externalId: number) => (await c.query(`SELECT "id" FROM "Ad" WHERE "externalId" = $1`, [externalId])).rows[0].id as number,
    issues: async (id: string) =>
      (await c.query(`SELECT "line" FROM "ImportIssue" WHERE "importId" = $1 AND "severity" = 'error' ORDER BY "line"`, [id])).rows.map((r) => r.line as number),
    close: () => c.end(),
  };
}

function cli(args: string[], url: string) {
  // As `npm run import` runs it (same heap limit).
  const child = spawn(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/import.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

describe.each(testDialects())("an import killed with SIGKILL on %s", (dialect) => {
  let tdb: TestDatabase;
  let mon: Awaited<ReturnType<typeof monitor>>;
  beforeAll(async () => {
    tdb = await treeDatabase(`import_crash_${dialect}`, dialect);
    mon = await monitor(tdb.url, dialect);
  }, 120_000);
  afterAll(async () => {
    await mon?.close();
    await tdb?.drop();
  });

  /** Starts the CLI and kills it once this run has committed at least `minRows` rows (and not all). */
  async function killAt(args: string[], minRows: number): Promise<ImportRow> {
    const run = cli(args, tdb.url);
    let finished = false;
    void run.exited.then(() => (finished = true));
    for (;;) {
      const r = await mon.latest();
      if (r && r.status === "RUNNING" && r.rowsDone >= minRows && r.rowsDone < ROWS) break;
      if (finished) throw new Error(`the import ended before it could be killed:\n${(await run.exited).output}`);
      await new Promise((res) => setTimeout(res, 5));
    }
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    return (await mon.latest())!;
  }

  /** What a killed run leaves: whole batches, in file order, matching the counts and the index. */
  async function expectConsistent(r: ImportRow) {
    expect(r.status).toBe("RUNNING"); // it never got to finish
    const ids = await mon.adIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(expected.good.length);
    const num = (a: number, b: number) => a - b;
    expect([...ids].sort(num)).toEqual(
      expected.good
        .slice(0, ids.length)
        .map((g) => g.id)
        .sort(num),
    ); // a prefix of the file
    expect(r.created + r.unchanged).toBe(ids.length);
    expect(r.created + r.unchanged + r.skipped).toBe(r.rowsDone);
    const search = await openSearchIndex(tdb.url, dialect);
    try {
      expect(await search.size()).toBe(ids.length);
      await search.check();
    } finally {
      await search.close();
    }
    return ids.length;
  }

  it("keeps whole batches at three kill points and finishes with one ad per Id", async () => {
    // 1. A new import from the file, killed after its first batch.
    const first = await killAt([file], 1);
    const afterFirst = await expectConsistent(first);
    // 20,000 ads into an empty table is a bulk load: the read indexes were dropped, to be built at the end.
    expect(await adIndexes(tdb.url, dialect)).toEqual({});

    // 2. The same import run again (what a job runner does after a server died), killed further on.
    const second = await killAt(["--job", first.id], afterFirst + 4000);
    expect(second.id).toBe(first.id);
    const afterSecond = await expectConsistent(second);
    expect(afterSecond).toBeGreaterThan(afterFirst);
    // It resumed after the first run's last batch: those rows were not written (or counted) again.
    expect(second).toMatchObject({ created: afterSecond, unchanged: 0 });

    // 3. Again, killed later still (a crash can come at any batch).
    const third = await killAt(["--job", first.id], afterSecond + 4000);
    const afterThird = await expectConsistent(third);
    expect(afterThird).toBeGreaterThan(afterSecond);
    expect(third).toMatchObject({ created: afterThird, unchanged: 0 });

    // 4. Run it again to the end.
    const done = await cli(["--job", first.id], tdb.url).exited;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain(`Import ${first.id}: SUCCEEDED`);
    const r = (await mon.latest())!;
    // The report reads as one run's: every good row created once, every bad row skipped once.
    expect(r).toMatchObject({ id: first.id, status: "SUCCEEDED", rowsDone: ROWS, skipped: expected.bad.length, updated: 0, unchanged: 0, created: expected.good.length });

    // The finished run built the read indexes again.
    expect(Object.keys(await adIndexes(tdb.url, dialect)).sort()).toEqual(AD_READ_INDEXES.map((ix) => ix.name).sort());
    const ids = await mon.adIds();
    expect(ids).toHaveLength(expected.good.length);
    expect(new Set(ids).size).toBe(expected.good.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(expected.good.map((g) => g.id).sort((a, b) => a - b));
    // Each problem is reported once, though the file was read four times.
    expect(await mon.issues(first.id)).toEqual(expected.bad.map((b) => b.line));
    expect(r.errors).toBe(expected.bad.length);

    const search = await openSearchIndex(tdb.url, dialect);
    try {
      expect(await search.size()).toBe(expected.good.length);
      await search.check();
      // The last ad written is searchable by its title.
      const wordsOf = (t: string) =>
        t
          .split(/\s+/)
          .filter((w) => /^[A-Za-z]{4,}$/.test(w))
          .join(" ");
      const last = [...expected.good].reverse().find((g) => wordsOf(g.title))!;
      expect(await search.findInTitle(wordsOf(last.title))).toContain(await mon.adId(last.id));
    } finally {
      await search.close();
    }
  }, 90_000);
});
