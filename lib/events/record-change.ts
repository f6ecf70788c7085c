// What is recorded when something changes: one audit event (who did what to which record, with
// the changes) and a bump of every data counter whose cached answers the change makes stale
// (lib/ads/version.ts: facet counts, tag counts, application filters, dashboard numbers). One
// function, called inside the caller's transaction: a change and its record commit together, and
// a stale cache cannot come from a forgotten counter bump — the counters follow from the action.
import type { Db } from "@/lib/db/client";
import { ADS_COUNTER, APPLICATIONS_COUNTER, TAGS_COUNTER } from "@/lib/ads/version";

type Counter = typeof ADS_COUNTER | typeof TAGS_COUNTER | typeof APPLICATIONS_COUNTER;

/** Every action the app records, and the counters it moves ("entity.verb"). */
export const CHANGES = {
  "ad.edit": [ADS_COUNTER],
  "ads.close": [ADS_COUNTER],
  "ads.reopen": [ADS_COUNTER],
  "ads.tag": [TAGS_COUNTER],
  "ads.untag": [TAGS_COUNTER],
  "tag.create": [],
  "tag.update": [TAGS_COUNTER],
  "tag.merge": [TAGS_COUNTER],
  "tag.delete": [TAGS_COUNTER],
  "application.create": [APPLICATIONS_COUNTER],
  "application.move": [APPLICATIONS_COUNTER],
  "application.rate": [],
  "application.note": [],
  "stage.rename": [],
  "stage.reorder": [],
  "candidate.create": [],
  "candidate.update": [],
  "candidate.merge": [APPLICATIONS_COUNTER],
  "candidate.export": [],
  "candidate.erase": [],
  "user.create": [],
  "user.change-role": [],
  "user.deactivate": [],
  "user.reactivate": [],
  "user.reset-password": [],
  "user.sign-out-everywhere": [],
  // An import's batches move the ads counter as they commit (IMPORT_BATCH_COUNTERS).
  "import.finish": [],
  "import.fail": [],
  "import.revert": [ADS_COUNTER],
  // Near-duplicate groups (lib/ads/duplicates.ts): an admin's "not a duplicate", closing a group's
  // copies, a full rebuild.
  "duplicates.mark": [ADS_COUNTER],
  "duplicates.close-copies": [ADS_COUNTER],
  "duplicates.rebuild": [ADS_COUNTER],
  // A salary model trained on request; adopted (every salary-less ad's estimate recomputed).
  "salary.retrain": [],
  "salary.adopt": [ADS_COUNTER],
  // Estimates for ads an import added, from the adopted model.
  "salary.estimate": [ADS_COUNTER],
} as const satisfies Record<string, readonly Counter[]>;

export type ChangeAction = keyof typeof CHANGES;

export type Change = {
  action: ChangeAction;
  actorId: string | null;
  /** The record ("ad" 42, "ads" "bulk", "user" id…); the entity is the action's first word. */
  entityId: string | number;
  changes?: Record<string, unknown>;
};

type Tx = Pick<Db, "auditEvent" | "counter">;

/** Bumps one counter (in the caller's transaction). */
export function bumpCounter(tx: Pick<Db, "counter">, key: Counter) {
  return tx.counter.upsert({ where: { key }, create: { key, value: 1 }, update: { value: { increment: 1 } } });
}

export async function recordChange(tx: Tx, c: Change): Promise<void> {
  const [entity, action] = c.action.split(".");
  await tx.auditEvent.create({
    data: { actorId: c.actorId, entity, entityId: String(c.entityId), action, changes: c.changes ? JSON.stringify(c.changes) : null },
  });
  // One at a time: a transaction is one connection.
  for (const key of CHANGES[c.action]) await bumpCounter(tx, key);
}

/**
 * The counter bump as SQL, for the import stores' own connections (bulk paths without Prisma):
 * `?` is the counter's key. The same text runs on SQLite and PostgreSQL.
 */
export const COUNTER_BUMP_SQL = `INSERT INTO "Counter" ("key", "value") VALUES (?, 1) ON CONFLICT ("key") DO UPDATE SET "value" = "Counter"."value" + 1`;

/** The counters an import batch that changed ads moves. */
export const IMPORT_BATCH_COUNTERS: readonly Counter[] = [ADS_COUNTER];

/** The audit verb for an import that ended (its stores write the event with their own connection). */
export function importAction(status: string): "finish" | "fail" {
  const action: ChangeAction = status === "SUCCEEDED" ? "import.finish" : "import.fail";
  return action.split(".")[1] as "finish" | "fail";
}
