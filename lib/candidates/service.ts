// Candidates: create and edit (duplicates caught by email and phone), tags, merging two records,
// and the data-protection pair — export everything, erase the person but keep the statistics.
import { recordChange } from "@/lib/events/record-change";
import { getDb, Prisma, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { getLocationTree } from "@/lib/locations/tree-cache";
import { LocationResolver } from "@/lib/locations/resolve";
import { emailKey, phoneKey } from "./keys";
import type { TCandidateFields } from "./schemas";

export type DuplicateMatch = { id: number; name: string; email: string | null; phone: string | null; matchedOn: ("email" | "phone")[] };

/** Live candidates sharing the email or the phone number (written any common way). */
export async function findDuplicates(fields: { email: string | null; phone: string | null }, excludeId: number | null = null, db: Db = getDb()): Promise<DuplicateMatch[]> {
  const ek = emailKey(fields.email);
  const pk = phoneKey(fields.phone);
  if (!ek && !pk) return [];
  const found = await db.candidate.findMany({
    where: {
      erasedAt: null,
      ...(excludeId ? { id: { not: excludeId } } : {}),
      OR: [...(ek ? [{ emailKey: ek }] : []), ...(pk ? [{ phoneKey: pk }] : [])],
    },
    select: { id: true, name: true, email: true, phone: true, emailKey: true, phoneKey: true },
    take: 10,
  });
  return found.map((c) => ({
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    matchedOn: [...(ek && c.emailKey === ek ? (["email"] as const) : []), ...(pk && c.phoneKey === pk ? (["phone"] as const) : [])],
  }));
}

function columns(fields: TCandidateFields, place: { locationId: number | null; regionId: number | null }) {
  return { ...fields, ...place, emailKey: emailKey(fields.email), phoneKey: phoneKey(fields.phone) };
}

const resolverCache = globalThis as unknown as { __rdCandidateResolver?: LocationResolver };

/** The typed location's place on the UK tree and its region (matching and the region filters read them). */
async function placeOf(location: string | null, db: Db): Promise<{ locationId: number | null; regionId: number | null }> {
  if (!location) return { locationId: null, regionId: null };
  const tree = await getLocationTree(db);
  resolverCache.__rdCandidateResolver ??= new LocationResolver(tree.nodes);
  const r = resolverCache.__rdCandidateResolver.resolve(null, location);
  if (!r) return { locationId: null, regionId: null };
  return { locationId: r.node.id, regionId: tree.byId.get(r.node.id)?.regionId ?? null };
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

function emailTaken(duplicates: DuplicateMatch[]) {
  const owner = duplicates.find((d) => d.matchedOn.includes("email"))!;
  return new UserError(`${owner.name} already has this email address. Open their record instead.`, "CONFLICT", { duplicates, canConfirm: false });
}

/**
 * Creates a candidate. The same email is refused (it names one person); the same phone number is a
 * warning the user may confirm past (families and agencies share numbers).
 */
export async function createCandidate(fields: TCandidateFields, actorId: string, opts: { confirmDuplicate?: boolean } = {}, db: Db = getDb()): Promise<{ id: number }> {
  const duplicates = await findDuplicates(fields, null, db);
  if (duplicates.some((d) => d.matchedOn.includes("email"))) throw emailTaken(duplicates);
  if (duplicates.length && !opts.confirmDuplicate) {
    throw new UserError(`${duplicates.map((d) => d.name).join(", ")} already ${duplicates.length === 1 ? "has" : "have"} this phone number. Is this the same person?`, "CONFLICT", {
      duplicates,
      canConfirm: true,
    });
  }
  const place = await placeOf(fields.location, db);
  try {
    return await db.$transaction(async (tx) => {
      const c = await tx.candidate.create({ data: { ...columns(fields, place), createdById: actorId }, select: { id: true } });
      await recordChange(tx, { action: "candidate.create", actorId, entityId: c.id });
      return c;
    });
  } catch (e) {
    // Someone saved the same email a moment ago.
    if (isUniqueViolation(e)) throw emailTaken(await findDuplicates(fields, null, db));
    throw e;
  }
}

const EDITABLE = ["name", "email", "phone", "location", "currentTitle", "source", "cvText", "cvFileName", "desiredSalary", "skills", "willingToRelocate"] as const;

/** Saves an edit made from `version`; refused (with the current values) if someone saved since. */
export async function updateCandidate(id: number, version: number, fields: TCandidateFields, actorId: string, db: Db = getDb()): Promise<{ version: number }> {
  const duplicates = await findDuplicates({ email: fields.email, phone: null }, id, db);
  if (duplicates.length) throw emailTaken(duplicates);
  const place = await placeOf(fields.location, db);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.candidate.findUnique({ where: { id } });
      if (!before || before.erasedAt) throw new UserError("That candidate no longer exists.", "NOT_FOUND");
      if (before.version !== version) {
        throw new UserError("Someone else saved this candidate since you opened it. Their values are shown; reload to edit them.", "CONFLICT", {
          current: Object.fromEntries(EDITABLE.map((k) => [k, before[k]])),
          version: before.version,
        });
      }
      const { count } = await tx.candidate.updateMany({ where: { id, version }, data: { ...columns(fields, place), version: { increment: 1 } } });
      if (count !== 1) throw new UserError("Someone else saved this candidate at the same moment. Reload and try again.", "CONFLICT");
      const changes = Object.fromEntries(EDITABLE.filter((k) => (before[k] ?? null) !== (fields[k] ?? null)).map((k) => [k, k === "cvText" ? ["…", "…"] : [before[k], fields[k]]]));
      await recordChange(tx, { action: "candidate.update", actorId, entityId: id, changes });
      return { version: version + 1 };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken(await findDuplicates({ email: fields.email, phone: null }, id, db));
    throw e;
  }
}

/** Makes the candidate's tags exactly `tagIds` (who added each is kept). */
export async function setCandidateTags(id: number, tagIds: number[], actorId: string, db: Db = getDb()) {
  await db.$transaction(async (tx) => {
    const c = await tx.candidate.findUnique({ where: { id }, select: { erasedAt: true } });
    if (!c || c.erasedAt) throw new UserError("That candidate no longer exists.", "NOT_FOUND");
    const tags = await tx.tag.findMany({ where: { id: { in: tagIds } }, select: { id: true } });
    if (tags.length !== new Set(tagIds).size) throw new UserError("One of those tags no longer exists.", "NOT_FOUND");
    await tx.candidateTag.deleteMany({ where: { candidateId: id, tagId: { notIn: tagIds } } });
    const have = new Set((await tx.candidateTag.findMany({ where: { candidateId: id }, select: { tagId: true } })).map((t) => t.tagId));
    const add = tagIds.filter((t) => !have.has(t));
    if (add.length) await tx.candidateTag.createMany({ data: add.map((tagId) => ({ candidateId: id, tagId, createdById: actorId })) });
  });
}

/**
 * Merges candidate `fromId` into `intoId`: applications, notes, stage history and tags move over;
 * empty fields of the kept record are filled from the other; the other record is deleted. Where
 * both applied to the same role, the kept record's application stays and the other's history and
 * notes join it.
 */
export async function mergeCandidates(fromId: number, intoId: number, actorId: string, db: Db = getDb()): Promise<{ moved: number; combined: number }> {
  if (fromId === intoId) throw new UserError("Choose a different candidate to merge with.");
  return db.$transaction(
    async (tx) => {
      // One query at a time: a transaction is one connection (pg refuses overlapping queries).
      const from = await tx.candidate.findUnique({ where: { id: fromId } });
      const into = await tx.candidate.findUnique({ where: { id: intoId } });
      if (!from || !into || from.erasedAt || into.erasedAt) throw new UserError("One of those candidates no longer exists.", "NOT_FOUND");
      const theirs = await tx.application.findMany({ where: { candidateId: fromId }, select: { id: true, adId: true } });
      const ours = new Map((await tx.application.findMany({ where: { candidateId: intoId }, select: { id: true, adId: true } })).map((a) => [a.adId, a.id]));
      let moved = 0;
      let combined = 0;
      for (const app of theirs) {
        const same = ours.get(app.adId);
        if (same) {
          await tx.stageChange.updateMany({ where: { applicationId: app.id }, data: { applicationId: same } });
          await tx.applicationNote.updateMany({ where: { applicationId: app.id }, data: { applicationId: same } });
          await tx.application.delete({ where: { id: app.id } });
          combined++;
        } else {
          await tx.application.update({ where: { id: app.id }, data: { candidateId: intoId } });
          moved++;
        }
      }
      const tags = await tx.candidateTag.findMany({ where: { candidateId: fromId } });
      const have = new Set((await tx.candidateTag.findMany({ where: { candidateId: intoId }, select: { tagId: true } })).map((t) => t.tagId));
      const add = tags.filter((t) => !have.has(t.tagId));
      if (add.length) await tx.candidateTag.createMany({ data: add.map((t) => ({ candidateId: intoId, tagId: t.tagId, createdById: t.createdById, createdAt: t.createdAt })) });
      // The other record goes first: its email may move to the kept one (emails are unique).
      await tx.candidate.delete({ where: { id: fromId } });
      const fill: Record<string, string | null> = {};
      for (const k of ["email", "phone", "location", "currentTitle", "source", "cvText", "cvFileName"] as const) if (!into[k] && from[k]) fill[k] = from[k];
      await tx.candidate.update({
        where: { id: intoId },
        data: { ...fill, ...(fill.email ? { emailKey: emailKey(fill.email) } : {}), ...(fill.phone ? { phoneKey: phoneKey(fill.phone) } : {}), version: { increment: 1 } },
      });
      await recordChange(tx, {
        action: "candidate.merge",
        actorId,
        entityId: intoId,
        changes: { mergedFrom: fromId, mergedName: from.name, moved, combined, filled: Object.keys(fill) },
      });
      return { moved, combined };
    },
    { timeout: 60_000 },
  );
}

/** Everything held about a candidate, for a subject access request (recorded in the audit log). */
export async function exportCandidate(id: number, actorId: string, db: Db = getDb()) {
  const c = await db.candidate.findUnique({
    where: { id },
    include: {
      tags: { include: { tag: { select: { name: true } } } },
      applications: {
        include: {
          ad: { select: { id: true, externalId: true, title: true } },
          stage: { select: { name: true } },
          changes: { orderBy: { createdAt: "asc" }, include: { fromStage: { select: { name: true } }, toStage: { select: { name: true } }, actor: { select: { name: true } } } },
          notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
        },
      },
    },
  });
  if (!c) throw new UserError("That candidate no longer exists.", "NOT_FOUND");
  await recordChange(db, { action: "candidate.export", actorId, entityId: id });
  return {
    exportedAt: new Date().toISOString(),
    candidate: {
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      location: c.location,
      currentTitle: c.currentTitle,
      source: c.source,
      cvFileName: c.cvFileName,
      cvText: c.cvText,
      erasedAt: c.erasedAt,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      tags: c.tags.map((t) => t.tag.name),
    },
    applications: c.applications.map((a) => ({
      id: a.id,
      role: { id: a.ad.id, adzunaId: a.ad.externalId, title: a.ad.title },
      stage: a.stage.name,
      rating: a.rating,
      rejectReason: a.rejectReason,
      rejectNote: a.rejectNote,
      createdAt: a.createdAt,
      history: a.changes.map((h) => ({ at: h.createdAt, from: h.fromStage?.name ?? null, to: h.toStage.name, by: h.actor?.name ?? null, reason: h.reason })),
      notes: a.notes.map((n) => ({ at: n.createdAt, by: n.author?.name ?? null, text: n.body })),
    })),
  };
}

/**
 * Erases a candidate: name, contact details, CV, tags, notes and rejection notes are removed; the
 * applications and their stage history stay, anonymous, so the pipeline statistics still add up.
 */
export async function eraseCandidate(id: number, actorId: string, db: Db = getDb()) {
  await db.$transaction(async (tx) => {
    const c = await tx.candidate.findUnique({ where: { id }, select: { erasedAt: true } });
    if (!c) throw new UserError("That candidate no longer exists.", "NOT_FOUND");
    if (c.erasedAt) throw new UserError("This candidate was already erased.", "CONFLICT");
    const apps = (await tx.application.findMany({ where: { candidateId: id }, select: { id: true } })).map((a) => a.id);
    await tx.applicationNote.deleteMany({ where: { applicationId: { in: apps } } });
    await tx.application.updateMany({ where: { candidateId: id }, data: { rejectNote: null } });
    await tx.candidateTag.deleteMany({ where: { candidateId: id } });
    await tx.candidate.update({
      where: { id },
      data: {
        name: "Erased candidate",
        email: null,
        emailKey: null,
        phone: null,
        phoneKey: null,
        location: null,
        currentTitle: null,
        source: null,
        cvText: null,
        cvFileName: null,
        erasedAt: new Date(),
        version: { increment: 1 },
      },
    });
    await recordChange(tx, { action: "candidate.erase", actorId, entityId: id, changes: { applicationsKept: apps.length } });
  });
}

/** The edit form's fields, or null for no such (or an erased) candidate. */
export async function getCandidateForEdit(id: number, db: Db = getDb()) {
  return db.candidate.findFirst({
    where: { id, erasedAt: null },
    select: {
      id: true,
      version: true,
      name: true,
      email: true,
      phone: true,
      location: true,
      currentTitle: true,
      source: true,
      cvText: true,
      cvFileName: true,
      desiredSalary: true,
      skills: true,
      willingToRelocate: true,
    },
  });
}

/** The candidate page: the record, its tags and its applications (and its place on the UK tree, labelled). */
export async function getCandidate(id: number, db: Db = getDb()) {
  const c = await findCandidate(id, db);
  if (!c) return null;
  const tree = c.locationId ? await getLocationTree(db) : null;
  return { ...c, locationLabel: tree?.label(c.locationId) ?? null };
}

function findCandidate(id: number, db: Db) {
  return db.candidate.findUnique({
    where: { id },
    include: {
      createdBy: { select: { name: true } },
      tags: { include: { tag: { select: { id: true, name: true, color: true } } }, orderBy: { tag: { name: "asc" } } },
      applications: {
        orderBy: { createdAt: "desc" },
        include: { ad: { select: { id: true, title: true, company: { select: { name: true } } } }, stage: { select: { id: true, name: true, kind: true } } },
      },
    },
  });
}
