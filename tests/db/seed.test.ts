import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db/client";
import { seedDemo } from "@/lib/setup/demo";
import { seedAll } from "@/lib/setup/seed";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

const treeLines = readFileSync("seeds/location-tree.csv", "utf8")
  .split("\n")
  .filter((l) => l.trim()).length;

describe.each(testDialects())("first-run set-up on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(`seed_${dialect}`, dialect);
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("loads the location tree, the seed ads and an admin with a generated password", async () => {
    const admin = await seedAll(db, { adminEmail: "Boss@Example.com" });
    expect(admin.created).toBe(true);
    expect(admin.email).toBe("boss@example.com");
    expect(admin.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const row = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    expect(row.role).toBe("ADMIN");
    expect(await verifyPassword(row.passwordHash, admin.password!)).toBe(true);

    expect(await db.ad.count()).toBe(3);
    const ad = await db.ad.findUniqueOrThrow({ where: { externalId: 69247714 }, include: { company: true } });
    expect(ad.company?.name).toBe("ALLEN ASSOCIATES");

    // Every leaf line of the tree is a node, plus its ancestors.
    const locations = await db.location.count();
    expect(locations).toBeGreaterThanOrEqual(treeLines);
    const mileEnd = await db.location.findUniqueOrThrow({ where: { path: "UK~London~East London~Mile End" }, include: { parent: { include: { parent: true } } } });
    expect(mileEnd).toMatchObject({ name: "Mile End", depth: 3, parent: { name: "East London", parent: { name: "London", depth: 1 } } });
  });

  it("keeps everything as it was when run again", async () => {
    const before = { ads: await db.ad.count(), locations: await db.location.count(), users: await db.user.count() };
    const again = await seedAll(db, { adminEmail: "boss@example.com", adminPassword: "ignored-because-admin-exists" });
    expect(again).toEqual({ email: "boss@example.com", password: null, created: false });
    expect({ ads: await db.ad.count(), locations: await db.location.count(), users: await db.user.count() }).toEqual(before);
  });

  it("demo data: the sample ads, text ads in their categories, and candidates in every stage; a second run changes nothing", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } });
    const first = await seedDemo(tdb.url, db, admin.id);
    const demo = JSON.parse(readFileSync("seeds/demo/candidates.json", "utf8")) as { candidates: { applications: unknown[] }[] };
    expect(first.candidates).toBe(demo.candidates.length);
    expect(first.applications).toBe(demo.candidates.reduce((n, c) => n + c.applications.length, 0));
    expect(first.ads.created).toBeGreaterThan(2_400);
    // The text ads land in the categories their folders name.
    expect(await db.ad.count({ where: { category: "Sales Jobs", source: null } })).toBeGreaterThan(0);
    // Every stage of the board has someone in it.
    const byStage = await db.application.groupBy({ by: ["stageId"], _count: { _all: true } });
    expect(byStage).toHaveLength(await db.stage.count());
    const before = { ads: await db.ad.count(), candidates: await db.candidate.count(), applications: await db.application.count(), changes: await db.stageChange.count() };
    const again = await seedDemo(tdb.url, db, admin.id);
    expect(again).toMatchObject({ ads: { created: 0, updated: 0 }, candidates: 0, applications: 0 });
    expect({ ads: await db.ad.count(), candidates: await db.candidate.count(), applications: await db.application.count(), changes: await db.stageChange.count() }).toEqual(before);
  }, 120_000);
});
