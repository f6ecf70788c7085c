// The import pipeline against real databases (SQLite, and PostgreSQL when DATABASE_URL names one):
// the sample CSV and the text ads, re-imports, changed rows, admin edits, duplicates, batches that
// fail half-way, and files that are not imports. Expected numbers come from the data (csv-parse and
// regexes in tests/support/import-db.ts), not from the importer.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { executeImport, openImportStore, runImport } from "@/lib/import/pipeline";
import type { ImportStore } from "@/lib/import/writer";
import { cloneDatabase, expectedCsv, importFiles, openSearchIndex, SAMPLE_CSV, textAdFiles, textAdIds, treeDatabase, type SearchIndex } from "../support/import-db";
import { makeZip } from "../support/make-zip";
import { testDialects, type TestDatabase } from "../support/test-db";

const tmp = mkdtempSync(path.join(tmpdir(), "rd-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SAMPLE_NAME = "Train_rev1_sample.csv";
const sample = expectedCsv(SAMPLE_CSV);
const sampleText = readFileSync(SAMPLE_CSV, "latin1"); // byte-for-byte round trip when edited
const sample1 = { path: SAMPLE_CSV, name: SAMPLE_NAME };

/** A copy of the sample with some rows edited: each edit replaces text once, inside the row with that Id. */
function editedSample(name: string, edits: [id: number, from: string, to: string][]): string {
  let text = sampleText;
  for (const [id, from, to] of edits) {
    const start = text.indexOf(`\n${id},`) + 1;
    if (start === 0) throw new Error(`no row ${id}`);
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end);
    if (line.split(from).length !== 2) throw new Error(`"${from}" is not in row ${id} exactly once`);
    text = text.slice(0, start) + line.replace(from, to) + text.slice(end);
  }
  const file = path.join(tmp, name);
  writeFileSync(file, text, "latin1");
  return file;
}

function csvFile(name: string, rows: string[]): string {
  const file = path.join(tmp, name);
  writeFileSync(
    file,
    ["Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,Company,Category,SalaryRaw,SalaryNormalized,SourceName", ...rows].join("\r\n") + "\r\n",
  );
  return file;
}

/** The store, with `method` throwing on its n-th call (after the batch's other writes). */
function failingOn(store: ImportStore, method: keyof ImportStore, n: number): ImportStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== "function") return value;
      if (prop !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        if (++calls === n) throw new Error(`injected ${method} failure`);
        return value.apply(target, args);
      };
    },
  });
}

describe.each(testDialects())("import pipeline on %s", (dialect) => {
  let base: TestDatabase;
  beforeAll(async () => {
    base = await treeDatabase(`import_base_${dialect}`, dialect);
  }, 120_000);
  afterAll(async () => {
    await base?.drop();
  });

  /** Each group works on its own copy of the database with the location tree. */
  function database(name: string) {
    const s = {} as { tdb: TestDatabase; url: string; db: Db; store: ImportStore; search: SearchIndex };
    beforeAll(async () => {
      s.tdb = await cloneDatabase(base, `import_${name}_${dialect}`);
      s.url = s.tdb.url;
      s.db = createDb(s.url);
      s.store = openImportStore(s.url);
      s.search = await openSearchIndex(s.url, dialect);
    });
    afterAll(async () => {
      await s.search?.close();
      await s.store?.close();
      await s.db?.$disconnect();
      await s.tdb?.drop();
    });
    return s;
  }

  const adIds = async (db: Db, externalIds: number[]) => {
    const rows = await db.ad.findMany({ where: { externalId: { in: externalIds } }, select: { id: true, externalId: true } });
    return new Map(rows.map((r) => [r.externalId, r.id]));
  };
  const adId = async (db: Db, externalId: number) => (await db.ad.findUniqueOrThrow({ where: { externalId }, select: { id: true } })).id;

  describe("the sample CSV, re-imports, changed rows and text ads", () => {
    const s = database("main");
    const good = sample.good;
    const goodIds = good.map((r) => r.id);
    const byId = new Map(good.map((r) => [r.id, r]));

    it("imports the sample: an ad per valid row, bad rows skipped and reported with file, line and field", async () => {
      const { id, outcome, record } = await importFiles(s.url, s.store, [sample1]);
      expect(outcome).toMatchObject({ status: "SUCCEEDED", message: null, files: [{ name: SAMPLE_NAME, format: "csv", refused: null }] });
      expect(sample.bad.length).toBeGreaterThan(0);
      expect(record).toMatchObject({
        status: "SUCCEEDED",
        created: good.length,
        updated: 0,
        unchanged: 0,
        skipped: sample.bad.length,
        rowsDone: sample.rows,
        bytesDone: statSync(SAMPLE_CSV).size,
        duplicates: 0,
      });
      const issues = await s.db.importIssue.findMany({ where: { importId: id }, orderBy: { id: "asc" } });
      const errors = issues.filter((i) => i.severity === "error");
      expect(errors.map((e) => [e.file, e.line])).toEqual(sample.bad.map((b) => [SAMPLE_NAME, b.line]));
      expect(errors.every((e) => e.field && e.message.includes(e.field))).toBe(true);
      expect(record.errors).toBe(errors.length);
      expect(record.warnings).toBe(issues.length - errors.length);

      const ads = await s.db.ad.findMany({
        select: { externalId: true, companyId: true, locationId: true, locationSource: true, salaryAnnual: true, importId: true, version: true },
      });
      expect(ads.map((a) => a.externalId).sort()).toEqual([...goodIds].sort());
      expect(ads.every((a) => a.importId === id && a.version === 1)).toBe(true);
      // Companies: one per name, case-insensitively; every row naming one is linked to it.
      const names = new Set(good.flatMap((r) => (r.company ? [r.company.replace(/\s+/g, " ").toLowerCase()] : [])));
      expect(await s.db.company.count()).toBe(names.size);
      expect(ads.filter((a) => a.companyId !== null)).toHaveLength(good.filter((r) => r.company).length);
      // Locations: every row has one; the unresolved ones are counted (and may get a place from their text).
      expect(ads.filter((a) => a.locationId === null || a.locationSource === "text")).toHaveLength(record.unresolvedLocations);
      expect(ads.filter((a) => a.locationId !== null && a.locationSource !== "text").every((a) => a.locationSource === "file")).toBe(true);
      expect(record.unresolvedLocations).toBeLessThan(good.length * 0.01);
      // Salaries: every row has a SalaryNormalized.
      expect(ads.filter((a) => a.salaryAnnual !== null)).toHaveLength(good.filter((r) => Number(r.fields.SalaryNormalized) > 0).length);

      const first = await s.db.ad.findUniqueOrThrow({ where: { externalId: 12612628 }, include: { company: true, location: true } });
      expect(first).toMatchObject({
        title: "Engineering Systems Analyst",
        company: { name: "Gregory Martin International" },
        location: { path: "UK~South East England~Surrey~Dorking" },
        locationRaw: "Dorking, Surrey, Surrey",
        contractTime: "PERMANENT",
        contractType: null,
        category: "Engineering Jobs",
        salaryRaw: "20000 - 30000/annum 20-30K",
        salaryMin: 20000,
        salaryMax: 30000,
        salaryPeriod: "YEAR",
        salaryAnnual: 25000,
        source: "cv-library.co.uk",
      });
      // "UK" refined by the town in LocationRaw ("Croydon, Surrey").
      expect((await s.db.ad.findUniqueOrThrow({ where: { externalId: 28216382 }, include: { location: true } })).location?.path).toBe("UK~London~Croydon");

      // One index entry per ad, consistent, and searchable.
      expect(await s.search.size()).toBe(good.length);
      await s.search.check();
      const pioneeer = good.filter((r) => /\bPIONEEER\b/i.test(r.fields.FullDescription));
      expect(pioneeer).toHaveLength(1);
      expect(await s.search.find("PIONEEER")).toEqual([await adId(s.db, pioneeer[0].id)]);
      const gmi = await adIds(
        s.db,
        good.filter((r) => r.company === "Gregory Martin International").map((r) => r.id),
      );
      expect(gmi.size).toBeGreaterThan(3);
      expect(await s.search.find("Gregory Martin International")).toEqual(expect.arrayContaining([...gmi.values()]));
    });

    it("imports the same file again as all unchanged: nothing created, no version moves", async () => {
      const before = await s.db.ad.findMany({ select: { id: true, version: true, updatedAt: true, title: true }, orderBy: { id: "asc" } });
      const { record } = await importFiles(s.url, s.store, [sample1]);
      expect(record).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, unchanged: good.length, skipped: sample.bad.length, duplicates: 0 });
      expect(await s.db.ad.findMany({ select: { id: true, version: true, updatedAt: true, title: true }, orderBy: { id: "asc" } })).toEqual(before);
      expect(await s.db.adChange.count()).toBe(0);
      expect(await s.search.size()).toBe(good.length);
      await s.search.check();
    });

    const changed = () =>
      editedSample("changed.csv", [
        [12612628, "12612628,Engineering Systems Analyst,", "12612628,Quokka Systems Wrangler,"],
        [12612830, "25000 - 35000/annum 25-35K,30000", "28000 - 38000/annum 28-38K,33000"],
        [12612844, ",Gregory Martin International,", ",,"], // an emptied cell
        [12613049, ",Gregory Martin International,", ",GREGORY MARTIN INTERNATIONAL,"], // same company, other case
      ]);

    it("updates only what a changed row changes, bumps the version, records before/after and reindexes", async () => {
      const ids = await adIds(s.db, [12612628, 12612830, 12612844, 12613049]);
      expect(await s.search.findInTitle("Engineering Systems Analyst")).toContain(ids.get(12612628));
      const { id, record } = await importFiles(s.url, s.store, [{ path: changed(), name: "changed.csv" }]);
      expect(record).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 2, unchanged: good.length - 2, skipped: sample.bad.length });

      const ad = (externalId: number) => s.db.ad.findUniqueOrThrow({ where: { externalId }, include: { company: true } });
      expect(await ad(12612628)).toMatchObject({ title: "Quokka Systems Wrangler", version: 2, salaryAnnual: 25000, company: { name: "Gregory Martin International" } });
      expect(await ad(12612830)).toMatchObject({
        title: "Stress Engineer Glasgow",
        version: 2,
        salaryRaw: "28000 - 38000/annum 28-38K",
        salaryMin: 28000,
        salaryMax: 38000,
        salaryAnnual: 33000,
      });
      // An empty cell never erases; a company in other letters is the same company.
      expect(await ad(12612844)).toMatchObject({ version: 1, company: { name: "Gregory Martin International" } });
      expect(await ad(12613049)).toMatchObject({ version: 1, company: { name: "Gregory Martin International" } });

      const history = await s.db.adChange.findMany({ where: { importId: id }, orderBy: { adId: "asc" } });
      expect(history.map((h) => ({ adId: h.adId, source: h.source, versionAfter: h.versionAfter, changes: JSON.parse(h.changes) }))).toEqual([
        { adId: ids.get(12612628), source: "IMPORT", versionAfter: 2, changes: { title: ["Engineering Systems Analyst", "Quokka Systems Wrangler"] } },
        {
          adId: ids.get(12612830),
          source: "IMPORT",
          versionAfter: 2,
          changes: { salaryRaw: ["25000 - 35000/annum 25-35K", "28000 - 38000/annum 28-38K"], salaryMin: [25000, 28000], salaryMax: [35000, 38000], salaryAnnual: [30000, 33000] },
        },
      ]);

      expect(await s.search.findInTitle("Quokka Wrangler")).toEqual([ids.get(12612628)]);
      expect(await s.search.find("Quokka")).toEqual([ids.get(12612628)]);
      expect(await s.search.findInTitle("Engineering Systems Analyst")).not.toContain(ids.get(12612628));
      expect(await s.search.size()).toBe(good.length);
      await s.search.check();

      // The changed file again: nothing left to do (the emptied cell's row now has its own hash).
      const again = await importFiles(s.url, s.store, [{ path: changed(), name: "changed.csv" }]);
      expect(again.record).toMatchObject({ created: 0, updated: 0, unchanged: good.length });
      expect(await s.db.adChange.count()).toBe(2);
    });

    it("keeps an admin's edit when the unchanged file is imported again", async () => {
      await s.db.ad.update({ where: { externalId: 12612830 }, data: { title: "Stress Engineer, Glasgow (edited)", version: { increment: 1 } } });
      const { record } = await importFiles(s.url, s.store, [{ path: changed(), name: "changed.csv" }]);
      expect(record).toMatchObject({ created: 0, updated: 0, unchanged: good.length });
      expect(await s.db.ad.findUniqueOrThrow({ where: { externalId: 12612830 } })).toMatchObject({ title: "Stress Engineer, Glasgow (edited)", version: 3 });
      expect(await s.search.findInTitle("edited")).toEqual([await adId(s.db, 12612830)]);
      await s.search.check();
    });

    it("keeps a field edited in the app when the source row changes, and updates the rest", async () => {
      const id = await adId(s.db, 12612830);
      const ad = await s.db.ad.findUniqueOrThrow({ where: { id } });
      // What the edit form records: the new value and a field-level history entry.
      await s.db.ad.update({ where: { id }, data: { title: "Stress Engineer (Glasgow)", version: { increment: 1 } } });
      await s.db.adChange.create({ data: { adId: id, source: "EDIT", changes: JSON.stringify({ title: [ad.title, "Stress Engineer (Glasgow)"] }), versionAfter: ad.version + 1 } });
      const file = editedSample("changed-again.csv", [
        [12612628, "12612628,Engineering Systems Analyst,", "12612628,Quokka Systems Wrangler,"],
        [12612830, "12612830,Stress Engineer Glasgow,", "12612830,Senior Stress Engineer Glasgow,"],
        [12612830, "25000 - 35000/annum 25-35K,30000", "30000 - 40000/annum 30-40K,35000"],
      ]);
      const { id: importId, record } = await importFiles(s.url, s.store, [{ path: file, name: "changed-again.csv" }]);
      expect(record).toMatchObject({ updated: 1, warnings: 1 });
      expect(await s.db.ad.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Stress Engineer (Glasgow)", salaryMin: 30000, salaryMax: 40000, version: ad.version + 2 });
      const issues = await s.db.importIssue.findMany({ where: { importId, severity: "warning" }, select: { line: true, field: true, severity: true, message: true } });
      expect(issues).toEqual([
        { line: 3, field: "Title", severity: "warning", message: "Title was edited in Recruiter Desk; the edit is kept although the file has a different value" },
      ]);
      await s.search.check();
    });

    it("text ads fill only empty fields of existing ads and create the rest with their folder's category", async () => {
      const files = textAdFiles();
      const webindex = textAdIds(files);
      const overlap = files.filter((f) => byId.has(webindex.get(f.path)!));
      expect(overlap).toHaveLength(20);
      const fresh = files.filter((f) => !byId.has(webindex.get(f.path)!));
      expect(new Set(fresh.map((f) => webindex.get(f.path))).size).toBe(fresh.length);

      // Make room for a fill: an ad that lost its company, one without a category; and an admin's title.
      const linguists = overlap.find((f) => /Company:\s*Linguists Direct/.test(readFileSync(f.path, "latin1")))!;
      const filledCompany = webindex.get(linguists.path)!;
      expect(byId.get(filledCompany)!.company).toBe("Linguists Direct");
      const healthcare = overlap.filter((f) => f.category === "Healthcare & Nursing Jobs").map((f) => webindex.get(f.path)!);
      const [filledCategory, editedTitle] = healthcare;
      await s.db.ad.update({ where: { externalId: filledCompany }, data: { companyId: null } });
      await s.db.ad.update({ where: { externalId: filledCategory }, data: { category: null } });
      await s.db.ad.update({ where: { externalId: editedTitle }, data: { title: "Agency title, edited" } });
      const overlapIds = overlap.map((f) => webindex.get(f.path)!);
      const before = new Map((await s.db.ad.findMany({ where: { externalId: { in: overlapIds } }, include: { text: true } })).map((a) => [a.externalId, a]));

      const { id, record } = await importFiles(s.url, s.store, files);
      expect(record).toMatchObject({ status: "SUCCEEDED", created: fresh.length, updated: 2, unchanged: overlap.length - 2, skipped: 0, errors: 0 });

      const after = new Map((await s.db.ad.findMany({ where: { externalId: { in: overlapIds } }, include: { company: true, text: true } })).map((a) => [a.externalId, a]));
      for (const xid of overlapIds) {
        const [b, a] = [before.get(xid)!, after.get(xid)!];
        expect({ title: a.title, description: a.text?.description, salaryAnnual: a.salaryAnnual, locationId: a.locationId }).toEqual({
          title: b.title,
          description: b.text?.description,
          salaryAnnual: b.salaryAnnual,
          locationId: b.locationId,
        });
        if (xid === filledCompany) expect(a).toMatchObject({ company: { name: "Linguists Direct" }, version: b.version + 1 });
        else if (xid === filledCategory) expect(a).toMatchObject({ category: "Healthcare & Nursing Jobs", version: b.version + 1 });
        else expect(a).toMatchObject({ companyId: b.companyId, category: b.category, version: b.version });
      }
      expect(after.get(editedTitle)!.title).toBe("Agency title, edited");
      const history = await s.db.adChange.findMany({ where: { importId: id } });
      expect(history.map((h) => JSON.parse(h.changes)).sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0]))).toEqual([
        { category: [null, "Healthcare & Nursing Jobs"] },
        { companyName: [null, "Linguists Direct"] },
      ]);

      const created = await s.db.ad.findMany({ where: { importId: id }, select: { externalId: true, category: true, locationId: true, locationSource: true, salaryRaw: true } });
      const folderOf = new Map(fresh.map((f) => [webindex.get(f.path)!, f.category]));
      expect(created).toHaveLength(fresh.length);
      for (const c of created) expect(c.category).toBe(folderOf.get(c.externalId));
      // Text ads have no location field: a place comes only from their text, marked as such.
      expect(created.every((c) => (c.locationId === null ? c.locationSource === null : c.locationSource === "text") && c.salaryRaw === null)).toBe(true);
      expect(created.some((c) => c.locationSource === "text")).toBe(true);

      const total = good.length + fresh.length;
      expect(await s.db.ad.count()).toBe(total);
      expect(await s.search.size()).toBe(total);
      await s.search.check();
      expect(await s.search.find("Linguists Direct")).toContain(await adId(s.db, filledCompany));

      // Again: every text ad is now unchanged.
      const again = await importFiles(s.url, s.store, files);
      expect(again.record).toMatchObject({ created: 0, updated: 0, unchanged: files.length });
    });
  });

  describe("duplicate Ids in one file", () => {
    const s = database("dupes");
    const rows = [
      "93000001,Care Assistant,Days in Leeds,Leeds,Leeds,,permanent,Acme Care,Healthcare & Nursing Jobs,,,acme.co.uk",
      "93000002,Chef,Kitchen work,York,York,,,,Hospitality & Catering Jobs,,,acme.co.uk",
      "93000001,Senior Care Assistant,Nights in Leeds,Leeds,Leeds,,permanent,Acme Care,Healthcare & Nursing Jobs,,,acme.co.uk",
    ];

    it("keeps the last row, counts the duplicate and names both lines", async () => {
      const file = csvFile("dupes.csv", rows);
      const { id, record } = await importFiles(s.url, s.store, [{ path: file, name: "dupes.csv" }]);
      // The later row replaces the earlier one before anything is written: one create, no update.
      expect(record).toMatchObject({ status: "SUCCEEDED", created: 2, updated: 0, unchanged: 0, duplicates: 1, rowsDone: 3, skipped: 0 });
      expect(await s.db.ad.count()).toBe(2);
      expect(await s.db.ad.findUniqueOrThrow({ where: { externalId: 93000001 }, include: { text: true } })).toMatchObject({
        title: "Senior Care Assistant",
        text: { description: "Nights in Leeds" },
        version: 1,
      });
      expect(await s.db.adChange.count()).toBe(0);
      const issues = await s.db.importIssue.findMany({ where: { importId: id }, select: { file: true, line: true, field: true, severity: true, message: true } });
      expect(issues).toEqual([{ file: "dupes.csv", line: 4, field: "Id", severity: "warning", message: "Id 93000001 also appears on line 2; this later row is the one kept" }]);
      expect(await s.search.findInTitle("Senior Care Assistant")).toEqual([await adId(s.db, 93000001)]);
      expect(await s.search.size()).toBe(2);
      await s.search.check();
    });

    it("imports the same file again as unchanged (the earlier row does not win back)", async () => {
      const file = csvFile("dupes.csv", rows);
      const version = (await s.db.ad.findUniqueOrThrow({ where: { externalId: 93000001 } })).version;
      const changes = await s.db.adChange.count();
      const { record } = await importFiles(s.url, s.store, [{ path: file, name: "dupes.csv" }]);
      expect(record).toMatchObject({ created: 0, updated: 0, duplicates: 1 });
      expect(await s.db.ad.findUniqueOrThrow({ where: { externalId: 93000001 } })).toMatchObject({ title: "Senior Care Assistant", version });
      expect(await s.db.adChange.count()).toBe(changes);
    });
  });

  describe("duplicate Webindex in one zip", () => {
    const s = database("dupes_zip");

    it("keeps the later entry and names the earlier one", async () => {
      const ad = (title: string) => `Title: ${title}\nWebindex: 93200001\nCompany: Acme\nDescription: Sales role.\n`;
      const file = await makeZip(path.join(tmp, "dupes.zip"), [
        { name: "Sales/Job_1.txt", data: ad("Sales Executive") },
        { name: "Sales/Job_2.txt", data: ad("Senior Sales Executive") },
      ]);
      const { id, record } = await importFiles(s.url, s.store, [{ path: file, name: "dupes.zip" }]);
      expect(record).toMatchObject({ status: "SUCCEEDED", created: 1, updated: 0, duplicates: 1, rowsDone: 2 });
      expect(await s.db.ad.findUniqueOrThrow({ where: { externalId: 93200001 } })).toMatchObject({ title: "Senior Sales Executive", category: "Sales Jobs" });
      expect(await s.db.importIssue.findMany({ where: { importId: id }, select: { file: true, line: true, message: true } })).toEqual([
        { file: "dupes.zip: Sales/Job_2.txt", line: 1, message: "Id 93200001 also appears in dupes.zip: Sales/Job_1.txt; this later row is the one kept" },
      ]);
    });
  });

  describe("duplicate Ids in different batches", () => {
    const s = database("dupes_batches");

    it("the later row still wins when the earlier one was already written", async () => {
      const file = csvFile("dupes-far.csv", [
        "93100001,Welder,First version,Hull,Hull,,,,,,,a.co.uk",
        "93100002,Fitter,Fitting,Hull,Hull,,,,,,,a.co.uk",
        "93100003,Driver,Driving,Hull,Hull,,,,,,,a.co.uk",
        "93100001,Senior Welder,Second version,Hull,Hull,,,,,,,a.co.uk",
      ]);
      const importId = await s.store.createImport({ origin: "cli", userId: null, files: "[]", bytesTotal: 0, status: "QUEUED" });
      const outcome = await runImport({ store: s.store, importId, files: [{ path: file, name: "dupes-far.csv" }], batchSize: 2, parallel: false });
      expect(outcome.counts).toMatchObject({ created: 3, updated: 1, duplicates: 1, rowsDone: 4 });
      expect(await s.db.ad.findUniqueOrThrow({ where: { externalId: 93100001 }, include: { text: true } })).toMatchObject({
        title: "Senior Welder",
        text: { description: "Second version" },
        version: 2,
      });
      expect(await s.search.findInTitle("Senior Welder")).toEqual([await adId(s.db, 93100001)]);
      await s.search.check();
    });
  });

  describe("batches are all-or-nothing", () => {
    const s = database("batches");
    const good = sample.good;
    // The injected failures are logged as errors: expected here, so kept off the test output.
    let logged: MockInstance<typeof logger.error>;
    beforeEach(() => {
      logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    });
    afterEach(() => logged.mockRestore());

    it("a batch that fails part-way leaves none of its ads, and the counts match what was committed", async () => {
      // BATCH_SIZE rows per batch: the sample makes two; the second one's progress save fails.
      const store = failingOn(s.store, "saveProgress", 2);
      const { id, outcome, record } = await importFiles(s.url, store, [sample1]);
      expect(outcome).toBeNull();
      expect(record.status).toBe("FAILED");
      expect(logged).toHaveBeenCalledWith("import failed", expect.objectContaining({ importId: id }));
      expect((await s.db.import.findUniqueOrThrow({ where: { id } })).message).toMatch(
        /^stopped by an unexpected error: injected saveProgress failure\. .*run the import again to finish\.$/,
      );
      const ads = await s.db.ad.findMany({ select: { externalId: true }, orderBy: { id: "asc" } });
      expect(ads.length).toBeGreaterThan(0);
      expect(ads.length).toBeLessThan(good.length);
      // Exactly the rows of the committed batches, in file order, and the counts say so.
      const num = (a: number, b: number) => a - b;
      expect(ads.map((a) => a.externalId).sort(num)).toEqual(
        good
          .slice(0, ads.length)
          .map((r) => r.id)
          .sort(num),
      );
      expect(record).toMatchObject({ created: ads.length, updated: 0, unchanged: 0 });
      expect(record.created + record.skipped).toBe(record.rowsDone);
      const lastLine = good[ads.length - 1].line;
      expect(record.skipped).toBe(sample.bad.filter((b) => b.line < lastLine).length);
      expect(await s.db.importIssue.count({ where: { importId: id, severity: "error" } })).toBe(record.errors);
      expect(await s.search.size()).toBe(ads.length);
      await s.search.check();

      // Running it again finishes the job: one ad per Id, each problem reported once.
      const committed = ads.length;
      const rerun = await executeImport(s.url, id, undefined, s.store, false);
      expect(rerun?.status).toBe("SUCCEEDED");
      const r = (await s.store.loadImport(id))!;
      expect(r).toMatchObject({ status: "SUCCEEDED", created: good.length - committed, unchanged: committed, updated: 0, skipped: sample.bad.length, rowsDone: sample.rows });
      expect(await s.db.ad.count()).toBe(good.length);
      expect((await s.db.ad.groupBy({ by: ["externalId"] })).length).toBe(good.length);
      const errors = await s.db.importIssue.findMany({ where: { importId: id, severity: "error" }, select: { line: true } });
      expect(errors.map((e) => e.line)).toEqual(sample.bad.map((b) => b.line));
      expect(r.errors).toBe(errors.length);
      expect(await s.search.size()).toBe(good.length);
      await s.search.check();
    });

    it("a failed batch of updates rolls back its ads, versions and history together", async () => {
      // Every title changes; the second batch's history insert fails.
      const ids = new Set(good.map((r) => String(r.id)));
      const text = sampleText
        .split("\n")
        .map((line, i) => (i > 0 && ids.has(line.slice(0, line.indexOf(","))) ? line.replace(/^(\d+),("?)/, "$1,$2v2 ") : line))
        .join("\n");
      const file = path.join(tmp, "all-changed.csv");
      writeFileSync(file, text, "latin1");
      const store = failingOn(s.store, "insertHistory", 2);
      const { id, record } = await importFiles(s.url, store, [{ path: file, name: "all-changed.csv" }]);
      expect(record.status).toBe("FAILED");
      const bumped = await s.db.ad.findMany({ where: { version: 2 }, select: { id: true, title: true } });
      expect(bumped.length).toBeGreaterThan(0);
      expect(bumped.length).toBeLessThan(good.length);
      expect(bumped.every((a) => a.title.startsWith("v2 "))).toBe(true);
      expect(await s.db.ad.count({ where: { title: { startsWith: "v2 " } } })).toBe(bumped.length);
      expect(record).toMatchObject({ updated: bumped.length, created: 0 });
      expect(await s.db.adChange.count({ where: { importId: id } })).toBe(bumped.length);
      expect(await s.search.findInTitle("v2")).toEqual(bumped.map((a) => a.id).sort((a, b) => a - b));
      await s.search.check();

      const rerun = await executeImport(s.url, id, undefined, s.store, false);
      expect(rerun?.status).toBe("SUCCEEDED");
      expect(await s.db.ad.count({ where: { version: 2, title: { startsWith: "v2 " } } })).toBe(good.length);
      expect(await s.db.adChange.count({ where: { importId: id } })).toBe(good.length);
      expect(await s.search.findInTitle("v2")).toHaveLength(good.length);
      expect(await s.search.size()).toBe(good.length);
      await s.search.check();
    });
  });

  describe("files that are not an import", () => {
    const s = database("refused");
    const bad: [name: string, content: string | Buffer, message: string][] = [
      ["empty.csv", "", "the file is empty"],
      ["header-only.csv", "Id,Title,FullDescription,Company\r\n", "has a header but no rows"],
      ["binary.csv", Buffer.from([0x50, 0x4b, 0x07, 0x08, 0, 0, 1, 2, 3, 0, 0, 0, 9, 9]), "is a binary file, not a CSV, a text ad or a zip"],
      ["people.csv", "name,email\nAnn,ann@example.com\n", "not an Adzuna ads file: the header has no Id, Title, FullDescription columns (found: name, email)"],
      ["notes.txt", "Things to do\n- call Ann\n", 'is not a text ad: it should start with "Title:"'],
      ["ads.zip", "Id,Title,FullDescription\n1,a,b\n", "has a .zip name but is not a zip archive"],
    ];
    const snapshot = async (db: Db, search: SearchIndex) => ({
      ads: await db.ad.count(),
      companies: await db.company.count(),
      changes: await db.adChange.count(),
      index: await search.size(),
      latest: await db.ad.aggregate({ _max: { updatedAt: true, version: true } }),
    });

    beforeAll(async () => {
      const file = csvFile("seed.csv", [
        "95000001,Care Assistant,Days in Leeds,Leeds,Leeds,,permanent,Acme Care,,,,acme.co.uk",
        "95000002,Chef,Kitchen work,York,York,,,Other Co,,,,acme.co.uk",
      ]);
      expect((await importFiles(s.url, s.store, [{ path: file }])).record.created).toBe(2);
    });

    it.each(bad)("%s: one clear message, FAILED, database unchanged", async (name, content, message) => {
      const file = path.join(tmp, name);
      writeFileSync(file, content);
      const before = await snapshot(s.db, s.search);
      const { id, outcome, record } = await importFiles(s.url, s.store, [{ path: file, name }]);
      expect(outcome).toMatchObject({ status: "FAILED", message: `${name} ${message}`, files: [{ name, refused: message }] });
      expect(record).toMatchObject({ status: "FAILED", message: `${name} ${message}`, created: 0, updated: 0, unchanged: 0, errors: 1, warnings: 0 });
      expect(await s.db.importIssue.findMany({ where: { importId: id }, select: { file: true, line: true, field: true, severity: true, message: true } })).toEqual([
        { file: name, line: null, field: null, severity: "error", message },
      ]);
      expect(await snapshot(s.db, s.search)).toEqual(before);
      await s.search.check();
    });

    it("a CSV whose rows are all bad: FAILED, each row reported, database unchanged", async () => {
      const file = csvFile("all-bad.csv", ["abc,Nurse,Nights,,,,,,,,,", "96000001,,Nights,,,,,,,,,", "96000002,Nurse"]);
      const before = await snapshot(s.db, s.search);
      const { id, outcome, record } = await importFiles(s.url, s.store, [{ path: file, name: "all-bad.csv" }]);
      expect(outcome).toMatchObject({ status: "FAILED", message: "no row could be imported; see the problems below" });
      expect(record).toMatchObject({ status: "FAILED", created: 0, skipped: 3, rowsDone: 3, errors: 3 });
      expect((await s.db.importIssue.findMany({ where: { importId: id }, orderBy: { line: "asc" } })).map((i) => [i.line, i.field])).toEqual([
        [2, "Id"],
        [3, "Title"],
        [4, null],
      ]);
      expect(await snapshot(s.db, s.search)).toEqual(before);
    });

    it("with a good file beside it, imports the good one and names the refused one", async () => {
      const good = csvFile("good.csv", ["95000003,Driver,Class 1,Hull,Hull,,,,,,,acme.co.uk"]);
      const { outcome, record } = await importFiles(s.url, s.store, [
        { path: path.join(tmp, "empty.csv"), name: "empty.csv" },
        { path: good, name: "good.csv" },
      ]);
      expect(outcome?.status).toBe("SUCCEEDED");
      expect(record).toMatchObject({ status: "SUCCEEDED", message: "empty.csv the file is empty", created: 1, errors: 1 });
      expect(await s.db.ad.count()).toBe(3);
    });
  });
});
