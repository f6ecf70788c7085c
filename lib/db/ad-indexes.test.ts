import { describe, expect, it } from "vitest";
import { AD_READ_INDEXES, BULK_MIN_ADS, BYTES_PER_AD_ESTIMATE, createAdIndexSql, isBulkLoad } from "./ad-indexes";

describe("bulk loads", () => {
  const mb = 1024 * 1024;
  it("are big imports into a table they would at least double", () => {
    expect(isBulkLoad(400 * mb, 0)).toBe(true); // the full Adzuna file into a new database
    expect(isBulkLoad(400 * mb, 240_000)).toBe(true); // …or into one holding fewer ads than it brings
    expect(isBulkLoad(80 * mb, 250_000)).toBe(false); // 50,000 ads into 250,000: keep the indexes
  });
  it("are never small files, even into an empty table", () => {
    expect(isBulkLoad(4 * mb, 0)).toBe(false); // the 2,499-ad sample
    expect(isBulkLoad(BULK_MIN_ADS * BYTES_PER_AD_ESTIMATE - 1, 0)).toBe(false);
    expect(isBulkLoad(BULK_MIN_ADS * BYTES_PER_AD_ESTIMATE, 0)).toBe(true);
  });
});

describe("the ads' read indexes", () => {
  it("are created only when missing, with quoted names", () => {
    expect(createAdIndexSql(AD_READ_INDEXES.find((i) => i.name === "Ad_updatedAt_id_idx")!)).toBe(`CREATE INDEX IF NOT EXISTS "Ad_updatedAt_id_idx" ON "Ad"("updatedAt", "id")`);
  });
});
