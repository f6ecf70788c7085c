// Helpers for the import database tests: a migrated database with the location tree (loaded once,
// then cloned: loading 31,767 nodes through Prisma takes seconds), a full-text index inspector per
// dialect, and the expected outcome of importing the sample data worked out independently of the
// importer (csv-parse, regexes).
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropPgDatabase, freshPgDatabase } from "@/lib/db/pg-admin";
import { openSqlite } from "@/lib/db/raw";
import { FIELD_LIMITS, ADZUNA_COLUMNS } from "@/lib/import/adzuna-csv";
import { categoryFromFolder } from "@/lib/import/categories";
import { executeImport, openImportStore, type StoredFile } from "@/lib/import/pipeline";
import type { ImportStore } from "@/lib/import/writer";
import { loadLocationTree } from "@/lib/locations/load-tree";
import { createTestDatabase, type TestDatabase } from "./test-db";
import type { Dialect } from "@/lib/db/dialect";

export const SAMPLE_CSV = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
export const TEXT_ADS = path.resolve("../shared/data/adzuna/text-ads");
export const SYNTH = path.resolve("../shared/tools/adzuna-synth.mjs");
const TMP = path.resolve("tests/.tmp");

/** A migrated database holding the location tree, loaded with loadLocationTree as `npm run up` does. */
export async function treeDatabase(name: string, dialect: Dialect): Promise<TestDatabase> {
  const tdb = await createTestDatabase(name, dialect);
  const db = createDb(tdb.url);
  try {
    await loadLocationTree(db, "seeds/location-tree.csv");
  } finally {
    await db.$disconnect();
  }
  return tdb;
}

/** A test database with the location tree and the real sample (2,499 ads) imported. */
export async function sampleDatabase(name: string, dialect: Dialect): Promise<TestDatabase> {
  const tdb = await treeDatabase(name, dialect);
  const store = openImportStore(tdb.url);
  try {
    await importFiles(tdb.url, store, [{ path: SAMPLE_CSV }]);
  } finally {
    await store.close();
  }
  return tdb;
}

/** A copy of a test database (nothing may be connected to a PostgreSQL source while it is copied). */
export async function cloneDatabase(src: TestDatabase, name: string): Promise<TestDatabase> {
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  if (src.dialect === "sqlite") {
    const file = path.join(TMP, `${safe}.db`);
    const clean = () => ["", "-wal", "-shm", "-journal"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    const db = openSqlite(src.url);
    try {
      db.prepare("VACUUM INTO ?").run(file);
    } finally {
      db.close();
    }
    return { url: `file:${file}`, dialect: "sqlite", drop: async () => clean() };
  }
  const server = process.env.DATABASE_URL!;
  const from = new URL(src.url).pathname.slice(1);
  const dbName = `${new URL(server).pathname.slice(1)}_${safe}`.slice(0, 63);
  return { url: await freshPgDatabase(server, dbName, from), dialect: "postgres", drop: () => dropPgDatabase(server, dbName) };
}

/** The full-text index as the database holds it, read with the raw drivers. */
export type SearchIndex = {
  /** Documents in the index itself (not the content table). */
  size(): Promise<number>;
  /** Throws unless the index matches the ads exactly. */
  check(): Promise<void>;
  /** Ad ids whose indexed text has all the words (title, company or description). */
  find(words: string): Promise<number[]>;
  /** Ad ids whose indexed title has all the words. */
  findInTitle(words: string): Promise<number[]>;
  close(): Promise<void>;
};

const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export async function openSearchIndex(url: string, dialect: Dialect): Promise<SearchIndex> {
  if (dialect === "sqlite") {
    const db = openSqlite(url);
    const ids = (q: string) => db.prepare(`SELECT rowid FROM "ad_fts" WHERE "ad_fts" MATCH ? ORDER BY rowid`).pluck().all(q) as number[];
    return {
      // count(*) on an external-content FTS5 table reads the content (the view); docsize has one row per indexed document.
      size: async () => db.prepare(`SELECT count(*) FROM "ad_fts_docsize"`).pluck().get() as number,
      check: async () => {
        db.exec(`INSERT INTO "ad_fts"("ad_fts") VALUES ('integrity-check')`);
        // rank 1: also compare the index with the external content (the ads), which the plain check does not.
        db.exec(`INSERT INTO "ad_fts"("ad_fts", rank) VALUES ('integrity-check', 1)`);
      },
      find: async (w) =>
        ids(
          wordsOf(w)
            .map((x) => `"${x}"`)
            .join(" "),
        ),
      findInTitle: async (w) =>
        ids(
          `title : (${wordsOf(w)
            .map((x) => `"${x}"`)
            .join(" AND ")})`,
        ),
      close: async () => {
        db.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids = async (sql: string, p: unknown[]) => (await c.query<{ id: number }>(sql, p)).rows.map((r) => r.id);
  return {
    size: async () => Number((await c.query(`SELECT count(*)::int AS n FROM "ad_search"`)).rows[0].n),
    check: async () => {
      const { rows } = await c.query<{ id: number }>(
        `SELECT a."id" FROM "Ad" a JOIN "AdText" tx ON tx."adId" = a."id" LEFT JOIN "Company" co ON co."id" = a."companyId" LEFT JOIN "ad_search" s ON s."ad_id" = a."id"
         WHERE s."document" IS DISTINCT FROM ad_search_document(a."title", co."name", tx."description") LIMIT 5`,
      );
      if (rows.length) throw new Error(`ad_search is out of step with ads ${rows.map((r) => r.id).join(", ")}`);
      const orphans = await c.query(`SELECT count(*)::int AS n FROM "ad_search" s WHERE NOT EXISTS (SELECT 1 FROM "Ad" a WHERE a."id" = s."ad_id")`);
      if (orphans.rows[0].n) throw new Error(`${orphans.rows[0].n} ad_search rows without an ad`);
    },
    find: (w) => ids(`SELECT "ad_id" AS id FROM "ad_search" WHERE "document" @@ plainto_tsquery('english', $1) ORDER BY 1`, [w]),
    findInTitle: (w) =>
      ids(`SELECT "ad_id" AS id FROM "ad_search" WHERE "document" @@ to_tsquery('english', $1) ORDER BY 1`, [
        wordsOf(w)
          .map((x) => `${x}:A`)
          .join(" & "),
      ]),
    close: () => c.end(),
  };
}

/** The non-unique indexes on "Ad" as the database holds them: name → columns in order. */
export async function adIndexes(url: string, dialect: Dialect): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (dialect === "sqlite") {
    const db = openSqlite(url, { readonly: true });
    try {
      const names = db.prepare(`SELECT "name" FROM pragma_index_list('Ad') WHERE "unique" = 0`).pluck().all() as string[];
      for (const n of names) out[n] = db.prepare(`SELECT "name" FROM pragma_index_info(?) ORDER BY "seqno"`).pluck().all(n) as string[];
    } finally {
      db.close();
    }
    return out;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; columns: string[] }>(
      `SELECT ic.relname AS name, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = '"Ad"'::regclass AND NOT i.indisunique GROUP BY ic.relname`,
    );
    for (const r of rows) out[r.name] = r.columns;
  } finally {
    await c.end();
  }
  return out;
}

/** Runs an import the way the CLI does (an Import row, then executeImport), in-process. */
export async function importFiles(
  url: string,
  store: ImportStore,
  files: { path: string; name?: string; category?: string | null }[],
  duplicates: "beside" | "after" | "off" = "after",
) {
  const stored: StoredFile[] = files.map((f) => ({ name: f.name ?? path.basename(f.path), path: f.path, size: statSync(f.path).size, category: f.category ?? null }));
  const id = await store.createImport({ origin: "cli", userId: null, files: JSON.stringify(stored), bytesTotal: stored.reduce((a, f) => a + f.size, 0), status: "QUEUED" });
  const outcome = await executeImport(url, id, undefined, store, false, duplicates);
  const record = (await store.loadImport(id))!;
  return { id, outcome, record };
}

/** The text-ads folder as the CLI passes it: one file each, the category its folder names. */
export function textAdFiles(root = TEXT_ADS): { path: string; name: string; category: string | null }[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) =>
      readdirSync(path.join(root, d.name))
        .filter((f) => f.endsWith(".txt"))
        .sort()
        .map((f) => ({ path: path.join(root, d.name, f), name: `text-ads/${d.name}/${f}`, category: categoryFromFolder(d.name) })),
    );
}

export type ExpectedRow = { line: number; id: number; title: string; company: string | null; fields: Record<string, string> };

/**
 * What an Adzuna CSV should import, worked out with csv-parse: rows with 12 fields, a whole-number
 * Id, a Title and a FullDescription within the field limits are ads; the others are skipped.
 */
export function expectedCsv(file: string) {
  const records = parse(readFileSync(file), { info: true, relax_column_count: true, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0].record.map((h) => h.trim());
  const good: ExpectedRow[] = [];
  const bad: { line: number; id: string }[] = [];
  let line = 2;
  for (const { record, info } of records.slice(1)) {
    const f = Object.fromEntries(header.map((h, i) => [h, (record[i] ?? "").trim()]));
    const ok =
      record.length === header.length &&
      /^\d{1,9}$/.test(f.Id) &&
      Number(f.Id) > 0 &&
      f.Title !== "" &&
      f.FullDescription !== "" &&
      ADZUNA_COLUMNS.every((c) => (f[c] ?? "").length <= FIELD_LIMITS[c]);
    if (ok) good.push({ line, id: Number(f.Id), title: f.Title, company: f.Company || null, fields: f });
    else bad.push({ line, id: f.Id });
    line = info.lines + 1;
  }
  return { good, bad, rows: records.length - 1 };
}

/** Webindex of each text ad file. */
export function textAdIds(files: { path: string }[]): Map<string, number> {
  return new Map(files.map((f) => [f.path, Number(/^\s*Webindex\s*:\s*(\d+)/im.exec(readFileSync(f.path, "latin1"))![1])]));
}
