// Reverting an import: the ads it created go, the fields it changed come back, and ads changed
// since the import keep their current values. The full-text index follows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { openImportStore } from "@/lib/import/pipeline";
import { revertImport } from "@/lib/import/revert";
import type { ImportStore } from "@/lib/import/writer";
import { importFiles, openSearchIndex, SAMPLE_CSV, treeDatabase, type SearchIndex } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

const tmp = mkdtempSync(path.join(tmpdir(), "rd-revert-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the sample with the text of two rows changed. */
function changedSample(): string {
  let text = readFileSync(SAMPLE_CSV, "latin1");
  text = text.replace("12612628,Engineering Systems Analyst,", "12612628,Quokka Systems Wrangler,");
  text = text.replace("12612830,Stress Engineer Glasgow,", "12612830,Stress Engineer Glasgow (Nights),");
  const file = path.join(tmp, "changed.csv");
  writeFileSync(file, text, "latin1");
  return file;
}

describe.each(testDialects())("reverting imports on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let store: ImportStore;
  let search: SearchIndex;
  let adminId: string;
  beforeAll(async () => {
    tdb = await treeDatabase(`revert_${dialect}`, dialect);
    db = createDb(tdb.url);
    store = openImportStore(tdb.url);
    search = await openSearchIndex(tdb.url, dialect);
    adminId = (await db.user.create({ data: { email: "boss@x.uk", name: "Boss", role: "ADMIN", passwordHash: "x" } })).id;
  }, 120_000);
  afterAll(async () => {
    await search?.close();
    await store?.close();
    await db?.$disconnect();
    await tdb?.drop();
  });

  const title = async (externalId: number) => (await db.ad.findUniqueOrThrow({ where: { externalId } })).title;

  it("restores the fields an import changed, keeps an ad edited since, and then deletes what the first import created", async () => {
    const first = await importFiles(tdb.url, store, [{ path: SAMPLE_CSV }]);
    const created = first.record.created;
    expect(created).toBeGreaterThan(2000);
    const second = await importFiles(tdb.url, store, [{ path: changedSample(), name: "changed.csv" }]);
    expect(second.record).toMatchObject({ created: 0, updated: 2 });
    expect(await title(12612628)).toBe("Quokka Systems Wrangler");

    // Someone edits one of the two ads after the second import.
    const edited = await db.ad.update({ where: { externalId: 12612830 }, data: { title: "Stress Engineer, Glasgow", version: { increment: 1 } } });

    const summary = await revertImport(second.id, adminId, db);
    expect(summary).toEqual({ deleted: 0, restored: 1, keptChanged: 1, keptWithApplications: 0 });
    expect(await title(12612628)).toBe("Engineering Systems Analyst");
    expect(await title(12612830)).toBe("Stress Engineer, Glasgow");
    expect((await db.ad.findUniqueOrThrow({ where: { externalId: 12612830 } })).version).toBe(edited.version);
    const history = await db.adChange.findMany({ where: { source: "REVERT" }, select: { changes: true, actorId: true } });
    expect(history).toEqual([{ changes: JSON.stringify({ title: ["Quokka Systems Wrangler", "Engineering Systems Analyst"] }), actorId: adminId }]);
    expect(await db.import.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "REVERTED", revertedById: adminId });
    expect(await search.findInTitle("Engineering Systems Analyst")).toContain((await db.ad.findUniqueOrThrow({ where: { externalId: 12612628 } })).id);
    expect(await search.find("Quokka")).toEqual([]);
    await expect(revertImport(second.id, adminId, db)).rejects.toThrowError("That import has already been reverted.");

    // Someone applied for one of the first import's ads: reverting keeps that role.
    const applied = await db.ad.findUniqueOrThrow({ where: { externalId: 12612830 } });
    const candidate = await db.candidate.create({ data: { name: "Kept Candidate" } });
    const stage = await db.stage.findUniqueOrThrow({ where: { key: "applied" } });
    await db.application.create({ data: { candidateId: candidate.id, adId: applied.id, stageId: stage.id } });
    const all = await revertImport(first.id, adminId, db);
    expect(all).toEqual({ deleted: created - 1, restored: 0, keptChanged: 0, keptWithApplications: 1 });
    expect((await db.ad.findMany({ select: { id: true } })).map((a) => a.id)).toEqual([applied.id]);
    expect(await search.size()).toBe(1);
    await db.ad.delete({ where: { id: applied.id } });
    expect(await search.size()).toBe(0);
    await search.check();
    expect(await db.auditEvent.count({ where: { entity: "import", action: "revert" } })).toBe(2);
  });
});
