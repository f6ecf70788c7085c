import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ADZUNA_COLUMNS, FIELD_LIMITS, readHeader, REQUIRED_COLUMNS, rowToSourceAd, type Header } from "./adzuna-csv";
import { readCsv } from "./csv-reader";

const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const TRAIN = [...ADZUNA_COLUMNS];
const ok = (h: Header) => {
  if (!h.ok) throw new Error(`header refused: ${h.message}`);
  return h;
};

describe("readHeader", () => {
  it("reads the real sample's header as the Train layout", () => {
    const first = readFileSync(SAMPLE, "utf8").split(/\r?\n/, 1)[0];
    const h = ok(readHeader(first.split(",")));
    expect(h.layout).toBe("train");
    expect(h.unknown).toEqual([]);
    expect(h.width).toBe(12);
    expect(h.columns).toEqual(Object.fromEntries(TRAIN.map((c, i) => [c, i])));
  });

  it("finds columns in any order and any case, ignoring a BOM and spaces", () => {
    const fields = [
      "\uFEFFsourcename",
      " FULLDESCRIPTION ",
      "title",
      "iD",
      "Company",
      "LocationRaw",
      "locationnormalized",
      "ContractType",
      "contracttime",
      "CATEGORY",
      "salaryraw",
      "SalaryNormalized",
    ];
    const h = ok(readHeader(fields));
    expect(h.layout).toBe("train");
    expect(h.columns).toMatchObject({ SourceName: 0, FullDescription: 1, Title: 2, Id: 3, Company: 4, SalaryNormalized: 11 });
    const ad = rowToSourceAd(["src", "desc", "A title", "42", "Acme", "Leeds", "Leeds", "", "", "IT Jobs", "", ""], h, "f.csv", 2).ad;
    expect(ad).toMatchObject({ externalId: 42, title: "A title", description: "desc", company: "Acme", source: "src", category: "IT Jobs", contractType: null, salaryRaw: null });
  });

  it("recognises the Valid/Test layout (no salary columns)", () => {
    const h = ok(readHeader(TRAIN.filter((c) => !c.startsWith("Salary"))));
    expect(h.layout).toBe("valid");
    expect(h.columns.SalaryRaw).toBeUndefined();
    const ad = rowToSourceAd(["7", "T", "D", "Leeds", "Leeds", "", "permanent", "Acme", "IT Jobs", "cv-library.co.uk"], h, "v.csv", 2).ad;
    expect(ad).toMatchObject({ externalId: 7, salaryRaw: null, salaryNormalized: null, contractTime: "permanent", source: "cv-library.co.uk" });
  });

  it("accepts only the required columns as a partial layout", () => {
    expect(ok(readHeader(["Id", "Title", "FullDescription"])).layout).toBe("partial");
    // One salary column without the other is not the Valid layout either.
    expect(ok(readHeader(TRAIN.filter((c) => c !== "SalaryRaw"))).layout).toBe("partial");
  });

  it.each(REQUIRED_COLUMNS.map((c) => [c]))("refuses a header without %s with one message naming it", (missing) => {
    const h = readHeader(TRAIN.filter((c) => c !== missing));
    expect(h.ok).toBe(false);
    if (h.ok) return;
    expect(h.message).toMatch(new RegExp(`has no ${missing} column \\(found: `));
    // It names only the missing one.
    for (const other of REQUIRED_COLUMNS.filter((c) => c !== missing)) expect(h.message).not.toMatch(new RegExp(`no [^(]*\\b${other}\\b`));
  });

  it("names every missing required column, and what it found instead", () => {
    const h = readHeader(["name", "email", "phone"]);
    expect(h).toEqual({ ok: false, message: "not an Adzuna ads file: the header has no Id, Title, FullDescription columns (found: name, email, phone)" });
  });

  it("reports unknown and repeated columns (the first of a repeated column is used)", () => {
    const h = ok(readHeader(["Id", "Title", "Salary Band", "FullDescription", "title", "", "Notes"]));
    expect(h.unknown).toEqual(["Salary Band", "title (duplicate; the first one is used)", "Notes"]);
    expect(h.columns.Title).toBe(1);
    expect(h.width).toBe(7);
  });
});

describe("rowToSourceAd", () => {
  const header = ok(readHeader(TRAIN));
  const row = (over: Partial<Record<(typeof TRAIN)[number], string>> = {}) =>
    TRAIN.map(
      (c) =>
        over[c] ?? { Id: "12612628", Title: "Engineering Systems Analyst", FullDescription: "Our client in Dorking", Company: "Gregory Martin International" }[c as string] ?? "",
    );

  it("trims values and turns empty cells into null", () => {
    const { ad, problems } = rowToSourceAd(row({ Title: "  Analyst  ", LocationRaw: "   " }), header, "a.csv", 5);
    expect(problems).toEqual([]);
    expect(ad).toMatchObject({ kind: "csv", file: "a.csv", line: 5, externalId: 12612628, title: "Analyst", locationRaw: null, company: "Gregory Martin International" });
  });

  it("refuses a row with the wrong number of fields, naming the line", () => {
    const short = rowToSourceAd(row().slice(0, 11), header, "a.csv", 9);
    expect(short).toEqual({ ad: null, problems: [{ file: "a.csv", line: 9, field: null, severity: "error", message: "expected 12 fields, found 11" }] });
    const long = rowToSourceAd([...row(), "extra"], header, "a.csv", 10);
    expect(long.problems.map((p) => [p.line, p.message])).toEqual([[10, "expected 12 fields, found 13"]]);
  });

  it.each([["abc"], ["0"], ["-5"], ["12.5"], ["1234567890"], ["1e5"]])("refuses Id %j, naming line and field", (id) => {
    const { ad, problems } = rowToSourceAd(row({ Id: id }), header, "a.csv", 3);
    expect(ad).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "a.csv", line: 3, field: "Id", severity: "error" });
    expect(problems[0].message).toContain(`"${id}"`);
  });

  it("refuses an empty Id, Title or FullDescription, naming each", () => {
    expect(rowToSourceAd(row({ Id: " " }), header, "a.csv", 4).problems).toEqual([{ file: "a.csv", line: 4, field: "Id", severity: "error", message: "Id is empty" }]);
    const { ad, problems } = rowToSourceAd(row({ Title: "", FullDescription: "  " }), header, "a.csv", 4);
    expect(ad).toBeNull();
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ["Title", "Title is empty"],
      ["FullDescription", "FullDescription is empty"],
    ]);
  });

  it("refuses an over-long field, naming it", () => {
    const { ad, problems } = rowToSourceAd(row({ Title: "x".repeat(FIELD_LIMITS.Title + 1) }), header, "a.csv", 6);
    expect(ad).toBeNull();
    expect(problems).toEqual([{ file: "a.csv", line: 6, field: "Title", severity: "error", message: "Title is longer than 1,000 characters" }]);
    // At the limit is fine; an optional column is checked too.
    expect(rowToSourceAd(row({ Title: "x".repeat(FIELD_LIMITS.Title) }), header, "a.csv", 6).ad?.title).toHaveLength(1000);
    expect(rowToSourceAd(row({ Company: "c".repeat(301) }), header, "a.csv", 7).problems[0]).toMatchObject({ line: 7, field: "Company" });
  });

  it("reads every row of the real sample as an independent CSV parser does", async () => {
    // csv-parse (RFC 4180) as the reference: each record's first line and fields.
    const reference: { fields: string[] }[] = parse(readFileSync(SAMPLE), { relax_column_count: true, bom: true }).map((fields: string[]) => ({ fields }));
    const ours: { line: number; ad: ReturnType<typeof rowToSourceAd> }[] = [];
    let h: Header | null = null;
    for await (const { records } of readCsv(createReadStream(SAMPLE))) {
      for (const rec of records) {
        if (!h) h = ok(readHeader(rec.fields));
        else ours.push({ line: rec.line, ad: rowToSourceAd(rec.fields, h, "sample.csv", rec.line) });
      }
    }
    const rows = reference.slice(1);
    expect(ours).toHaveLength(rows.length);
    const expectedBad = rows.filter((r) => r.fields.length !== 12 || !/^\d{1,9}$/.test(r.fields[0].trim()) || !r.fields[1].trim() || !r.fields[2].trim());
    expect(expectedBad.length).toBeGreaterThan(0); // the sample has a row with an empty Title
    const bad = ours.filter((o) => !o.ad.ad);
    expect(bad.map((b) => b.ad.problems.map((p) => p.field))).toEqual(expectedBad.map((r) => [r.fields[1].trim() ? "FullDescription" : "Title"]));
    // The line reported is the physical line the record starts on.
    const lines = readFileSync(SAMPLE, "utf8").split("\n");
    for (const b of bad) {
      expect(b.ad.problems[0].line).toBe(b.line);
      expect(lines[b.line - 1]).toMatch(new RegExp(`^${rows[ours.indexOf(b)].fields[0]},`));
    }
    ours.forEach((o, i) => {
      if (!o.ad.ad) return;
      expect(o.ad.ad.externalId).toBe(Number(rows[i].fields[0]));
      expect(o.ad.ad.title).toBe(rows[i].fields[1].trim());
      expect(o.ad.ad.description).toBe(rows[i].fields[2].trim());
    });
  });
});
