// Applications: a candidate put forward for a role (an ad), moved through the stages. Moves are
// compare-and-set on the application's version, so of two people moving the same card at once one
// wins and the other is told what happened; every move is appended to the stage history.
import { recordChange } from "@/lib/events/record-change";
import { getDb, Prisma, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { boardOrder, moveProblem, timeInStages, type StageLike } from "./stages";

export async function listStages(db: Db = getDb()): Promise<StageLike[]> {
  return boardOrder(await db.stage.findMany({ select: { id: true, key: true, name: true, kind: true, position: true } }));
}

/** Puts a candidate forward for a role. A second application for the same pair is refused with a link. */
export async function createApplication(candidateId: number, adId: number, actorId: string, db: Db = getDb()): Promise<{ id: number }> {
  const existing = await db.application.findUnique({ where: { candidateId_adId: { candidateId, adId } }, select: { id: true } });
  if (existing) throw new UserError("This candidate has already applied for this role.", "CONFLICT", { applicationId: existing.id });
  const [candidate, ad, first] = await Promise.all([
    db.candidate.findUnique({ where: { id: candidateId }, select: { erasedAt: true } }),
    db.ad.findUnique({ where: { id: adId }, select: { id: true } }),
    db.stage.findFirst({ where: { kind: "OPEN" }, orderBy: { position: "asc" }, select: { id: true } }),
  ]);
  if (!candidate || candidate.erasedAt) throw new UserError("That candidate no longer exists.", "NOT_FOUND");
  if (!ad) throw new UserError("That ad no longer exists.", "NOT_FOUND");
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const app = await tx.application.create({ data: { candidateId, adId, stageId: first!.id, stageEnteredAt: now, createdById: actorId, createdAt: now }, select: { id: true } });
      await tx.stageChange.create({ data: { applicationId: app.id, fromStageId: null, toStageId: first!.id, actorId, createdAt: now } });
      await recordChange(tx, { action: "application.create", actorId, entityId: app.id, changes: { candidateId, adId } });
      return app;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const again = await db.application.findUnique({ where: { candidateId_adId: { candidateId, adId } }, select: { id: true } });
      throw new UserError("This candidate has already applied for this role.", "CONFLICT", { applicationId: again?.id });
    }
    throw e;
  }
}

/** Applications of an erased candidate stay for statistics, read-only: no moves, reasons, ratings or notes. */
const ERASED = "The candidate was erased: this application is kept for statistics only and can no longer be changed.";

export type MoveRequest = { id: number; toStageId: number; version: number; reason?: string | null; note?: string | null };
export type MoveResult = { id: number; stageId: number; version: number; stageEnteredAt: Date };

/**
 * Moves an application from the version the mover saw. If it moved since, the move is refused and
 * the error says who moved it where, with the current stage and version for the board to show.
 */
export async function moveApplication(req: MoveRequest, actorId: string, db: Db = getDb()): Promise<MoveResult> {
  const stages = await listStages(db);
  const to = stages.find((s) => s.id === req.toStageId);
  if (!to) throw new UserError("That stage no longer exists.", "NOT_FOUND");
  return db.$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id: req.id }, select: { id: true, stageId: true, version: true, candidate: { select: { erasedAt: true } } } });
    if (!app) throw new UserError("That application no longer exists.", "NOT_FOUND");
    if (app.candidate.erasedAt) throw new UserError(ERASED, "INVALID");
    if (app.version !== req.version) throw await staleMove(tx as unknown as Db, app, stages);
    const from = stages.find((s) => s.id === app.stageId)!;
    const problem = moveProblem(from, to, req);
    if (problem) throw new UserError(problem, "INVALID");
    const now = new Date();
    const rejected = to.kind === "REJECTED";
    // Compare-and-set: of two concurrent moves from the same version exactly one updates a row.
    const { count } = await tx.application.updateMany({
      where: { id: req.id, version: req.version },
      data: {
        stageId: to.id,
        stageEnteredAt: now,
        version: { increment: 1 },
        rejectReason: rejected ? req.reason : null,
        rejectNote: rejected ? req.note?.trim() || null : null,
      },
    });
    if (count !== 1) throw await staleMove(tx as unknown as Db, app, stages);
    await tx.stageChange.create({ data: { applicationId: req.id, fromStageId: from.id, toStageId: to.id, actorId, reason: rejected ? req.reason : null, createdAt: now } });
    await recordChange(tx, { action: "application.move", actorId, entityId: req.id, changes: { stage: [from.name, to.name], ...(rejected ? { reason: req.reason } : {}) } });
    return { id: req.id, stageId: to.id, version: req.version + 1, stageEnteredAt: now };
  });
}

async function staleMove(db: Db, app: { id: number }, stages: StageLike[]) {
  const now = await db.application.findUnique({ where: { id: app.id }, select: { stageId: true, version: true } });
  const last = await db.stageChange.findFirst({
    where: { applicationId: app.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { actor: { select: { name: true } } },
  });
  const stage = stages.find((s) => s.id === now?.stageId)?.name ?? "another stage";
  const who = last?.actor?.name ?? "Someone";
  return new UserError(`${who} moved this application to ${stage} while you were looking. The board now shows where it is.`, "CONFLICT", {
    stageId: now?.stageId,
    version: now?.version,
  });
}

export async function setRating(id: number, rating: number | null, actorId: string, db: Db = getDb()) {
  const { count } = await db.application.updateMany({ where: { id, candidate: { erasedAt: null } }, data: { rating } });
  if (!count) {
    const app = await db.application.findUnique({ where: { id }, select: { id: true } });
    throw app ? new UserError(ERASED, "INVALID") : new UserError("That application no longer exists.", "NOT_FOUND");
  }
  await recordChange(db, { action: "application.rate", actorId, entityId: id, changes: { rating } });
}

export async function addNote(id: number, body: string, actorId: string, db: Db = getDb()) {
  const app = await db.application.findUnique({ where: { id }, select: { candidate: { select: { erasedAt: true } } } });
  if (!app) throw new UserError("That application no longer exists.", "NOT_FOUND");
  if (app.candidate.erasedAt) throw new UserError(ERASED, "INVALID");
  return db.$transaction(async (tx) => {
    const note = await tx.applicationNote.create({ data: { applicationId: id, body, authorId: actorId }, select: { id: true } });
    await recordChange(tx, { action: "application.note", actorId, entityId: id, changes: { note: note.id } });
    return note;
  });
}

export type BoardCard = {
  id: number;
  version: number;
  stageId: number;
  stageEnteredAt: Date;
  rating: number | null;
  candidate: { id: number; name: string; currentTitle: string | null };
};

/** The kanban board of one role: stages in order, and every application on it. */
export async function getBoard(adId: number, db: Db = getDb()) {
  const [ad, stages, apps] = await Promise.all([
    db.ad.findUnique({ where: { id: adId }, select: { id: true, title: true, status: true, company: { select: { name: true } } } }),
    listStages(db),
    db.application.findMany({
      where: { adId },
      orderBy: [{ stageEnteredAt: "asc" }, { id: "asc" }],
      select: { id: true, version: true, stageId: true, stageEnteredAt: true, rating: true, candidate: { select: { id: true, name: true, currentTitle: true } } },
    }),
  ]);
  return ad ? { ad, stages, cards: apps as BoardCard[] } : null;
}

/** One application: candidate, role, stage, history with time in each stage, notes. */
export async function getApplication(id: number, db: Db = getDb()) {
  const app = await db.application.findUnique({
    where: { id },
    include: {
      candidate: { select: { id: true, name: true, email: true, phone: true, currentTitle: true, erasedAt: true } },
      ad: { select: { id: true, title: true, company: { select: { name: true } } } },
      stage: true,
      changes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
      notes: { orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } },
    },
  });
  if (!app) return null;
  const stages = await listStages(db);
  const times = timeInStages(app.changes, new Date());
  return { ...app, stages, timeInStage: stages.filter((s) => times.has(s.id)).map((s) => ({ stage: s, ms: times.get(s.id)! })) };
}

/** Applications per ad (total, and active = in an open stage), for the ads table. */
export async function applicationCounts(adIds: number[], db: Db = getDb()): Promise<Map<number, { total: number; active: number }>> {
  if (!adIds.length) return new Map();
  const rows = await db.application.groupBy({ by: ["adId", "stageId"], where: { adId: { in: adIds } }, _count: { _all: true } });
  const open = new Set((await db.stage.findMany({ where: { kind: "OPEN" }, select: { id: true } })).map((s) => s.id));
  const out = new Map<number, { total: number; active: number }>();
  for (const r of rows) {
    const c = out.get(r.adId) ?? { total: 0, active: 0 };
    c.total += r._count._all;
    if (open.has(r.stageId)) c.active += r._count._all;
    out.set(r.adId, c);
  }
  return out;
}

// ---- stages (admins) -----------------------------------------------------------------------------

export async function renameStage(id: number, name: string, actorId: string, db: Db = getDb()) {
  const stage = await db.stage.findUnique({ where: { id } });
  if (!stage) throw new UserError("That stage no longer exists.", "NOT_FOUND");
  if (stage.kind !== "OPEN") throw new UserError(`${stage.name} closes an application: only the open stages can be renamed.`);
  const clash = await db.stage.findFirst({ where: { id: { not: id }, name } });
  if (clash) throw new UserError(`There is already a stage called ${name}.`, "CONFLICT");
  await db.stage.update({ where: { id }, data: { name } });
  await recordChange(db, { action: "stage.rename", actorId, entityId: id, changes: { name: [stage.name, name] } });
}

/** Puts the open stages in the given order (every open stage, once). */
export async function reorderStages(ids: number[], actorId: string, db: Db = getDb()) {
  await db.$transaction(async (tx) => {
    const open = await tx.stage.findMany({ where: { kind: "OPEN" }, select: { id: true } });
    const known = new Set(open.map((s) => s.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      throw new UserError("The stage list changed while you were editing it. Reload and try again.", "CONFLICT");
    }
    for (const [i, id] of ids.entries()) await tx.stage.update({ where: { id }, data: { position: i + 1 } });
    await recordChange(tx, { action: "stage.reorder", actorId, entityId: "open", changes: { order: ids } });
  });
}

/** Applications of one ad per stage (board order), for the ad page's summary. */
export async function stageCounts(adId: number, db: Db = getDb()): Promise<{ stage: StageLike; count: number }[]> {
  const [stages, rows] = await Promise.all([listStages(db), db.application.groupBy({ by: ["stageId"], where: { adId }, _count: { _all: true } })]);
  const n = new Map(rows.map((r) => [r.stageId, r._count._all]));
  return stages.map((stage) => ({ stage, count: n.get(stage.id) ?? 0 }));
}
