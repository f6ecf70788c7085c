// What is recorded when something changes, on both databases: each change writes its audit event
// and moves the counters its cached answers depend on — applications included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataVersions } from "@/lib/ads/version";
import { createDb, type Db } from "@/lib/db/client";
import { createApplication, listStages, moveApplication } from "@/lib/pipeline/applications";
import { createTag, setTags } from "@/lib/tags/service";
import { testDialects, createTestDatabase, type TestDatabase } from "../support/test-db";

describe.each(testDialects())("recordChange on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let actor: string;
  beforeAll(async () => {
    tdb = await createTestDatabase(`record_change_${dialect}`, dialect);
    db = createDb(tdb.url);
    actor = (await db.user.create({ data: { email: "r@x.uk", name: "R", role: "RECRUITER", passwordHash: "x" } })).id;
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  const lastEvent = () => db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { entity: true, entityId: true, action: true, changes: true, actorId: true } });

  it("putting someone forward and moving them are audited and move the applications counter", async () => {
    const ad = await db.ad.create({ data: { externalId: 1, title: "Nurse", titleKey: "nurse" } });
    const candidate = await db.candidate.create({ data: { name: "Jo" } });
    const before = await dataVersions(db);
    const app = await createApplication(candidate.id, ad.id, actor, db);
    expect(await lastEvent()).toMatchObject({ entity: "application", entityId: String(app.id), action: "create", actorId: actor });
    const screening = (await listStages(db)).find((s) => s.key === "screening")!;
    await moveApplication({ id: app.id, toStageId: screening.id, version: 1 }, actor, db);
    const moved = await lastEvent();
    expect(moved).toMatchObject({ entity: "application", action: "move" });
    expect(JSON.parse(moved!.changes!)).toEqual({ stage: ["Applied", "Screening"] });
    const after = await dataVersions(db);
    expect(after.applications).toBe(before.applications + 2);
    expect(after.ads).toBe(before.ads);
  });

  it("tagging ads is audited and moves the tags counter, not the ads one", async () => {
    const ad = await db.ad.create({ data: { externalId: 2, title: "Chef", titleKey: "chef" } });
    const tag = await createTag({ name: "Shortlist", color: "#2563eb" }, actor, db);
    const before = await dataVersions(db);
    await setTags({ ids: [ad.id] }, [tag!.id], "add", { id: actor }, "EDIT", db);
    expect(await lastEvent()).toMatchObject({ entity: "ads", action: "tag" });
    const after = await dataVersions(db);
    expect([after.tags - before.tags, after.ads - before.ads]).toEqual([1, 0]);
  });
});
