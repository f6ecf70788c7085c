// The secondary indexes on "Ad" that only the app's reads need (facets, filters, sorts). A bulk
// import drops them and builds them again at its end: keeping ten B-trees in step row by row
// costs more than the rest of the insert (a 50,000-ad import ran 8.9 s with them, 5.6 s without,
// and building them afterwards took 0.35 s). The unique Adzuna Id index always stays: the import
// merges through it.
//
// Dropped indexes are never left behind for long: every import ends by creating whatever is
// missing (also after a failure), a re-run after a crash does the same, and so does every
// migration run (ENSURE_AD_INDEXES_SQL). `tests/db/ad-indexes.test.ts` checks this list against the
// indexes the migrations create, on both databases.

export type AdIndex = { name: string; columns: readonly string[] };

export const AD_READ_INDEXES: readonly AdIndex[] = [
  { name: "Ad_facets_idx", columns: ["category", "status", "contractType", "contractTime", "source", "regionId", "salaryAnnual", "companyId", "locationId"] },
  { name: "Ad_companyId_idx", columns: ["companyId"] },
  { name: "Ad_locationId_idx", columns: ["locationId"] },
  { name: "Ad_source_idx", columns: ["source"] },
  { name: "Ad_regionId_idx", columns: ["regionId"] },
  { name: "Ad_status_idx", columns: ["status"] },
  { name: "Ad_salaryAnnual_id_idx", columns: ["salaryAnnual", "id"] },
  { name: "Ad_updatedAt_id_idx", columns: ["updatedAt", "id"] },
  { name: "Ad_createdAt_id_idx", columns: ["createdAt", "id"] },
  { name: "Ad_titleKey_id_idx", columns: ["titleKey", "id"] },
  { name: "Ad_duplicateGroupId_idx", columns: ["duplicateGroupId"] },
];

/** The same SQL on SQLite and PostgreSQL. */
export const createAdIndexSql = (ix: AdIndex) => `CREATE INDEX IF NOT EXISTS "${ix.name}" ON "Ad"(${ix.columns.map((c) => `"${c}"`).join(", ")})`;
export const dropAdIndexSql = (ix: AdIndex) => `DROP INDEX IF EXISTS "${ix.name}"`;
/** One script for all of them: builds those missing / drops those present. */
export const ENSURE_AD_INDEXES_SQL = AD_READ_INDEXES.map(createAdIndexSql).join(";\n");
export const DROP_AD_INDEXES_SQL = AD_READ_INDEXES.map(dropAdIndexSql).join(";\n");

/** Imports of at least this many ads (estimated from the file size)… */
export const BULK_MIN_ADS = 20_000;
/** …that would at least double the table are bulk loads (roughly the size of one Adzuna CSV row). */
export const BYTES_PER_AD_ESTIMATE = 1_500;

/**
 * Whether an import of `bytes` into a table of `existingAds` should build the read indexes after
 * loading instead of row by row. While it runs, the table's queries read without them (slower,
 * still correct); small imports into a big table keep them.
 */
export function isBulkLoad(bytes: number, existingAds: number): boolean {
  const estimate = bytes / BYTES_PER_AD_ESTIMATE;
  return estimate >= BULK_MIN_ADS && estimate >= existingAds;
}
