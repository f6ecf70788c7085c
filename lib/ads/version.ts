// The "ads" counter moves whenever ads change; caches of derived data (facet counts) key on it.
// Writers bump it in the same transaction as their change: imports per batch (raw SQL in the
// import stores), the app through bumpAdsVersion.
import type { Db } from "@/lib/db/client";

export const ADS_COUNTER = "ads";

export function bumpAdsVersion(tx: Pick<Db, "counter">) {
  return tx.counter.upsert({ where: { key: ADS_COUNTER }, create: { key: ADS_COUNTER, value: 1 }, update: { value: { increment: 1 } } });
}

export async function adsVersion(db: Pick<Db, "counter">): Promise<number> {
  return (await db.counter.findUnique({ where: { key: ADS_COUNTER }, select: { value: true } }))?.value ?? 0;
}
