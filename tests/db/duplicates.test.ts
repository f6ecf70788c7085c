// Near-duplicate groups in the database, on both dialects: an import groups reposts, a re-import of
// the same file does no work, an edit that makes an ad different takes it out of its group, and an
// admin's "not a duplicate" survives a full rebuild.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { adCopies, closeCopies, markNotDuplicate, rebuildDuplicates, refreshDuplicates } from "@/lib/ads/duplicates";
import { syncDuplicates } from "@/lib/ads/duplicate-store";
import { startDuplicateFollower } from "@/lib/ads/duplicate-follower";
import { openSqlite } from "@/lib/db/raw";
import { openImportStore } from "@/lib/import/pipeline";
import { revertImport } from "@/lib/import/revert";
import type { ImportStore } from "@/lib/import/writer";
import { importFiles, SYNTH, treeDatabase } from "../support/import-db";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

const tmp = mkdtempSync(path.join(tmpdir(), "rd-dups-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 600 synthetic ads, 30% reposts of an earlier one, and the truth "Id,RepostOf".
const csv = path.join(tmp, "ads.csv");
const truthFile = path.join(tmp, "truth.csv");
writeFileSync(csv, execFileSync(process.execPath, [SYNTH, "--rows", "600", "--seed", "3", "--dups", "0.3", "--truth", truthFile], { maxBuffer: 64 << 20 }));
const truth = new Map(
  readFileSync(truthFile, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map(Number) as [number, number]),
);

describe.each(testDialects())("near-duplicate groups on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let store: ImportStore;
  let adminId: string;
  beforeAll(async () => {
    tdb = await treeDatabase(`dups_${dialect}`, dialect);
    db = createDb(tdb.url);
    store = openImportStore(tdb.url);
    adminId = (await db.user.create({ data: { email: "boss@x.uk", name: "Boss", role: "ADMIN", passwordHash: "x" } })).id;
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.$disconnect();
    await tdb?.drop();
  });

  const groups = async () => {
    const ads = await db.ad.findMany({ select: { id: true, externalId: true, duplicateGroupId: true, duplicateCount: true }, orderBy: { id: "asc" } });
    return { ads, byExternal: new Map(ads.map((a) => [a.externalId, a])) };
  };

  it("groups the reposts an import brings, close to the generator's truth", async () => {
    const r = await importFiles(tdb.url, store, [{ path: csv, name: "ads.csv" }]);
    expect(r.record.created).toBe(600);
    const { ads, byExternal } = await groups();
    // Pairwise: each repost should share its original's group.
    let found = 0;
    for (const [id, of] of truth) if (byExternal.get(id)!.duplicateGroupId !== null && byExternal.get(id)!.duplicateGroupId === byExternal.get(of)!.duplicateGroupId) found++;
    expect(found / truth.size).toBeGreaterThan(0.9);
    // And the groups hold (almost) nothing else: members of a group are reposts of one original.
    const root = (ext: number) => truth.get(ext) ?? ext;
    let wrong = 0;
    for (const a of ads) if (a.duplicateGroupId !== null && root(a.externalId) !== root(ads.find((x) => x.id === a.duplicateGroupId)!.externalId)) wrong++;
    expect(wrong).toBeLessThanOrEqual(3);
    // Counts agree with membership; the representative is the group's first ad.
    const sizes = new Map<number, number>();
    for (const a of ads) if (a.duplicateGroupId !== null) sizes.set(a.duplicateGroupId, (sizes.get(a.duplicateGroupId) ?? 0) + 1);
    for (const a of ads) if (a.duplicateGroupId !== null) expect(a.duplicateCount).toBe(sizes.get(a.duplicateGroupId));
    for (const g of sizes.keys()) expect(ads.find((a) => a.id === g)!.duplicateGroupId).toBe(g);
    expect(await db.adFingerprint.count()).toBe(600);
  }, 120_000);

  it("stores the same groups when a follower process groups the batches as they commit", async () => {
    const other = await treeDatabase(`dups_follow_${dialect}`, dialect);
    const otherStore = openImportStore(other.url);
    const otherDb = createDb(other.url);
    try {
      const r = await importFiles(other.url, otherStore, [{ path: csv, name: "ads.csv" }], "beside");
      expect(r.record.created).toBe(600);
      // Each ad's group named by its representative's Adzuna Id, in both databases.
      const byRepresentative = async (d: Db) => {
        const ads = await d.ad.findMany({ select: { id: true, externalId: true, duplicateGroupId: true, duplicateCount: true } });
        const ext = new Map(ads.map((a) => [a.id, a.externalId]));
        return new Map(ads.map((a) => [a.externalId, [a.duplicateGroupId === null ? null : ext.get(a.duplicateGroupId), a.duplicateCount]]));
      };
      const followed = await byRepresentative(otherDb);
      expect([...followed.values()].filter(([g]) => g !== null).length).toBeGreaterThan(100);
      expect(followed).toEqual(await byRepresentative(db));
      expect(await otherDb.adFingerprint.count()).toBe(600);
    } finally {
      await otherStore.close();
      await otherDb.$disconnect();
      await other.drop();
    }
  }, 120_000);

  it("does no detection work when the same file is imported again", async () => {
    const before = await db.adFingerprint.aggregate({ _max: { seq: true } });
    const r = await importFiles(tdb.url, store, [{ path: csv, name: "ads.csv" }]);
    expect(r.record.unchanged).toBe(600);
    expect(await db.adFingerprint.aggregate({ _max: { seq: true } })).toEqual(before);
    expect(await refreshDuplicates(db)).toMatchObject({ fingerprinted: 0, removed: 0 });
  }, 120_000);

  it("takes an ad out of its group when an edit makes it a different job, and lists copies on the ad page", async () => {
    const { ads } = await groups();
    const member = ads.find((a) => a.duplicateGroupId !== null && a.duplicateGroupId !== a.id && a.duplicateCount === 2)!;
    const rep = member.duplicateGroupId!;
    const copies = await adCopies(rep, db);
    expect(copies.map((c) => c.id)).toEqual([member.id]);
    expect(copies[0].similarity).toBeGreaterThan(0.3);
    expect((await adCopies(member.id, db))[0]).toMatchObject({ id: rep, first: true, similarity: 1 });

    await db.ad.update({
      where: { id: member.id },
      data: {
        title: "Quokka keeper",
        salaryRaw: null,
        salaryAnnual: null,
        version: { increment: 1 },
        text: { update: { description: "Feed the quokkas twice a day on Rottnest Island and keep their burrows tidy for visitors." } },
      },
    });
    const r = await refreshDuplicates(db);
    expect(r.fingerprinted).toBe(1);
    const after = await db.ad.findMany({ where: { id: { in: [member.id, rep] } }, select: { id: true, duplicateGroupId: true, duplicateCount: true } });
    expect(after).toEqual(
      expect.arrayContaining([
        { id: member.id, duplicateGroupId: null, duplicateCount: null },
        { id: rep, duplicateGroupId: null, duplicateCount: null },
      ]),
    );
    expect(await adCopies(rep, db)).toEqual([]);
  }, 120_000);

  it("keeps an admin's 'not a duplicate' through the next run and a full rebuild", async () => {
    const { ads } = await groups();
    const member = ads.find((a) => a.duplicateGroupId !== null && a.duplicateGroupId !== a.id)!;
    const rep = member.duplicateGroupId!;
    await markNotDuplicate(member.id, rep, adminId, db);
    const moved = await db.ad.findUniqueOrThrow({ where: { id: member.id } });
    expect(moved.duplicateGroupId).not.toBe(rep);
    expect(await db.auditEvent.count({ where: { entity: "duplicates", action: "mark" } })).toBe(1);

    const r = await rebuildDuplicates(adminId, db);
    expect(r.fingerprinted).toBe(600);
    const rebuilt = await db.ad.findUniqueOrThrow({ where: { id: member.id } });
    expect(rebuilt.duplicateGroupId).not.toBe(rep);
    // The rest of the groups come back as they were found incrementally.
    const again = await groups();
    const inGroups = again.ads.filter((a) => a.duplicateGroupId !== null).length;
    expect(inGroups).toBeGreaterThan(150);
  }, 120_000);

  it("sets the group columns a stopped bulk run left behind, at the next run", async () => {
    // A follower or rebuild writes the columns at its end and marks them behind until then: here it
    // "stopped" after its fingerprints, with two groups' columns wrong and its mark still set.
    const before = await groups();
    const rep = before.ads.find((a) => a.duplicateGroupId === a.id && (a.duplicateCount ?? 0) >= 2)!;
    const alone = before.ads.find((a) => a.duplicateGroupId === null)!;
    await db.ad.updateMany({ where: { duplicateGroupId: rep.id }, data: { duplicateGroupId: null, duplicateCount: null } });
    await db.ad.update({ where: { id: alone.id }, data: { duplicateGroupId: rep.id, duplicateCount: 7 } });
    await db.counter.upsert({ where: { key: "duplicates.columnsBehind" }, create: { key: "duplicates.columnsBehind", value: 1 }, update: { value: 1 } });

    expect(await refreshDuplicates(db)).toMatchObject({ fingerprinted: 0 });
    const after = await groups();
    expect(after.ads).toEqual(before.ads);
    expect((await db.counter.findUniqueOrThrow({ where: { key: "duplicates.columnsBehind" } })).value).toBe(0);
  }, 120_000);

  it("closes a group's copies in one recorded change, keeping the first ad open", async () => {
    const { ads } = await groups();
    const rep = ads.find((a) => a.duplicateGroupId === a.id && (a.duplicateCount ?? 0) >= 2)!;
    const { changed } = await closeCopies({ ids: [rep.id] }, adminId, db);
    expect(changed).toBe(rep.duplicateCount! - 1);
    const group = await db.ad.findMany({ where: { duplicateGroupId: rep.id }, select: { id: true, status: true } });
    for (const a of group) expect(a.status).toBe(a.id === rep.id ? "OPEN" : "CLOSED");
    expect(await db.adChange.count({ where: { source: "BULK", ad: { duplicateGroupId: rep.id } } })).toBe(changed);
    // Closing changed the ads' versions, not their text: the next run does no detection.
    expect(await refreshDuplicates(db)).toMatchObject({ fingerprinted: 0 });
  }, 120_000);

  it("lets the ads of a reverted import leave their groups", async () => {
    const imp = await db.import.findFirstOrThrow({ where: { status: "SUCCEEDED" }, orderBy: { createdAt: "asc" } });
    await revertImport(imp.id, adminId, db);
    // Ads with an application or none: all 600 go (no applications here), and with them their state.
    expect(await db.ad.count()).toBe(0);
    expect(await db.adFingerprint.count()).toBe(0);
  }, 120_000);
});

describe.each(testDialects())("a duplicate follower whose import is gone on %s", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(`dups_orphan_${dialect}`, dialect);
  });
  afterAll(async () => tdb?.drop());

  it("exits and lets go of the lease when the import was killed before it had started", async () => {
    // The import disconnects at once (killed, or failed on its first batch): the follower's channel
    // closes while it is still loading, before it listens for that. It must not follow nothing
    // forever, holding the lease the import's re-run waits for.
    const follower = startDuplicateFollower(tdb.url, 0);
    follower.stop();
    expect(await follower.exited).toBe(0);
    await expect(syncDuplicates(tdb.url, { waitMs: 5000 })).resolves.toMatchObject({ fingerprinted: 0 });
  }, 60_000);
});

// SQLite only, by nature: its driver waits for a lock synchronously, blocking the event loop;
// PostgreSQL's client waits asynchronously.
describe("near-duplicate grouping beside another write of the same process (SQLite)", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("dups_busy", "sqlite");
  });
  afterAll(async () => tdb?.drop());

  it("waits for the other connection's transaction instead of blocking it until the lock wait fails", async () => {
    // Two admin edits at once: the other's transaction holds the write lock when this sync starts.
    const other = openSqlite(tdb.url);
    other.exec("BEGIN IMMEDIATE");
    const sync = syncDuplicates(tdb.url, { waitMs: 20_000 });
    // The other transaction commits on a timer, which fires only while the sync leaves the event loop free.
    await new Promise((r) => setTimeout(r, 500));
    other.exec("COMMIT");
    other.close();
    await expect(sync).resolves.toMatchObject({ fingerprinted: 0, removed: 0 });
  }, 30_000);
});
