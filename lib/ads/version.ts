// Counters that move whenever the data under a cache changes; caches of derived data (facet
// counts, tag counts, dashboard numbers) key on them. "ads" moves with the ads themselves; "tags"
// with which ads carry which tags, so tagging does not throw away the facet counts that do not
// involve tags; "applications" with who applied where and in which stage. They are moved by
// lib/events/record-change.ts (which change moves which counter) and, per batch, by imports.
import type { Db } from "@/lib/db/client";

export const ADS_COUNTER = "ads";
export const TAGS_COUNTER = "tags";
export const APPLICATIONS_COUNTER = "applications";

export async function adsVersion(db: Pick<Db, "counter">): Promise<number> {
  return (await db.counter.findUnique({ where: { key: ADS_COUNTER }, select: { value: true } }))?.value ?? 0;
}

/** The counters in one read. */
export async function dataVersions(db: Pick<Db, "counter">): Promise<{ ads: number; tags: number; applications: number }> {
  const rows = await db.counter.findMany({ where: { key: { in: [ADS_COUNTER, TAGS_COUNTER, APPLICATIONS_COUNTER] } }, select: { key: true, value: true } });
  const of = (k: string) => rows.find((r) => r.key === k)?.value ?? 0;
  return { ads: of(ADS_COUNTER), tags: of(TAGS_COUNTER), applications: of(APPLICATIONS_COUNTER) };
}
