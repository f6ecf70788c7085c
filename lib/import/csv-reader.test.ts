import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvParser, readCsv, type CsvProblem, type CsvRecord } from "./csv-reader";

function parse(input: string | Buffer, chunkSize = 1 << 20, maxRecordBytes?: number) {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const p = new CsvParser(maxRecordBytes);
  for (let i = 0; i < bytes.length; i += chunkSize) p.push(bytes.subarray(i, i + chunkSize));
  p.end();
  return { records: p.records, problems: p.problems };
}
const fields = (r: { records: CsvRecord[] }) => r.records.map((x) => x.fields);

describe("CsvParser", () => {
  it("reads plain and quoted fields with commas, doubled quotes and line breaks", () => {
    const r = parse('Id,Title,Desc\n1,Nurse,"Days, nights"\n2,"Say ""hi""","line one\nline two"\n');
    expect(fields(r)).toEqual([
      ["Id", "Title", "Desc"],
      ["1", "Nurse", "Days, nights"],
      ["2", 'Say "hi"', "line one\nline two"],
    ]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r.problems).toEqual([]);
  });

  it("handles CRLF, a BOM, blank lines and a last line without a line break", () => {
    const r = parse('\uFEFFId,Title\r\n1,A\r\n\r\n2,"B\r\nC"\r\n3,D');
    expect(fields(r)).toEqual([
      ["Id", "Title"],
      ["1", "A"],
      ["2", "B\r\nC"],
      ["3", "D"],
    ]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 4, 6]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(fields(parse("a,,c,\n,,\n"))).toEqual([
      ["a", "", "c", ""],
      ["", "", ""],
    ]);
  });

  it("gives the same result whatever the chunk boundaries", () => {
    const text = '\uFEFFId,Title,Desc\r\n1,"a ""q"" b","x\r\ny"\r\n2,£25k,"€"\r\n\r\n3,"",z';
    const whole = parse(text);
    for (let size = 1; size <= 9; size++) expect(parse(text, size)).toEqual(whole);
  });

  it("decodes UTF-8 fields as UTF-8 and other bytes as Windows-1252, per field", () => {
    const bytes = Buffer.concat([Buffer.from("Id,Salary,Note\n1,"), Buffer.from([0xa3, 0x32, 0x30, 0x6b]), Buffer.from(",£30k – ok\n")]);
    const r = parse(bytes);
    expect(r.records[1].fields).toEqual(["1", "£20k", "£30k – ok"]);
    expect(r.records[1].windows1252).toBe(true);
    expect(r.records[0].windows1252).toBe(false);
  });

  it("reports an unclosed quote with the line it starts on, keeping the records before it", () => {
    const r = parse('Id,Title\n1,ok\n2,"never closed\n3,x\n');
    expect(fields(r)).toEqual([
      ["Id", "Title"],
      ["1", "ok"],
    ]);
    expect(r.problems).toEqual<CsvProblem[]>([{ line: 3, column: 1, fatal: true, message: "a quoted field is never closed; the rest of the file was not read" }]);
  });

  it("stops on a record larger than the limit instead of holding it in memory", () => {
    const huge = 'Id,Desc\n1,"' + "x".repeat(5000);
    const r = parse(huge, 512, 1024);
    expect(fields(r)).toEqual([["Id", "Desc"]]);
    expect(r.problems[0]).toMatchObject({ line: 2, fatal: true });
    expect(r.problems[0].message).toMatch(/larger than/);
  });

  it("reads stray quotes as text and says so", () => {
    const r = parse('a,b\n1,5" screen\n2,"x"y\n');
    expect(fields(r)).toEqual([
      ["a", "b"],
      ["1", '5" screen'],
      ["2", 'x"y'],
    ]);
    expect(r.problems.map((p) => [p.line, p.column, p.fatal])).toEqual([
      [2, 1, false],
      [3, 1, false],
    ]);
  });

  it("reads the Adzuna sample: 2,499 ads with 12 fields each", async () => {
    const file = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
    const bytes = readFileSync(file);
    const all: CsvRecord[] = [];
    const problems: CsvProblem[] = [];
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    }
    for await (const batch of readCsv(chunks(), { onProblem: (p) => problems.push(p) })) all.push(...batch.records);
    expect(problems).toEqual([]);
    expect(all[0].fields).toEqual([
      "Id",
      "Title",
      "FullDescription",
      "LocationRaw",
      "LocationNormalized",
      "ContractType",
      "ContractTime",
      "Company",
      "Category",
      "SalaryRaw",
      "SalaryNormalized",
      "SourceName",
    ]);
    expect(all).toHaveLength(2500);
    expect(all.every((r) => r.fields.length === 12)).toBe(true);
    expect(all[1].fields[0]).toBe("12612628");
    expect(all[1].fields[3]).toBe("Dorking, Surrey, Surrey");
  });
});
