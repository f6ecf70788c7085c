// Counters that move whenever the data under a cache changes; caches of derived data (facet
// counts, tag counts) key on them. "ads" moves with the ads themselves (imports per batch in the
// import stores' raw SQL, the app through bumpAdsVersion); "tags" with which ads carry which tags
// (bumpTagsVersion), so tagging does not throw away the facet counts that do not involve tags;
// "applications" with who applied where and in which stage (the table's "with applications" filter).
import type { Db } from "@/lib/db/client";

export const ADS_COUNTER = "ads";
export const TAGS_COUNTER = "tags";
export const APPLICATIONS_COUNTER = "applications";

function bump(tx: Pick<Db, "counter">, key: string) {
  return tx.counter.upsert({ where: { key }, create: { key, value: 1 }, update: { value: { increment: 1 } } });
}

export const bumpAdsVersion = (tx: Pick<Db, "counter">) => bump(tx, ADS_COUNTER);
export const bumpTagsVersion = (tx: Pick<Db, "counter">) => bump(tx, TAGS_COUNTER);
export const bumpApplicationsVersion = (tx: Pick<Db, "counter">) => bump(tx, APPLICATIONS_COUNTER);

export async function adsVersion(db: Pick<Db, "counter">): Promise<number> {
  return (await db.counter.findUnique({ where: { key: ADS_COUNTER }, select: { value: true } }))?.value ?? 0;
}

/** The counters in one read. */
export async function dataVersions(db: Pick<Db, "counter">): Promise<{ ads: number; tags: number; applications: number }> {
  const rows = await db.counter.findMany({ where: { key: { in: [ADS_COUNTER, TAGS_COUNTER, APPLICATIONS_COUNTER] } }, select: { key: true, value: true } });
  const of = (k: string) => rows.find((r) => r.key === k)?.value ?? 0;
  return { ads: of(ADS_COUNTER), tags: of(TAGS_COUNTER), applications: of(APPLICATIONS_COUNTER) };
}
