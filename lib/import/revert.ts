// Reverting an import (admins): delete the ads it created, restore the fields it changed, and say
// what was kept. An ad changed again since the import (its version moved on) keeps its current
// values; the summary counts it. Everything happens in one transaction.
import { recordChange } from "@/lib/events/record-change";
import { getDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import type { RevertSummary } from "./imports";
import type { MergeField } from "./merge";
import { titleKey } from "@/lib/ads/derive";
import { refreshDuplicatesAfter } from "@/lib/ads/duplicates";
import { companyKey } from "./normalise";
import { emailKey, phoneKey } from "@/lib/candidates/keys";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function companyIdFor(tx: Tx, name: unknown): Promise<number | null> {
  if (typeof name !== "string" || !name) return null;
  const key = companyKey(name);
  const c = await tx.company.upsert({ where: { nameKey: key }, create: { name, nameKey: key }, update: {}, select: { id: true } });
  return c.id;
}

export async function revertImport(importId: string, actorId: string, db: Db = getDb()): Promise<RevertSummary> {
  const kind = (await db.import.findUnique({ where: { id: importId }, select: { kind: true } }))?.kind;
  if (kind === "candidates") return revertCandidateImport(importId, actorId, db);
  const summary = await revertTransaction(importId, actorId, db);
  // Deleted ads leave their groups; restored ones are placed again.
  await refreshDuplicatesAfter(db, `import ${importId} reverted`);
  return summary;
}

/** Only a finished import, once: the same rule for ad and candidate imports. */
async function assertRevertable(tx: Pick<Db, "import">, importId: string): Promise<void> {
  const imp = await tx.import.findUnique({ where: { id: importId }, select: { status: true } });
  if (!imp) throw new UserError("That import does not exist.", "NOT_FOUND");
  if (imp.status === "REVERTED") throw new UserError("That import has already been reverted.", "CONFLICT");
  if (imp.status !== "SUCCEEDED" && imp.status !== "FAILED") throw new UserError("Only a finished import can be reverted.", "CONFLICT");
}

function revertTransaction(importId: string, actorId: string, db: Db): Promise<RevertSummary> {
  return db.$transaction(
    async (tx) => {
      await assertRevertable(tx, importId);

      // 1. Fields it changed. An Id repeated far apart in a file can change an ad twice: restore the
      // values from before the first change, if nobody changed the ad after the last one.
      const changes = await tx.adChange.findMany({
        where: { importId, source: "IMPORT", ad: { importId: { not: importId } } },
        orderBy: { id: "asc" },
        select: { adId: true, changes: true, versionAfter: true, ad: { select: { version: true } } },
      });
      const perAd = new Map<number, { before: Map<string, unknown>; after: Map<string, unknown>; versionAfter: number; version: number }>();
      for (const c of changes) {
        const entry = perAd.get(c.adId) ?? { before: new Map(), after: new Map(), versionAfter: 0, version: c.ad.version };
        for (const [field, [before, after]] of Object.entries(JSON.parse(c.changes) as Record<string, [unknown, unknown]>)) {
          if (!entry.before.has(field)) entry.before.set(field, before);
          entry.after.set(field, after);
        }
        entry.versionAfter = c.versionAfter;
        perAd.set(c.adId, entry);
      }
      let restored = 0;
      let keptChanged = 0;
      for (const [adId, e] of perAd) {
        if (e.version !== e.versionAfter) {
          keptChanged++;
          continue;
        }
        const data: Record<string, unknown> = {};
        const back: Record<string, [unknown, unknown]> = {};
        for (const [field, before] of e.before as Map<MergeField, unknown>) {
          if (field === "companyName") data.companyId = await companyIdFor(tx, before);
          else if (field === "description") data.text = { update: { description: String(before) } };
          else data[field] = before;
          if (field === "title") data.titleKey = titleKey(String(before));
          // A salary restored to none has no source; a real one restored stays a real one.
          if (field === "salaryAnnual" && before == null) data.salarySource = null;
          if (field === "locationId" && before == null) data.locationSource = null;
          if (field === "locationId")
            data.regionId = before == null ? null : ((await tx.location.findUnique({ where: { id: Number(before) }, select: { regionId: true } }))?.regionId ?? null);
          back[field] = [e.after.get(field), before];
        }
        const updated = await tx.ad.update({ where: { id: adId }, data: { ...data, version: { increment: 1 } }, select: { version: true } });
        await tx.adChange.create({ data: { adId, actorId, importId, source: "REVERT", changes: JSON.stringify(back), versionAfter: updated.version } });
        restored++;
      }

      // 2. Ads it created, unless someone has applied for them since: those roles are in use.
      const keptWithApplications = await tx.ad.count({ where: { importId, applications: { some: {} } } });
      const { count: deleted } = await tx.ad.deleteMany({ where: { importId, applications: { none: {} } } });

      const summary: RevertSummary = { deleted, restored, keptChanged, keptWithApplications };
      await tx.import.update({
        where: { id: importId },
        data: { status: "REVERTED", revertedAt: new Date(), revertedById: actorId, revertSummary: JSON.stringify(summary) },
      });
      await recordChange(tx, { action: "import.revert", actorId, entityId: importId, changes: summary });
      return summary;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

/**
 * A candidate import: the candidates it created are deleted (unless put forward since: kept), the
 * fields it changed on existing candidates (merged by email) restored while nobody changed them since.
 */
function revertCandidateImport(importId: string, actorId: string, db: Db): Promise<RevertSummary> {
  return db.$transaction(
    async (tx) => {
      await assertRevertable(tx, importId);
      const changes = await tx.candidateImportChange.findMany({
        where: { importId, candidate: { OR: [{ importId: null }, { importId: { not: importId } }] } },
        orderBy: { id: "asc" },
        select: { candidateId: true, changes: true, versionAfter: true, candidate: { select: { version: true, erasedAt: true } } },
      });
      const perCandidate = new Map<number, { before: Map<string, unknown>; versionAfter: number; version: number; erased: boolean }>();
      for (const c of changes) {
        const e = perCandidate.get(c.candidateId) ?? { before: new Map(), versionAfter: 0, version: c.candidate.version, erased: c.candidate.erasedAt !== null };
        for (const [field, [before]] of Object.entries(JSON.parse(c.changes) as Record<string, [unknown, unknown]>)) if (!e.before.has(field)) e.before.set(field, before);
        e.versionAfter = c.versionAfter;
        perCandidate.set(c.candidateId, e);
      }
      let restored = 0;
      let keptChanged = 0;
      for (const [id, e] of perCandidate) {
        if (e.erased || e.version !== e.versionAfter) {
          keptChanged++;
          continue;
        }
        const data: Record<string, unknown> = Object.fromEntries(e.before);
        if ("email" in data) data.emailKey = emailKey(data.email as string | null);
        if ("phone" in data) data.phoneKey = phoneKey(data.phone as string | null);
        if ("locationId" in data)
          data.regionId =
            data.locationId == null ? null : ((await tx.location.findUnique({ where: { id: Number(data.locationId) }, select: { regionId: true } }))?.regionId ?? null);
        await tx.candidate.update({ where: { id }, data: { ...data, sourceHash: null, version: { increment: 1 } } });
        restored++;
      }
      const keptWithApplications = await tx.candidate.count({ where: { importId, applications: { some: {} } } });
      const { count: deleted } = await tx.candidate.deleteMany({ where: { importId, applications: { none: {} } } });
      const summary: RevertSummary = { deleted, restored, keptChanged, keptWithApplications };
      await tx.import.update({ where: { id: importId }, data: { status: "REVERTED", revertedAt: new Date(), revertedById: actorId, revertSummary: JSON.stringify(summary) } });
      await recordChange(tx, { action: "import.revert", actorId, entityId: importId, changes: { ...summary, kind: "candidates" } });
      return summary;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
