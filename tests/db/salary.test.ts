// Salary estimates and places found in the text, against real databases (SQLite, and PostgreSQL
// when DATABASE_URL names one): after an import and a training, every ad without a real salary
// has an estimate with its interval, no real salary is touched, an admin's salary removes the
// estimate, a later import's salary-less ads are estimated with the adopted model, and ads with
// no location get one from their text without a given location ever being replaced.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { getAd, updateAd } from "@/lib/ads/ad";
import { EXPORT_HEADER, exportRows } from "@/lib/ads/export";
import { ZAdFields } from "@/lib/ads/schemas";
import { LocationTree } from "@/lib/locations/tree-cache";
import { openImportStore } from "@/lib/import/pipeline";
import { afterImport, requestTraining, runJob } from "@/lib/salary-estimates/jobs";
import { importFiles, textAdFiles, treeDatabase } from "../support/import-db";
import { synthCsv, TMP } from "../support/fixtures";
import { testDialects, type TestDatabase } from "../support/test-db";

const SYNTH_ADS = 400;

describe.each(testDialects())("salary estimates on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let adminId: string;
  const texts = textAdFiles();
  const firstTexts = texts.slice(0, 150);

  beforeAll(async () => {
    tdb = await treeDatabase(`salary_${dialect}`, dialect);
    const csv = synthCsv(path.join(TMP, "salary-synth.csv"), SYNTH_ADS, { seed: 7 });
    const store = openImportStore(tdb.url);
    try {
      const r = await importFiles(tdb.url, store, [{ path: csv }, ...firstTexts]);
      expect(r.outcome?.status).toBe("SUCCEEDED");
    } finally {
      await store.close();
    }
    db = createDb(tdb.url);
    adminId = (await db.user.create({ data: { email: "boss@x.uk", name: "Boss", role: "ADMIN", passwordHash: "x" } })).id;
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("finds places in the text of ads that have none, marked as such, and keeps every given location", async () => {
    const fromText = await db.ad.count({ where: { locationSource: "text" } });
    const textAds = await db.ad.count({ where: { source: null, salaryRaw: null, locationRaw: null, locationNormalized: null } });
    expect(fromText).toBeGreaterThan(0);
    // Only ads without a location in their file are placed from their text.
    expect(await db.ad.count({ where: { locationSource: "text", OR: [{ locationRaw: { not: null } }, { locationNormalized: { not: null } }] } })).toBe(0);
    expect(await db.ad.count({ where: { locationId: { not: null }, locationSource: null } })).toBe(0);
    expect(fromText).toBeLessThanOrEqual(Math.max(textAds, firstTexts.length));
    const oxford = await db.ad.findFirst({ where: { title: { startsWith: "Account Director" }, locationSource: "text" }, select: { location: { select: { path: true } } } });
    if (oxford) expect(oxford.location?.path).toContain("Oxford");
  });

  it("trains in the background job, stores the model with its figures, and estimates every ad without a real salary", async () => {
    const before = await db.ad.findMany({ where: { salaryAnnual: { not: null } }, select: { id: true, salaryAnnual: true, salarySource: true }, orderBy: { id: "asc" } });
    const unsalaried = await db.ad.count({ where: { salaryAnnual: null } });
    expect(unsalaried).toBeGreaterThan(20);

    const id = await requestTraining({ reason: "admin", userId: adminId, queueJob: false }, db);
    expect(await runJob(db, id, { pollMs: 50 })).toBe("trained");
    const model = await db.salaryModel.findUniqueOrThrow({ where: { id } });
    expect(model).toMatchObject({ status: "READY", adopted: true, progress: 100, adsUsed: before.length, adsEstimated: unsalaried });
    expect(model.byteSize).toBeGreaterThan(1000);
    const measures = JSON.parse(model.measures!);
    expect(measures.cvAds).toBe(before.length);
    expect(measures.mae).toBeGreaterThan(0);
    expect(measures.baselineMae).toBeGreaterThan(0);
    expect(measures.coverage).toBeGreaterThan(0.5);

    const estimated = await db.ad.findMany({
      where: { salaryAnnual: null },
      select: { salaryEstimate: true, salaryEstimateLow: true, salaryEstimateHigh: true, salaryModelId: true },
    });
    for (const e of estimated) {
      expect(e.salaryModelId).toBe(id);
      expect(e.salaryEstimateLow!).toBeLessThanOrEqual(e.salaryEstimate!);
      expect(e.salaryEstimate!).toBeLessThanOrEqual(e.salaryEstimateHigh!);
      expect(e.salaryEstimate!).toBeGreaterThan(1000);
    }
    // Real salaries untouched, and none of those ads carries an estimate.
    const after = await db.ad.findMany({ where: { salaryAnnual: { not: null } }, select: { id: true, salaryAnnual: true, salarySource: true }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
    expect(await db.ad.count({ where: { salaryAnnual: { not: null }, salaryEstimate: { not: null } } })).toBe(0);
    // Adopting moved the ads counter (cached table answers see the estimates).
    expect(await db.auditEvent.count({ where: { entity: "salary", action: "adopt" } })).toBe(1);
  }, 300_000);

  it("exports the estimate in its own columns, only for ads without a real salary", async () => {
    const tree = new LocationTree(await db.location.findMany({ select: { id: true, name: true, path: true, depth: true, parentId: true, regionId: true } }));
    const estimated = await db.ad.findFirstOrThrow({
      where: { salaryEstimate: { not: null } },
      select: { id: true, salaryEstimate: true, salaryEstimateLow: true, salaryEstimateHigh: true },
    });
    const real = await db.ad.findFirstOrThrow({ where: { salaryAnnual: { not: null } }, select: { id: true, salaryAnnual: true } });
    const rows: unknown[][] = [];
    for await (const chunk of exportRows([estimated.id, real.id], db, tree)) rows.push(...chunk);
    const cell = (row: unknown[], header: string) => row[EXPORT_HEADER.indexOf(header)];
    expect(cell(rows[0], "Salary estimate")).toBe(estimated.salaryEstimate);
    expect(cell(rows[0], "Estimate low")).toBe(estimated.salaryEstimateLow);
    expect(cell(rows[0], "Estimate high")).toBe(estimated.salaryEstimateHigh);
    expect(cell(rows[0], "Annual salary")).toBeNull();
    expect(cell(rows[1], "Annual salary")).toBe(real.salaryAnnual);
    expect(cell(rows[1], "Salary estimate")).toBeNull();
  });

  it("removes the estimate when an admin enters a salary", async () => {
    const ad = (await db.ad.findFirstOrThrow({ where: { salaryEstimate: { not: null } }, select: { id: true } }))!;
    const current = (await getAd(ad.id, db))!;
    const fields = ZAdFields.parse({
      title: current.title,
      description: current.description,
      company: current.company?.name ?? "",
      locationId: current.locationId ? String(current.locationId) : "",
      category: current.category ?? "",
      contractType: current.contractType ?? "",
      contractTime: current.contractTime ?? "",
      salaryMin: "30000",
      salaryMax: "34000",
      salaryPeriod: "YEAR",
      status: current.status,
    });
    await updateAd(ad.id, current.version, fields, adminId, db);
    const after = await db.ad.findUniqueOrThrow({ where: { id: ad.id } });
    expect(after).toMatchObject({ salaryAnnual: 32000, salarySource: "admin", salaryEstimate: null, salaryEstimateLow: null, salaryEstimateHigh: null, salaryModelId: null });

    // Cleared again: the adopted model prices it at once (no wait for the next training).
    const edited = (await getAd(ad.id, db))!;
    await updateAd(ad.id, edited.version, { ...fields, salaryMin: null, salaryMax: null, salaryPeriod: null }, adminId, db);
    const cleared = await db.ad.findUniqueOrThrow({ where: { id: ad.id } });
    const adopted = await db.salaryModel.findFirstOrThrow({ where: { adopted: true } });
    expect(cleared).toMatchObject({ salaryAnnual: null, salaryModelId: adopted.id });
    expect(cleared.salaryEstimateLow!).toBeLessThan(cleared.salaryEstimate!);
    expect(cleared.salaryEstimate!).toBeLessThan(cleared.salaryEstimateHigh!);
  });

  it("estimates a later import's salary-less ads with the adopted model (too few changes to retrain)", async () => {
    const store = openImportStore(tdb.url);
    try {
      await importFiles(tdb.url, store, texts.slice(150, 160));
    } finally {
      await store.close();
    }
    const missing = await db.ad.count({ where: { salaryAnnual: null, salaryEstimate: null } });
    expect(missing).toBeGreaterThan(0);
    expect(await afterImport(db, { queueJob: false })).toBe("estimated");
    expect(await db.ad.count({ where: { salaryAnnual: null, salaryEstimate: null } })).toBe(0);
    expect(await db.salaryModel.count({ where: { status: "QUEUED" } })).toBe(0);
  }, 120_000);
});
