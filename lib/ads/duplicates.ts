// Near-duplicate groups for the app: an ad's copies ("Also advertised as"), an admin's "not a
// duplicate", closing a group's copies, a full rebuild. The detector's state and the sync step are
// in duplicate-store.ts (driver connections, shared with the import process).
import { dialectOfDb, getDb, urlOfDb, type Db } from "@/lib/db/client";
import { Sql } from "@/lib/db/sql";
import { targetSql, type AdTarget } from "@/lib/tags/service";
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { logger } from "@/lib/log";
import { setStatus } from "./bulk";
import { syncDuplicates, type SyncProgress, type SyncResult } from "./duplicate-store";

export type DuplicateRow = {
  id: number;
  title: string;
  company: string | null;
  town: string | null;
  source: string | null;
  createdAt: Date;
  status: "OPEN" | "CLOSED";
  /** Text similarity to the group's first ad (1 for the first ad itself). */
  similarity: number;
  /** The group's first ad (its representative). */
  first: boolean;
};

/** The other ads of an ad's group, earliest first; empty when it is alone. */
export async function adCopies(adId: number, db: Db = getDb()): Promise<DuplicateRow[]> {
  const ad = await db.ad.findUnique({ where: { id: adId }, select: { duplicateGroupId: true } });
  if (!ad?.duplicateGroupId) return [];
  const group = ad.duplicateGroupId;
  const members = await db.ad.findMany({
    where: { duplicateGroupId: group, id: { not: adId } },
    select: {
      id: true,
      title: true,
      source: true,
      createdAt: true,
      status: true,
      locationNormalized: true,
      company: { select: { name: true } },
      location: { select: { name: true } },
    },
  });
  const fps = await db.adFingerprint.findMany({ where: { adId: { in: members.map((m) => m.id) } }, select: { adId: true, similarity: true, seq: true } });
  const byId = new Map(fps.map((f) => [f.adId, f]));
  return members
    .map((m) => ({
      id: m.id,
      title: m.title,
      company: m.company?.name ?? null,
      town: m.location?.name ?? m.locationNormalized ?? null,
      source: m.source,
      createdAt: m.createdAt,
      status: m.status,
      similarity: m.id === group ? 1 : (byId.get(m.id)?.similarity ?? 0),
      first: m.id === group,
      seq: byId.get(m.id)?.seq ?? 0,
    }))
    .sort((a, b) => a.seq - b.seq || a.id - b.id)
    .map(({ seq: _seq, ...row }) => row);
}

/**
 * An admin says two ads of one group are different vacancies: the mark is stored and recorded,
 * then the groups are brought up to date (the later ad leaves, and never returns — also after a
 * rebuild).
 */
export async function markNotDuplicate(adId: number, otherId: number, actorId: string, db: Db = getDb()): Promise<void> {
  if (adId === otherId) throw new UserError("An ad cannot be a copy of itself.");
  const [a, b] = [Math.min(adId, otherId), Math.max(adId, otherId)];
  await db.$transaction(async (tx) => {
    const found = await tx.ad.count({ where: { id: { in: [a, b] } } });
    if (found !== 2) throw new UserError("That ad no longer exists.", "NOT_FOUND");
    await tx.duplicateMark.upsert({ where: { adA_adB: { adA: a, adB: b } }, create: { adA: a, adB: b, createdById: actorId }, update: {} });
    await recordChange(tx, { action: "duplicates.mark", actorId, entityId: a, changes: { notDuplicate: [a, b] } });
  });
  await refreshDuplicatesAfter(db, `ads ${a} and ${b} marked as different`);
}

/**
 * Closes the copies (every ad but the first) of the groups the given ads are in, in one change
 * recorded in each ad's history and the audit log.
 */
export async function closeCopies(target: AdTarget, actorId: string, db: Db = getDb()): Promise<{ changed: number }> {
  const selected = targetSql(target, dialectOfDb(db));
  const where = Sql.of(` WHERE a."id" <> a."duplicateGroupId" AND a."duplicateGroupId" IN (SELECT a."duplicateGroupId"`).append(selected.from).append(selected.where).append(")");
  return setStatus({ from: Sql.of(` FROM "Ad" a`), where }, "CLOSED", actorId, db, "duplicates.close-copies");
}

/** Brings groups up to date with the ads (after an edit or a revert). */
export function refreshDuplicates(db: Db = getDb()): Promise<SyncResult> {
  return syncDuplicates(urlOfDb(db));
}

/** The same after a change that has committed: a failure is logged, not shown (the next run does the work). */
export async function refreshDuplicatesAfter(db: Db, what: string): Promise<void> {
  try {
    // A rebuild holding the lease for minutes must not hold up a save: after a short wait the
    // change is left to the next run (any import, edit, mark or rebuild finds it).
    await syncDuplicates(urlOfDb(db), { waitMs: 5000 });
  } catch (e) {
    logger.error("near-duplicate grouping failed (the next import, edit or rebuild redoes it)", { after: what, error: e });
  }
}

/** Forgets every group and finds them again from scratch, keeping the "not a duplicate" marks (in-process: tests, scripts). */
export async function rebuildDuplicates(actorId: string | null, db: Db = getDb(), onProgress?: (p: SyncProgress) => void): Promise<SyncResult> {
  const result = await syncDuplicates(urlOfDb(db), { rebuild: true, onProgress });
  await db.$transaction((tx) =>
    recordChange(tx, { action: "duplicates.rebuild", actorId, entityId: "all", changes: { ads: result.fingerprinted + result.unchanged, ms: result.ms } }),
  );
  return result;
}

export type { SyncProgress, SyncResult };
