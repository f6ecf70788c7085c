// The security review's findings that live in the database layer, on both databases: upload drafts
// bounded under concurrency and by quota, abandoned drafts swept; look-ups that treat % and _ as
// text; applications of an erased candidate read-only; sessions that end when ended.
process.env.DATA_DIR = "tests/.tmp/security-data";
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { findCompaniesByPrefix } from "@/lib/ads/companies";
import { findCandidatesByEmailPrefix } from "@/lib/candidates/find-candidates";
import { endAllSessions, endSession, startSession } from "@/lib/auth/sessions";
import { createDraftImport, uploadDir } from "@/lib/import/imports";
import { commitUpload, releaseUpload, reserveUpload, sweepUploads } from "@/lib/import/uploads";
import { addNote, createApplication, listStages, moveApplication, setRating } from "@/lib/pipeline/applications";
import { eraseCandidate } from "@/lib/candidates/service";
import { testDialects, createTestDatabase, type TestDatabase } from "../support/test-db";

const MB = 1024 ** 2;
const LIMITS = { quotaMb: 100, minFreeMb: 0 };

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe.each(testDialects())("security fixes on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let rita: { id: string; role: string };
  let sam: { id: string; role: string };

  beforeAll(async () => {
    tdb = await createTestDatabase(`security_${dialect}`, dialect);
    db = createDb(tdb.url);
    rita = await db.user.create({ data: { email: "rita@x.uk", name: "Rita", role: "RECRUITER", passwordHash: "x" }, select: { id: true, role: true } });
    sam = await db.user.create({ data: { email: "sam@x.uk", name: "Sam", role: "RECRUITER", passwordHash: "x" }, select: { id: true, role: true } });
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  /** What the upload route does: reserve, write, commit (or give the reservation back). */
  async function upload(importId: string, user: { id: string; role: string }, name: string, bytes: number) {
    const r = await reserveUpload(importId, user, name, bytes, db, LIMITS);
    try {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20)); // the body streams in
      const files = await commitUpload(r, { name, path: path.join(uploadDir(importId), name), size: bytes }, db);
      if (files === null) throw new UserError("started meanwhile");
      return files;
    } catch (e) {
      await releaseUpload(r, db);
      throw e;
    }
  }

  it("30 uploads into one draft at once store exactly 20; the rest are told the limit", async () => {
    const draft = await createDraftImport(rita.id, db);
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => upload(draft, rita, `f${i}.csv`, 1000)));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.message);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    expect(new Set(refused)).toEqual(new Set(["An import takes at most 20 files."]));
    const row = await db.import.findUniqueOrThrow({ where: { id: draft }, select: { files: true, reservedFiles: true, reservedBytes: true, bytesTotal: true } });
    expect(JSON.parse(row.files)).toHaveLength(20);
    expect(row.reservedFiles).toBe(20);
    expect(Number(row.reservedBytes)).toBe(20_000);
    expect(Number(row.bytesTotal)).toBe(20_000);
  });

  it("a user's unstarted drafts hold at most their quota, counted before anything is written; others are not affected", async () => {
    const a = await createDraftImport(sam.id, db);
    const b = await createDraftImport(sam.id, db);
    await upload(a, sam, "big.csv", 60 * MB);
    expect(await refusal(upload(b, sam, "more.csv", 50 * MB))).toBe(
      "more.csv: your imports not yet started already hold 60 MB of your 100 MB upload allowance. Start or discard one of them first.",
    );
    await upload(b, sam, "fits.csv", 40 * MB); // exactly the rest
    expect(await refusal(reserveUpload(b, sam, "one-byte.csv", 1, db, LIMITS))).toMatch(/already hold 100 MB of your 100 MB/);
    // Larger than any single upload may be: refused from the declared size.
    expect(await refusal(reserveUpload(b, sam, "huge.csv", 101 * MB, db, LIMITS))).toBe("huge.csv is larger than 100 MB, the most one upload may be.");
    // Started drafts no longer count against the quota.
    await db.import.update({ where: { id: a }, data: { status: "QUEUED" } });
    await upload(b, sam, "after-start.csv", 50 * MB);
    // Someone else's draft is not theirs to fill.
    expect(await refusal(reserveUpload(b, rita, "x.csv", 1, db, LIMITS))).toBe("That import belongs to someone else.");
  });

  it("refuses, writing nothing, when the disk would fall below its floor", async () => {
    const draft = await createDraftImport(rita.id, db);
    expect(await refusal(reserveUpload(draft, rita, "x.csv", 1000, db, { quotaMb: 100, minFreeMb: 1024 ** 3 }))).toBe(
      "x.csv: the server is short of disk space, so uploads are paused. Tell an admin.",
    );
    const row = await db.import.findUniqueOrThrow({ where: { id: draft }, select: { reservedFiles: true, reservedBytes: true } });
    expect(row).toEqual({ reservedFiles: 0, reservedBytes: 0n });
  });

  it("sweeps drafts untouched past the TTL with their files, and finished imports' files, keeping their records", async () => {
    const stale = await createDraftImport(rita.id, db);
    const fresh = await createDraftImport(rita.id, db);
    writeFileSync(path.join(uploadDir(stale), "a.csv"), "Id\n1\n");
    writeFileSync(path.join(uploadDir(fresh), "b.csv"), "Id\n1\n");
    const done = await createDraftImport(rita.id, db);
    writeFileSync(path.join(uploadDir(done), "c.csv"), "Id\n1\n");
    const old = new Date(Date.now() - 25 * 3600_000);
    await db.import.update({
      where: { id: done },
      data: { status: "SUCCEEDED", finishedAt: old, files: JSON.stringify([{ name: "c.csv", path: path.join(uploadDir(done), "c.csv"), size: 5 }]) },
    });
    await db.$executeRawUnsafe(
      dialect === "postgres" ? `UPDATE "Import" SET "updatedAt" = $1 WHERE "id" = $2` : `UPDATE "Import" SET "updatedAt" = ? WHERE "id" = ?`,
      dialect === "postgres" ? old : old.toISOString().replace("Z", "+00:00"),
      stale,
    );
    const stray = path.join(path.dirname(uploadDir(stale)), "not-an-import");
    mkdirSync(stray, { recursive: true });
    utimesSync(stray, old, old);

    const swept = await sweepUploads(new Date(), db);
    expect(swept.drafts).toBeGreaterThanOrEqual(1);
    expect(await db.import.findUnique({ where: { id: stale } })).toBeNull();
    expect(existsSync(uploadDir(stale))).toBe(false);
    expect(existsSync(path.join(uploadDir(fresh), "b.csv"))).toBe(true);
    expect(await db.import.findUnique({ where: { id: done }, select: { status: true } })).toEqual({ status: "SUCCEEDED" });
    expect(existsSync(uploadDir(done))).toBe(false);
    expect(existsSync(stray)).toBe(false);
    // Nothing left to do: running again removes nothing.
    expect(await sweepUploads(new Date(), db)).toEqual({ drafts: 0, finishedFolders: 0, orphanFolders: 0 });
  });

  it("company and email look-ups treat % and _ as text", async () => {
    for (const name of ["Acme Ltd", "Bolt Ltd", "%ltd Lettings", "A_B Logistics", "AxB Logistics"]) {
      await db.company.create({ data: { name, nameKey: name.toLowerCase() } });
    }
    expect((await findCompaniesByPrefix("%ltd", 12, db)).map((c) => c.name)).toEqual(["%ltd Lettings"]);
    expect((await findCompaniesByPrefix("a_b", 12, db)).map((c) => c.name)).toEqual(["A_B Logistics"]);
    expect((await findCompaniesByPrefix("%", 12, db)).map((c) => c.name)).toEqual(["%ltd Lettings"]);
    expect((await findCompaniesByPrefix("ac", 12, db)).map((c) => c.name)).toEqual(["Acme Ltd"]);
    for (const [name, email] of [
      ["Jo", "jo@x.uk"],
      ["Al", "al@y.uk"],
      ["Pc", "p%c@z.uk"],
    ]) {
      await db.candidate.create({ data: { name, email, emailKey: email, createdById: rita.id } });
    }
    expect(await findCandidatesByEmailPrefix("%@%", 10, db)).toEqual([]);
    expect((await findCandidatesByEmailPrefix("p%", 10, db)).map((c) => c.name)).toEqual(["Pc"]);
    expect((await findCandidatesByEmailPrefix("jo@", 10, db)).map((c) => c.name)).toEqual(["Jo"]);
  });

  it("an erased candidate's applications are read-only: no move, rejection reason, rating or note", async () => {
    const cand = await db.candidate.create({ data: { name: "Erin", email: "erin@x.uk", emailKey: "erin@x.uk", createdById: rita.id }, select: { id: true } });
    const ad = await db.ad.create({ data: { externalId: 777001, title: "Staff Nurse", titleKey: "staff nurse" }, select: { id: true } });
    const app = await createApplication(cand.id, ad.id, rita.id, db);
    await eraseCandidate(cand.id, rita.id, db);
    const stages = await listStages(db);
    const rejected = stages.find((s) => s.kind === "REJECTED")!;
    const current = await db.application.findUniqueOrThrow({ where: { id: app.id }, select: { version: true } });
    const ERASED = "The candidate was erased: this application is kept for statistics only and can no longer be changed.";
    expect(await refusal(moveApplication({ id: app.id, toStageId: rejected.id, version: current.version, reason: "Other", note: "lives at 1 High St" }, rita.id, db))).toBe(ERASED);
    expect(await refusal(setRating(app.id, 5, rita.id, db))).toBe(ERASED);
    expect(await refusal(addNote(app.id, "called them", rita.id, db))).toBe(ERASED);
    const after = await db.application.findUniqueOrThrow({ where: { id: app.id }, select: { rating: true, rejectNote: true, stageId: true, version: true } });
    expect(after).toMatchObject({ rating: null, rejectNote: null, version: current.version });
  });

  it("an ended session stays ended; ending everywhere ends every session of that user only", async () => {
    const one = await startSession(rita.id, 3600, db);
    const two = await startSession(rita.id, 3600, db);
    const other = await startSession(sam.id, 3600, db);
    await endSession(one, db);
    const open = async (id: string) => !(await db.userSession.findUniqueOrThrow({ where: { id } })).revokedAt;
    expect([await open(one), await open(two), await open(other)]).toEqual([false, true, true]);
    expect(await endAllSessions(rita.id, db)).toBe(1);
    expect([await open(two), await open(other)]).toEqual([false, true]);
    // Expired sessions are cleared when anyone next signs in.
    const expired = await startSession(sam.id, -1, db);
    await startSession(sam.id, 3600, db);
    expect(await db.userSession.findUnique({ where: { id: expired } })).toBeNull();
  });
});

afterAll(() => rmSync("tests/.tmp/security-data", { recursive: true, force: true }));
