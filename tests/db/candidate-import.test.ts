// Candidate CSV imports through the import pipeline (SQLite, and PostgreSQL when DATABASE_URL names
// one): the kind read from the header, dedupe by email (merged into the existing record), bad rows
// reported with file, line and field, re-running is no work, all-or-nothing batches, revert.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { Sql } from "@/lib/db/sql";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
import { executeImport, openImportStore } from "@/lib/import/pipeline";
import { revertImport } from "@/lib/import/revert";
import type { ImportStore } from "@/lib/import/writer";
import { buildDocx, buildPdf, textLines } from "../support/documents";
import { treeDatabase } from "../support/import-db";
import { makeZip } from "../support/make-zip";
import { testDialects, type TestDatabase } from "../support/test-db";

const tmp = mkdtempSync(path.join(tmpdir(), "rd-cand-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function csv(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

const HEADER = "Full Name,E-mail,Mobile,Town,Job Title,Expected Salary,Skills,Source,CV,Relocate,Favourite colour";
const FIRST = csv("candidates.csv", [
  HEADER,
  `Asha Patel,asha@example.com,07700 900123,Leeds,Staff Nurse,"£28,000",ward nursing,LinkedIn,"Registered general nurse on a busy surgical ward, eight years of acute care.",yes,green`,
  `Ben Ortiz,ben@example.com,,Manchester,Sous Chef,32k,,Referral,"Sous chef in a rosette kitchen; menu costing and ordering.",no,blue`,
  `,nobody@example.com,,,,,,,,,`,
  `Cara Wells,not-an-email,,,,,,,,,`,
  `Dev Singh,DEV@example.com,,Nowhereville Zzz,Accountant,,,,"Qualified accountant, month-end close.",maybe,`,
]);

async function runFile(url: string, store: ImportStore, file: string, kind = "auto") {
  const stored = [{ name: path.basename(file), path: file, size: statSync(file).size }];
  const id = await store.createImport({ origin: "cli", userId: null, files: JSON.stringify(stored), bytesTotal: stored[0].size, status: "QUEUED" });
  await store.run(Sql.of(`UPDATE "Import" SET "kind" = ? WHERE "id" = ?`, kind, id));
  const outcome = await executeImport(url, id, undefined, store, false);
  return { id, outcome, record: (await store.loadImport(id))! };
}

for (const dialect of testDialects()) {
  describe(`candidate CSV import (${dialect})`, () => {
    let tdb: TestDatabase;
    let db: Db;
    let store: ImportStore;
    let adminId: string;
    beforeAll(async () => {
      tdb = await treeDatabase(`candidate_import_${dialect}`, dialect);
      db = createDb(tdb.url);
      store = openImportStore(tdb.url);
      adminId = (await db.user.create({ data: { email: "admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x" } })).id;
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await db?.$disconnect();
      await tdb?.drop();
    });

    it("reads the kind from the header, imports good rows, reports bad ones by file, line and field", async () => {
      const { id, outcome, record } = await runFile(tdb.url, store, FIRST);
      expect(outcome?.status).toBe("SUCCEEDED");
      expect(record.kind).toBe("candidates");
      expect(record).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 2 });
      const issues = await db.importIssue.findMany({ where: { importId: id }, orderBy: { id: "asc" } });
      const at = (line: number, field: string) => issues.find((i) => i.line === line && i.field === field);
      expect(issues[0]).toMatchObject({ file: "candidates.csv", line: 1, severity: "warning" });
      expect(issues[0].message).toContain("Favourite colour");
      expect(at(4, "Name")).toMatchObject({ severity: "error", file: "candidates.csv" });
      expect(at(5, "Email")?.message).toContain("not-an-email");
      expect(at(6, "Location")?.severity).toBe("warning");
      expect(at(6, "WillingToRelocate")?.severity).toBe("warning");
      const asha = await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" }, include: { locationRef: true } });
      expect(asha).toMatchObject({ name: "Asha Patel", currentTitle: "Staff Nurse", desiredSalary: 28000, willingToRelocate: true, phoneKey: "07700900123", importId: id });
      expect(asha.locationRef?.name).toBe("Leeds");
      expect(asha.regionId).not.toBeNull();
      expect((await db.candidate.findUniqueOrThrow({ where: { emailKey: "ben@example.com" } })).desiredSalary).toBe(32000);
      // The full-text index follows the import.
      const found = await findMatches(db, "candidates", parseSearch("surgical ward"), { limit: 10, pick: "best", ranked: true });
      expect(found).toEqual([asha.id]);
    });

    it("re-running the same file is no work; a changed row merges into the person with that email, and revert restores it", async () => {
      const again = await runFile(tdb.url, store, FIRST);
      expect(again.record).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const before = await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } });
      const changed = csv("candidates-2.csv", [
        "Name,Email,Current Title,Location",
        "Asha Patel,ASHA@example.com,Senior Staff Nurse,",
        "Eve Adams,eve@example.com,Paralegal,London",
        "Eve Adams,eve@example.com,Senior Paralegal,London",
      ]);
      const second = await runFile(tdb.url, store, changed);
      expect(second.record).toMatchObject({ created: 1, updated: 1, duplicates: 1 });
      const asha = await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } });
      expect(asha).toMatchObject({ id: before.id, currentTitle: "Senior Staff Nurse", version: before.version + 1, desiredSalary: 28000 });
      expect((await db.candidate.findUniqueOrThrow({ where: { emailKey: "eve@example.com" } })).currentTitle).toBe("Senior Paralegal");
      const summary = await revertImport(second.id, adminId, db);
      expect(summary).toMatchObject({ deleted: 1, restored: 1, keptChanged: 0 });
      expect((await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } })).currentTitle).toBe("Staff Nurse");
      expect(await db.candidate.count({ where: { emailKey: "eve@example.com" } })).toBe(0);
      await expect(revertImport(second.id, adminId, db)).rejects.toThrowError("already been reverted");
    });

    it("a .zip of CVs (.txt, .pdf, .docx): one candidate per file, name and email found in the text, merged by email; unreadable files reported", async () => {
      const docx = Buffer.from(await buildDocx(["Hana Kato", "hana.kato@example.com", "Theatre scrub practitioner, orthopaedic lists."]));
      const pdf = Buffer.from(buildPdf([textLines("Ivan Petrov", "ivan@example.com", "Forklift driver, counterbalance licence.")]));
      const file = await makeZip(path.join(tmp, "cvs.zip"), [
        { name: "cvs/hana.docx", data: docx },
        { name: "cvs/ivan.pdf", data: pdf },
        { name: "cvs/asha-patel-cv.txt", data: "asha@example.com\nStaff nurse, now a ward sister on an acute surgical ward." },
        { name: "cvs/broken.pdf", data: "not a pdf at all" },
        { name: "cvs/photo.png", data: "png" },
      ]);
      const asha = await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } });
      const { id, record } = await runFile(tdb.url, store, file);
      expect(record).toMatchObject({ kind: "candidates", created: 2, updated: 1, skipped: 1 });
      expect(await db.candidate.findUniqueOrThrow({ where: { emailKey: "hana.kato@example.com" } })).toMatchObject({ name: "Hana Kato", cvFileName: "hana.docx" });
      expect((await db.candidate.findUniqueOrThrow({ where: { emailKey: "ivan@example.com" } })).cvText).toContain("Forklift driver");
      const merged = await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } });
      expect(merged).toMatchObject({ id: asha.id, cvFileName: "asha-patel-cv.txt" });
      expect(merged.cvText).toContain("ward sister");
      const issues = await db.importIssue.findMany({ where: { importId: id } });
      expect(issues.find((i) => i.file === "cvs.zip: cvs/broken.pdf")?.severity).toBe("error");
      expect(issues.find((i) => i.file === "cvs.zip: cvs/photo.png")?.message).toContain("skipped");
      const found = await findMatches(db, "candidates", parseSearch("counterbalance"), { limit: 10, pick: "best", ranked: true });
      expect(found).toHaveLength(1);
      await revertImport(id, adminId, db);
      expect(await db.candidate.count({ where: { emailKey: { in: ["hana.kato@example.com", "ivan@example.com"] } } })).toBe(0);
      expect((await db.candidate.findUniqueOrThrow({ where: { emailKey: "asha@example.com" } })).cvFileName).toBeNull();
    });

    it("--kind candidates reads a file whose header alone would not say so; a failing batch writes nothing", async () => {
      const odd = csv("people.csv", ["Name,Notes", "Fay Lin,hello"]);
      const { record } = await runFile(tdb.url, store, odd, "candidates");
      expect(record).toMatchObject({ kind: "candidates", created: 1 });
      const count = await db.candidate.count();
      const file = csv("batch.csv", ["Name,Email", "Gus One,gus1@example.com", "Gus Two,gus2@example.com"]);
      const failing = new Proxy(store, {
        get(target, prop) {
          const v = Reflect.get(target, prop) as unknown;
          if (prop === "saveProgress") return async () => Promise.reject(new Error("injected"));
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
      const { outcome } = await runFile(tdb.url, failing, file, "candidates");
      expect(outcome).toBeNull();
      expect(await db.candidate.count()).toBe(count);
    });
  });
}
