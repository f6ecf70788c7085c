// SQLite's search snippets come from a scratch FTS5 table holding only the page's ads
// (lib/ads/snippets-sqlite.ts). They must be the very snippets the real index gives: checked here
// against snippet() on "ad_fts" for every kind of search, over the real sample. (PostgreSQL's
// ts_headline works on the page's rows already.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAdsPage } from "@/lib/ads/find-ads";
import { parseSearch, toFts5 } from "@/lib/search/query";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { createDb, type Db } from "@/lib/db/client";
import { sampleDatabase } from "../support/import-db";
import type { TestDatabase } from "../support/test-db";

const SEARCHES = ["manager", '"care assistant"', "chef OR cook", "develop*", "engineer -software", "nurs*", "sales manager london", "c++", "£30,000"];

describe("search snippets on sqlite", () => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await sampleDatabase("snippets_sqlite", "sqlite");
    db = createDb(tdb.url);
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it.each(SEARCHES)("%s: the page's snippets are the full index's", async (q) => {
    const page = await findAdsPage(loadAdsTableParams(`?q=${encodeURIComponent(q)}&perPage=100`), { db, cache: false });
    expect(page.rows.length).toBeGreaterThan(0);
    const ids = page.rows.map((r) => r.id);
    const real = await db.$queryRawUnsafe<{ id: number | bigint; s: string }[]>(
      `SELECT rowid AS id, snippet("ad_fts", 1, char(1), char(2), '…', 18) AS s FROM "ad_fts" WHERE "ad_fts" MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      toFts5(parseSearch(q)),
      JSON.stringify(ids),
    );
    const expected = new Map(real.map((r) => [Number(r.id), r.s]));
    expect(page.rows.map((r) => [r.id, r.snippet])).toEqual(ids.map((id) => [id, expected.get(id) ?? null]));
    // Highlights are there to see (a match in the description is marked), not all empty.
    expect(page.rows.some((r) => r.snippet?.includes("\u0001"))).toBe(true);
  });
});
