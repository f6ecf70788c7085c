// The read indexes a bulk import drops and rebuilds (lib/db/ad-indexes.ts) are exactly the ones the
// migrations make, on both databases; the ads table answers the same without them; and a migration
// run puts back any an interrupted import left missing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { AD_READ_INDEXES } from "@/lib/db/ad-indexes";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openImportStore } from "@/lib/import/pipeline";
import { adIndexes, importFiles, SAMPLE_CSV, sampleDatabase } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

const expected = Object.fromEntries(AD_READ_INDEXES.map((ix) => [ix.name, [...ix.columns]]));

describe.each(testDialects())("the ads' read indexes on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await sampleDatabase(`ad_indexes_${dialect}`, dialect);
    db = createDb(tdb.url);
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("are the ones the migrations create, column for column", async () => {
    expect(await adIndexes(tdb.url, dialect)).toEqual(expected);
  });

  it("can be missing while a bulk import loads: the table shows the same pages and counts", async () => {
    const queries = ["", "?category=it-jobs&sort=-salary", "?time=permanent&sort=title&page=3", "?q=engineer&type=contract", "?sort=created"];
    const page = (q: string) => findAdsPage(loadAdsTableParams(q), { db, cache: false });
    const before = await Promise.all(queries.map(page));
    const store = openImportStore(tdb.url);
    try {
      await store.dropAdIndexes();
      expect(await adIndexes(tdb.url, dialect)).toEqual({});
      const during = await Promise.all(queries.map(page));
      expect(during).toEqual(before);
      expect(during[0].total).toBeGreaterThan(2000);

      // An import that stopped before rebuilding them leaves them to the next start-up's migration run.
      await migrate(tdb.url);
      expect(await adIndexes(tdb.url, dialect)).toEqual(expected);

      // And every import ends with them in place, whatever it started with.
      await store.dropAdIndexes();
      await importFiles(tdb.url, store, [{ path: SAMPLE_CSV }]);
      expect(await adIndexes(tdb.url, dialect)).toEqual(expected);
    } finally {
      await store.close();
    }
  });
});
