// One ad: everything the ad page shows, its history, and the admin edit with optimistic
// concurrency (a save against a version someone else has moved on is refused, with their values).
import { recordChange } from "@/lib/events/record-change";
import { getDb, type Db } from "@/lib/db/client";
import { dialectOfDb } from "@/lib/db/dialect";
import { logger } from "@/lib/log";
import { estimateAdNow } from "@/lib/salary-estimates/estimates";
import { refreshDuplicatesAfter } from "./duplicates";
import { UserError } from "@/lib/errors";
import { deriveEditedSalary, regionOf, titleKey } from "./derive";
import { companyKey } from "@/lib/import/normalise";
import { getLocationTree } from "@/lib/locations/tree-cache";
import type { TAdFields, TAdFieldsInput } from "./schemas";

/** An ad's own fields, as the ad page and the CSV export read them. */
export const adFieldsSelect = {
  id: true,
  externalId: true,
  title: true,
  text: { select: { description: true } },
  company: { select: { id: true, name: true } },
  locationId: true,
  locationRaw: true,
  locationNormalized: true,
  category: true,
  contractType: true,
  contractTime: true,
  salaryRaw: true,
  salaryMin: true,
  salaryMax: true,
  salaryPeriod: true,
  salaryAnnual: true,
  salarySource: true,
  locationSource: true,
  salaryEstimate: true,
  salaryEstimateLow: true,
  salaryEstimateHigh: true,
  salaryModelId: true,
  source: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

const adSelect = {
  ...adFieldsSelect,
  import: { select: { id: true, createdAt: true, origin: true, createdBy: { select: { name: true } } } },
  tags: { select: { createdAt: true, createdBy: { select: { name: true } }, tag: { select: { id: true, name: true, color: true } } }, orderBy: { tag: { name: "asc" } } },
} as const;

/** An ad picked by its Adzuna Id (pickers accept one typed whole). */
export async function findAdByExternalId(externalId: number, db: Db = getDb()) {
  const ad = await db.ad.findUnique({ where: { externalId }, select: { id: true, title: true, company: { select: { name: true } } } });
  return ad && { id: ad.id, title: ad.title, company: ad.company?.name ?? null };
}

export async function getAd(id: number, db: Db = getDb()) {
  const ad = await db.ad.findUnique({ where: { id }, select: adSelect });
  if (!ad) return null;
  const tree = await getLocationTree(db);
  const node = ad.locationId ? tree.byId.get(ad.locationId) : undefined;
  return {
    ...ad,
    description: ad.text?.description ?? "",
    locationPath: node ? node.path.split("~") : null,
    locationLabel: tree.label(ad.locationId),
  };
}
export type AdDetail = NonNullable<Awaited<ReturnType<typeof getAd>>>;

/** Where the ad came from, for the end of its history: when, which import, who ran it. */
export function adCreation(ad: Pick<AdDetail, "createdAt" | "import">): { at: Date; importId: string | null; by: string | null } {
  return { at: ad.createdAt, importId: ad.import?.id ?? null, by: ad.import?.createdBy?.name ?? (ad.import?.origin === "cli" ? "command line" : null) };
}

export type HistoryEntry = {
  id: number;
  at: Date;
  source: "IMPORT" | "EDIT" | "BULK" | "REVERT";
  who: string;
  importId: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
};

/** How many changes the ad page shows (the newest); the rest are on the ad's history pages. */
export const HISTORY_ON_AD_PAGE = 10;
export const HISTORY_PER_PAGE = 50;
export type HistoryPage = { entries: HistoryEntry[]; total: number; page: number; pages: number; perPage: number };

/**
 * One page of an ad's changes, newest first. A page past the end gives the last page. An ad edited,
 * tagged and re-imported for years keeps every change; a page costs the same however many there are.
 */
export async function getAdHistory(id: number, opts: { page?: number; perPage?: number } = {}, db: Db = getDb()): Promise<HistoryPage> {
  const perPage = opts.perPage ?? HISTORY_PER_PAGE;
  const total = await db.adChange.count({ where: { adId: id } });
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
  const rows = await db.adChange.findMany({
    where: { adId: id },
    orderBy: { id: "desc" },
    skip: (page - 1) * perPage,
    take: perPage,
    select: { id: true, createdAt: true, source: true, changes: true, importId: true, actor: { select: { name: true } } },
  });
  const tree = await getLocationTree(db);
  const show = (field: string, v: unknown) => (field === "locationId" ? (tree.label(v as number) ?? v) : v);
  const entries = rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    source: r.source as HistoryEntry["source"],
    who: r.actor?.name ?? (r.importId ? "Import" : "System"),
    importId: r.importId,
    changes: Object.entries(JSON.parse(r.changes) as Record<string, [unknown, unknown]>).map(([field, [before, after]]) => ({
      field,
      before: show(field, before),
      after: show(field, after),
    })),
  }));
  return { entries, total, page, pages, perPage };
}

/** An ad as the edit form holds it (strings). */
export function toFormValues(ad: AdDetail): TAdFieldsInput {
  return {
    title: ad.title,
    description: ad.description,
    company: ad.company?.name ?? "",
    locationId: ad.locationId ? String(ad.locationId) : "",
    category: ad.category ?? "",
    contractType: ad.contractType ?? "",
    contractTime: ad.contractTime ?? "",
    salaryMin: ad.salaryMin === null ? "" : String(ad.salaryMin),
    salaryMax: ad.salaryMax === null ? "" : String(ad.salaryMax),
    salaryPeriod: ad.salaryPeriod ?? "",
    status: ad.status,
  };
}

export type EditConflict = { version: number; theirs: TAdFieldsInput; by: string | null; at: Date | null };

export async function updateAd(id: number, expectedVersion: number, fields: TAdFields, actorId: string, db: Db = getDb()): Promise<{ version: number }> {
  const tree = await getLocationTree(db);
  if (fields.locationId !== null && !tree.byId.has(fields.locationId)) throw new UserError("Choose a location from the list.", "INVALID", { field: "locationId" });
  const result = await db.$transaction(async (tx) => {
    const current = await getAd(id, tx as unknown as Db);
    if (!current) throw new UserError("That ad no longer exists.", "NOT_FOUND");
    if (current.version !== expectedVersion) {
      const last = await tx.adChange.findFirst({ where: { adId: id }, orderBy: { id: "desc" }, select: { createdAt: true, actor: { select: { name: true } } } });
      const conflict: EditConflict = { version: current.version, theirs: toFormValues(current), by: last?.actor?.name ?? null, at: last?.createdAt ?? null };
      throw new UserError("Someone saved this ad after you opened it. Compare their values with yours, then save again.", "CONFLICT", conflict);
    }

    const before: Record<string, unknown> = {
      title: current.title,
      description: current.description,
      companyName: current.company?.name ?? null,
      locationId: current.locationId,
      category: current.category,
      contractType: current.contractType,
      contractTime: current.contractTime,
      salaryMin: current.salaryMin,
      salaryMax: current.salaryMax,
      salaryPeriod: current.salaryPeriod,
      status: current.status,
    };
    const after: Record<string, unknown> = {
      title: fields.title,
      description: fields.description,
      companyName: fields.company,
      locationId: fields.locationId,
      category: fields.category,
      contractType: fields.contractType,
      contractTime: fields.contractTime,
      salaryMin: fields.salaryMin,
      salaryMax: fields.salaryMax,
      salaryPeriod: fields.salaryPeriod,
      status: fields.status,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of Object.keys(after)) {
      const same =
        k === "companyName" ? (before[k] == null ? null : companyKey(String(before[k]))) === (after[k] == null ? null : companyKey(String(after[k]))) : before[k] === after[k];
      if (!same) changes[k] = [before[k] ?? null, after[k] ?? null];
    }
    if (!Object.keys(changes).length) return { version: current.version };

    const data: Record<string, unknown> = { version: { increment: 1 } };
    if ("title" in changes) Object.assign(data, { title: fields.title, titleKey: titleKey(fields.title) });
    if ("description" in changes) data.text = { upsert: { create: { description: fields.description }, update: { description: fields.description } } };
    if ("companyName" in changes) {
      data.companyId = fields.company
        ? (
            await tx.company.upsert({
              where: { nameKey: companyKey(fields.company) },
              create: { name: fields.company, nameKey: companyKey(fields.company) },
              update: {},
              select: { id: true },
            })
          ).id
        : null;
    }
    if ("locationId" in changes) {
      Object.assign(data, { locationId: fields.locationId, regionId: fields.locationId ? regionOf(tree.byId.get(fields.locationId)) : null, locationSource: "admin" });
    }
    for (const k of ["category", "contractType", "contractTime", "status"] as const) if (k in changes) data[k] = fields[k];
    if ("salaryMin" in changes || "salaryMax" in changes || "salaryPeriod" in changes) {
      const { annual, source } = deriveEditedSalary(fields);
      Object.assign(data, { salaryMin: fields.salaryMin, salaryMax: fields.salaryMax, salaryPeriod: fields.salaryPeriod, salaryAnnual: annual, salarySource: source });
      // A real salary replaces the model's estimate (an ad left without one is estimated again below).
      if (annual !== null) Object.assign(data, { salaryEstimate: null, salaryEstimateLow: null, salaryEstimateHigh: null, salaryModelId: null });
    }

    // The version in the WHERE closes the gap between the check above and this write.
    const { count } = await tx.ad.updateMany({ where: { id, version: expectedVersion }, data: Object.fromEntries(Object.entries(data).filter(([k]) => k !== "text")) });
    if (!count) throw new UserError("Someone saved this ad at the same moment. Reload it and try again.", "CONFLICT");
    if (data.text) await tx.adText.upsert({ where: { adId: id }, create: { adId: id, description: fields.description }, update: { description: fields.description } });
    await tx.adChange.create({ data: { adId: id, actorId, source: "EDIT", changes: JSON.stringify(changes), versionAfter: expectedVersion + 1 } });
    await recordChange(tx, { action: "ad.edit", actorId, entityId: id, changes });
    return { version: expectedVersion + 1 };
  });
  // A new title, text, company, place or salary can move the ad to another group (or none).
  if (result.version !== expectedVersion) {
    await refreshDuplicatesAfter(db, `ad ${id} edited`);
    // Without a real salary, the adopted model prices what the ad says now (a no-op for an ad that has one).
    await estimateAdNow(db, dialectOfDb(db), id).catch((e) => logger.error("could not estimate the edited ad's salary", { adId: id, error: e }));
  }
  return result;
}
