// Candidates and the pipeline on both databases: duplicates, optimistic edits, merging, erasure and
// export; applications, moves (including two at once), rejection rules, stage admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { ZCandidateFields, type TCandidateFieldsInput } from "@/lib/candidates/schemas";
import { createCandidate, eraseCandidate, exportCandidate, findDuplicates, mergeCandidates, setCandidateTags, updateCandidate } from "@/lib/candidates/service";
import { addNote, applicationCounts, createApplication, listStages, moveApplication, renameStage, reorderStages } from "@/lib/pipeline/applications";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { findCandidatesPage } from "@/lib/candidates/find-candidates";
import { loadCandidatesTableParams } from "@/lib/candidates/table-params";
import { testDialects, createTestDatabase, type TestDatabase } from "../support/test-db";

const fields = (f: Partial<TCandidateFieldsInput>) =>
  ZCandidateFields.parse({ name: "", email: "", phone: "", location: "", currentTitle: "", source: "", cvText: "", cvFileName: "", ...f });

async function refused(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe.each(testDialects())("candidates and applications on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let alice: string;
  let bob: string;
  let ads: number[];
  const stage = async (key: string) => (await listStages(db)).find((s) => s.key === key)!;

  beforeAll(async () => {
    tdb = await createTestDatabase(`candidates_${dialect}`, dialect);
    db = createDb(tdb.url);
    alice = (await db.user.create({ data: { email: "alice@x.uk", name: "Alice", role: "RECRUITER", passwordHash: "x" } })).id;
    bob = (await db.user.create({ data: { email: "bob@x.uk", name: "Bob", role: "RECRUITER", passwordHash: "x" } })).id;
    ads = [];
    for (const [i, title] of ["Staff Nurse", "Java Developer", "Sous Chef"].entries()) {
      ads.push((await db.ad.create({ data: { externalId: 9000 + i, title, titleKey: title.toLowerCase() } })).id);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("refuses a second candidate with the same email, any case; warns on the same phone and allows it when confirmed", async () => {
    const jo = await createCandidate(fields({ name: "Jo Bloggs", email: "Jo@Example.com", phone: "07700 900123" }), alice, {}, db);
    const email = await refused(createCandidate(fields({ name: "Joanne Bloggs", email: " jo@EXAMPLE.com " }), alice, {}, db));
    expect(email.code).toBe("CONFLICT");
    expect(email.message).toBe("Jo Bloggs already has this email address. Open their record instead.");
    expect(email.details).toMatchObject({ canConfirm: false, duplicates: [{ id: jo.id, matchedOn: ["email"] }] });

    const phone = await refused(createCandidate(fields({ name: "Sam Bloggs", phone: "+44 (0)7700 900-123" }), alice, {}, db));
    expect(phone.message).toBe("Jo Bloggs already has this phone number. Is this the same person?");
    expect(phone.details).toMatchObject({ canConfirm: true });
    const sam = await createCandidate(fields({ name: "Sam Bloggs", phone: "+44 (0)7700 900-123" }), alice, { confirmDuplicate: true }, db);
    expect(sam.id).not.toBe(jo.id);
    expect((await findDuplicates({ email: null, phone: "07700900123" }, null, db)).map((d) => d.id).sort()).toEqual([jo.id, sam.id].sort());
  });

  it("refuses an edit made from an old version and shows the current values", async () => {
    const { id } = await createCandidate(fields({ name: "Priya Shah", currentTitle: "Nurse" }), alice, {}, db);
    const saved = await updateCandidate(id, 1, fields({ name: "Priya Shah", currentTitle: "Senior Nurse" }), alice, db);
    expect(saved.version).toBe(2);
    const stale = await refused(updateCandidate(id, 1, fields({ name: "Priya Shah", currentTitle: "Ward Manager" }), bob, db));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details).toMatchObject({ version: 2, current: { currentTitle: "Senior Nurse" } });
    expect((await db.candidate.findUniqueOrThrow({ where: { id } })).currentTitle).toBe("Senior Nurse");
  });

  it("applies once per role, moves from the version seen, and tells the loser of two moves at once", async () => {
    const { id: cand } = await createCandidate(fields({ name: "Lee Chan" }), alice, {}, db);
    const app = await createApplication(cand, ads[0], alice, db);
    const again = await refused(createApplication(cand, ads[0], bob, db));
    expect(again.message).toBe("This candidate has already applied for this role.");
    expect(again.details).toEqual({ applicationId: app.id });

    const [applied, screening, interview, rejected] = await Promise.all(["applied", "screening", "interview", "rejected"].map(stage));
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).stageId).toBe(applied.id);
    const moved = await moveApplication({ id: app.id, toStageId: screening.id, version: 1 }, alice, db);
    expect(moved).toMatchObject({ stageId: screening.id, version: 2 });

    // Two people move the same card from version 2 at the same moment: one wins, one is told.
    const results = await Promise.allSettled([
      moveApplication({ id: app.id, toStageId: interview.id, version: 2 }, alice, db),
      moveApplication({ id: app.id, toStageId: applied.id, version: 2 }, bob, db),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const now = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(now.version).toBe(3);
    const winner = now.stageId === interview.id ? "Alice" : "Bob";
    expect(lost[0].reason).toBeInstanceOf(UserError);
    expect(lost[0].reason.message).toBe(
      `${winner} moved this application to ${now.stageId === interview.id ? "Interview" : "Applied"} while you were looking. The board now shows where it is.`,
    );
    expect(lost[0].reason.details).toEqual({ stageId: now.stageId, version: 3 });
    // History: creation + two moves, nothing from the loser.
    expect(await db.stageChange.count({ where: { applicationId: app.id } })).toBe(3);

    // Rejection needs a reason from the list.
    expect((await refused(moveApplication({ id: app.id, toStageId: rejected.id, version: 3 }, alice, db))).message).toBe("Choose a reason for the rejection.");
    await moveApplication({ id: app.id, toStageId: rejected.id, version: 3, reason: "Salary expectations", note: "Wants 60k" }, alice, db);
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ rejectReason: "Salary expectations", rejectNote: "Wants 60k", version: 4 });
    expect((await applicationCounts([ads[0]], db)).get(ads[0])).toEqual({ total: 1, active: 0 });
  });

  it("merges two records: applications, history, notes and tags move; the same role is combined; empty fields are filled", async () => {
    const tag = await db.tag.create({ data: { name: "Night shifts", nameKey: "night shifts" } });
    const keep = await createCandidate(fields({ name: "Ann Lee", phone: "07700 900555" }), alice, {}, db);
    const other = await createCandidate(
      fields({ name: "Annie Lee", email: "ann.lee@example.com", phone: "07700 900555", location: "Leeds" }),
      alice,
      { confirmDuplicate: true },
      db,
    );
    await setCandidateTags(other.id, [tag.id], alice, db);
    const keptApp = await createApplication(keep.id, ads[1], alice, db);
    const sameRole = await createApplication(other.id, ads[1], alice, db);
    const otherRole = await createApplication(other.id, ads[2], alice, db);
    await addNote(sameRole.id, "Spoke on the phone", bob, db);

    expect(await mergeCandidates(other.id, keep.id, alice, db)).toEqual({ moved: 1, combined: 1 });
    expect(await db.candidate.findUnique({ where: { id: other.id } })).toBeNull();
    const kept = await db.candidate.findUniqueOrThrow({ where: { id: keep.id }, include: { tags: true, applications: true } });
    expect(kept).toMatchObject({ name: "Ann Lee", email: "ann.lee@example.com", emailKey: "ann.lee@example.com", location: "Leeds" });
    expect(kept.tags.map((t) => t.tagId)).toEqual([tag.id]);
    expect(kept.applications.map((a) => a.id).sort()).toEqual([keptApp.id, otherRole.id].sort());
    expect(await db.applicationNote.count({ where: { applicationId: keptApp.id } })).toBe(1);
    expect(await db.stageChange.count({ where: { applicationId: keptApp.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { entity: "candidate", entityId: String(keep.id), action: "merge" } })).toBe(1);
  });

  it("exports everything about a candidate, then erases the person but keeps anonymous history", async () => {
    const { id } = await createCandidate(fields({ name: "Maria Silva", email: "maria@example.com", phone: "020 7946 0018", cvText: "Ten years on wards" }), alice, {}, db);
    const app = await createApplication(id, ads[2], alice, db);
    await addNote(app.id, "Strong references", alice, db);
    const hired = await stage("hired");
    await moveApplication({ id: app.id, toStageId: hired.id, version: 1 }, bob, db);

    const data = await exportCandidate(id, alice, db);
    expect(data.candidate).toMatchObject({ name: "Maria Silva", email: "maria@example.com", cvText: "Ten years on wards" });
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({ role: { title: "Sous Chef" }, stage: "Hired", notes: [{ text: "Strong references", by: "Alice" }] });
    expect(data.applications[0].history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, "Applied", "Alice"],
      ["Applied", "Hired", "Bob"],
    ]);

    await eraseCandidate(id, alice, db);
    const erased = await db.candidate.findUniqueOrThrow({ where: { id } });
    expect(erased).toMatchObject({ name: "Erased candidate", email: null, emailKey: null, phone: null, phoneKey: null, cvText: null });
    expect(erased.erasedAt).toBeInstanceOf(Date);
    expect(await db.applicationNote.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await db.stageChange.count({ where: { applicationId: app.id } })).toBe(2);
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ stageId: hired.id });
    expect((await refused(eraseCandidate(id, alice, db))).message).toBe("This candidate was already erased.");
    // The email is free again.
    expect((await createCandidate(fields({ name: "Maria Silva", email: "maria@example.com" }), alice, {}, db)).id).toBeGreaterThan(id);
    expect(await db.auditEvent.count({ where: { entity: "candidate", entityId: String(id), action: { in: ["export", "erase"] } } })).toBe(2);
  });

  it("lets admins rename and reorder the open stages, and refuses a stale order", async () => {
    const open = (await listStages(db)).filter((s) => s.kind === "OPEN");
    await renameStage(open[1].id, "Phone screen", alice, db);
    await reorderStages([open[0].id, open[2].id, open[1].id, open[3].id], alice, db);
    expect((await listStages(db)).map((s) => s.name)).toEqual(["Applied", "Interview", "Phone screen", "Offer", "Hired", "Rejected", "Withdrawn"]);
    expect((await refused(reorderStages([open[0].id, open[1].id], alice, db))).code).toBe("CONFLICT");
    expect((await refused(renameStage(open[0].id, "Offer", alice, db))).message).toBe("There is already a stage called Offer.");
  });

  it("finds candidates by words in their name, title, CV or skills", async () => {
    const { id } = await createCandidate(fields({ name: "Tomasz Nowak", currentTitle: "Welder", cvText: "Coded welding to BS EN 287; forklift licence" }), alice, {}, db);
    const sql =
      dialect === "sqlite"
        ? `SELECT rowid AS id FROM "candidate_fts" WHERE "candidate_fts" MATCH 'forklift'`
        : `SELECT "candidate_id" AS id FROM "candidate_search" WHERE "document" @@ to_tsquery('english', 'forklift')`;
    expect((await db.$queryRawUnsafe<{ id: number }[]>(sql)).map((r) => Number(r.id))).toEqual([id]);
    await updateCandidate(id, 1, fields({ name: "Tomasz Nowak", currentTitle: "Welder", cvText: "Coded welding only" }), alice, db);
    expect(await db.$queryRawUnsafe<{ id: number }[]>(sql)).toEqual([]);
    // Skills are searched too: a skill the CV does not mention finds the person, and leaves with the skill.
    await db.candidate.update({ where: { id }, data: { skills: "MIG, TIG, forklift" } });
    expect((await db.$queryRawUnsafe<{ id: number }[]>(sql)).map((r) => Number(r.id))).toEqual([id]);
    await db.candidate.update({ where: { id }, data: { skills: "MIG, TIG" } });
    expect(await db.$queryRawUnsafe<{ id: number }[]>(sql)).toEqual([]);
  });

  it("gives the ads table an applications column and filter", async () => {
    const ads_ = async (q: string) => (await findAdsPage(loadAdsTableParams(q), { db, cache: false })).rows.map((r) => [r.title, r.applications]);
    const withApps = await db.application.groupBy({ by: ["adId"], _count: { _all: true } });
    const active = await db.application.groupBy({ by: ["adId"], where: { stage: { kind: "OPEN" } }, _count: { _all: true } });
    const expected = (id: number) => ({ total: withApps.find((w) => w.adId === id)?._count._all ?? 0, active: active.find((w) => w.adId === id)?._count._all ?? 0 });
    const titles = new Map((await db.ad.findMany({ select: { id: true, title: true } })).map((a) => [a.id, a.title]));
    expect(new Set(await ads_("?apps=any"))).toEqual(new Set(withApps.map((w) => [titles.get(w.adId), expected(w.adId)])));
    expect((await ads_("?apps=active")).map((r) => r[0]).sort()).toEqual(active.map((w) => titles.get(w.adId)).sort());
    expect((await ads_("?apps=none")).length).toBe(titles.size - withApps.length);
  });

  it("lists candidates: search ranks by name before CV, filters by source and applications, hides the erased", async () => {
    const a = await createCandidate(fields({ name: "Gareth Welsby", source: "Referral", cvText: "Plumber" }), alice, {}, db);
    const b = await createCandidate(fields({ name: "Rhys Price", source: "LinkedIn", cvText: "Worked with Gareth Welsby's plumbing firm" }), alice, {}, db);
    const page = await findCandidatesPage(loadCandidatesTableParams("?q=welsby"), db);
    expect(page.rows.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(page.rows[1].snippet).toMatch(/\u0001Welsby/i);
    expect((await findCandidatesPage(loadCandidatesTableParams("?q=welsby&source=LinkedIn"), db)).rows.map((r) => r.id)).toEqual([b.id]);
    const all = await db.candidate.count({ where: { erasedAt: null } });
    const listed = await findCandidatesPage(loadCandidatesTableParams("?perPage=100"), db);
    expect(listed.total).toBe(all);
    expect(listed.rows.every((r) => r.name !== "Erased candidate")).toBe(true);
    const withApps = await db.candidate.count({ where: { erasedAt: null, applications: { some: {} } } });
    expect((await findCandidatesPage(loadCandidatesTableParams("?apps=any"), db)).total).toBe(withApps);
    expect((await findCandidatesPage(loadCandidatesTableParams("?apps=none"), db)).total).toBe(all - withApps);
    expect(listed.sources.find((s) => s.value === "Referral")?.count).toBe(1);
  });
});
