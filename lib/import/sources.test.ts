import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectFormat, readImportFile, type SourceEvent } from "./sources";

const dir = mkdtempSync(path.join(tmpdir(), "rd-sources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");
const TEXT_ADS = path.resolve("../shared/data/adzuna/text-ads");
const HEADER = "Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,Company,Category,SalaryRaw,SalaryNormalized,SourceName";

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function events(p: string, name = path.basename(p)): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const ev of readImportFile({ path: p, name })) out.push(ev);
  return out;
}
const fatalOnly = (name: string, message: string): SourceEvent[] => [
  { type: "problem", problem: { file: name, line: null, field: null, severity: "error", message }, rowSkipped: false, fatal: true },
];
const ads = (evs: SourceEvent[]) => evs.flatMap((e) => (e.type === "ad" ? [e.ad] : []));
const problems = (evs: SourceEvent[]) => evs.flatMap((e) => (e.type === "problem" ? [e] : []));

describe("files that are not an import: one clear message, no ads", () => {
  it("an empty file", async () => {
    expect(await events(file("empty.csv", ""))).toEqual(fatalOnly("empty.csv", "the file is empty"));
    expect(await events(file("blank.csv", "\r\n\n\n"))).toEqual(fatalOnly("blank.csv", "the file is empty"));
  });

  it("a CSV with a header and no rows", async () => {
    const evs = await events(file("header.csv", HEADER + "\r\n"));
    expect(problems(evs)).toEqual(fatalOnly("header.csv", "has a header but no rows"));
    expect(ads(evs)).toEqual([]);
  });

  it("a binary file, whatever its name", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(200, 7)]);
    expect(await events(file("photo.csv", png))).toEqual(fatalOnly("photo.csv", "is a binary file, not a CSV, a text ad or a zip"));
    expect(await events(file("photo.txt", png))).toEqual(fatalOnly("photo.txt", "is a binary file, not a CSV, a text ad or a zip"));
    // UTF-16 text has NUL bytes: not something we read, but with a byte order mark we can say what it is.
    expect(await events(file("utf16.csv", Buffer.from("\uFEFF" + HEADER, "utf16le")))).toEqual(fatalOnly("utf16.csv", "is UTF-16 text; save it as UTF-8 and import it again"));
    expect(await events(file("utf16.txt", Buffer.from("\uFEFFTitle: Nurse\n", "utf16le")))).toEqual(fatalOnly("utf16.txt", "is UTF-16 text; save it as UTF-8 and import it again"));
  });

  it("a CSV with the wrong header, naming the missing columns", async () => {
    const evs = await events(file("people.csv", "name,email,phone\nAnn,ann@x.uk,0123\n"));
    expect(evs).toEqual(fatalOnly("people.csv", "not an Adzuna ads file: the header has no Id, Title, FullDescription columns (found: name, email, phone)"));
    const noDesc = await events(file("nodesc.csv", "Id,Title,Description\n1,a,b\n"));
    expect(problems(noDesc)).toHaveLength(1);
    expect(problems(noDesc)[0].problem.message).toMatch(/^not an Adzuna ads file: the header has no FullDescription column/);
  });

  it("a .txt that is not a text ad, and text that is neither", async () => {
    expect(await events(file("notes.txt", "Shopping list\nmilk\n"))).toEqual(fatalOnly("notes.txt", 'is not a text ad: it should start with "Title:"'));
    expect(await events(file("notes", "just some words\n"))).toEqual(
      fatalOnly(
        "notes",
        'is not an import: expected an Adzuna CSV (header Id,Title,FullDescription,…, or gzipped as .csv.gz), a text ad starting with "Title:" or a .zip of text ads',
      ),
    );
  });
});

describe("detectFormat", () => {
  it("tells CSV, text ads and zips apart by content, not only by name", async () => {
    expect(await detectFormat({ path: SAMPLE, name: "sample.csv" })).toEqual({ format: "csv" });
    expect(await detectFormat({ path: file("ads", HEADER + "\n1,a,b,,,,,,,,,\n"), name: "ads" })).toEqual({ format: "csv" });
    expect(await detectFormat({ path: file("ad.dat", "\n\nTitle: Nurse\nWebindex: 1\nDescription: x"), name: "ad.dat" })).toEqual({ format: "text" });
    const folder = path.join(TEXT_ADS, "Sales");
    const first = readdirSync(folder)[0];
    expect(await detectFormat({ path: path.join(folder, first), name: first })).toEqual({ format: "text" });
  });
});

describe("CSV files", () => {
  it("reads the real sample: every row an ad or a skipped row, progress up to the file size", async () => {
    const evs = await events(SAMPLE, "sample.csv");
    expect(evs[0]).toEqual({ type: "format", format: "csv", detail: "Adzuna CSV (Train layout)" });
    const skipped = problems(evs).filter((p) => p.rowSkipped);
    expect(skipped.map((p) => [p.problem.line, p.problem.field, p.problem.message])).toEqual([[1590, "Title", "Title is empty"]]);
    expect(ads(evs)).toHaveLength(2499 - skipped.length);
    expect(new Set(ads(evs).map((a) => a.externalId)).size).toBe(ads(evs).length);
    const progress = evs.filter((e) => e.type === "progress").map((e) => (e as { bytes: number }).bytes);
    expect(progress.at(-1)).toBe(readFileSync(SAMPLE).length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("reads the Valid layout and reports unknown columns once, as a warning", async () => {
    const evs = await events(
      file(
        "valid.csv",
        "Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,Company,Category,SourceName,Notes\n5,Nurse,Nights,Leeds,Leeds,,,NHS,,nhs.uk,call Ann\n",
      ),
    );
    expect(evs[0]).toEqual({ type: "format", format: "csv", detail: "Adzuna CSV (Valid/Test layout, no salary columns)" });
    expect(problems(evs).map((p) => [p.problem.line, p.problem.severity, p.problem.message])).toEqual([[1, "warning", "unknown column ignored: Notes"]]);
    expect(ads(evs)).toEqual([expect.objectContaining({ externalId: 5, company: "NHS", salaryRaw: null, source: "nhs.uk" })]);
  });

  it("reports bad rows with line and field and reads the rest", async () => {
    const csv = [HEADER, "1,Nurse,Nights,,,,,,,,,", "2,Too,few", "abc,Nurse,Nights,,,,,,,,,", '3,"",Nights,,,,,,,,,', "4,Carer,Days,,,,,,,,,"].join("\n");
    const evs = await events(file("bad-rows.csv", csv));
    expect(ads(evs).map((a) => [a.externalId, a.line])).toEqual([
      [1, 2],
      [4, 6],
    ]);
    expect(problems(evs).map((p) => [p.problem.line, p.problem.field, p.rowSkipped])).toEqual([
      [3, null, true],
      [4, "Id", true],
      [5, "Title", true],
    ]);
  });

  it("counts a row with several errors as skipped once", async () => {
    const evs = await events(file("two-errors.csv", [HEADER, "9,,,,,,,,,,,"].join("\n")));
    expect(problems(evs).map((p) => [p.problem.field, p.rowSkipped])).toEqual([
      ["Title", true],
      ["FullDescription", false],
    ]);
  });

  it("decodes Windows-1252 bytes (0xA3 is £) field by field, with a warning", async () => {
    const bytes = Buffer.concat([
      Buffer.from(HEADER + "\r\n"),
      Buffer.from('10,Chef,Kitchen \x96 busy,,,,,,,"\xA320,000 pa",,\r\n', "latin1"), // Windows-1252: en dash, pound
      Buffer.from("11,Café manager,Pay £9 per hour,,,,,,,£9 per hour,,\r\n", "utf8"), // UTF-8 in the same file
    ]);
    const evs = await events(file("cp1252.csv", bytes));
    expect(ads(evs).map((a) => [a.title, a.description, a.salaryRaw])).toEqual([
      ["Chef", "Kitchen – busy", "£20,000 pa"],
      ["Café manager", "Pay £9 per hour", "£9 per hour"],
    ]);
    expect(problems(evs).map((p) => [p.problem.line, p.problem.severity, p.problem.message])).toEqual([[2, "warning", "text that is not UTF-8 was read as Windows-1252"]]);
  });

  it("names the field a quote problem is in, and skips the record an unclosed quote starts", async () => {
    const evs = await events(file("quotes.csv", [HEADER, '1,Nurse,27" screens,,,,,,,,,', '2,Carer,"Days,,,,,,,,,'].join("\n")));
    expect(ads(evs).map((a) => a.externalId)).toEqual([1]);
    expect(problems(evs).map((p) => [p.problem.line, p.problem.field, p.problem.severity, p.rowSkipped])).toEqual([
      [2, "FullDescription", "warning", false],
      [3, "FullDescription", "error", true],
    ]);
  });

  it("an unclosed quote in the only row or in the header: that is what the user hears", async () => {
    const onlyRow = await events(file("only-row.csv", [HEADER, '2,Carer,"Days,,,,,,,,,'].join("\n")));
    expect(problems(onlyRow).map((p) => [p.problem.line, p.problem.field, p.problem.message, p.rowSkipped, p.fatal])).toEqual([
      [2, "FullDescription", "a quoted field is never closed; the rest of the file was not read", true, false],
    ]);
    const inHeader = await events(file("header-quote.csv", 'Id,"Title,FullDescription\n1,a,b\n'));
    expect(problems(inHeader).map((p) => [p.problem.line, p.problem.message, p.fatal])).toEqual([
      [1, "the header on line 1 cannot be read: a quoted field is never closed; the rest of the file was not read", true],
    ]);
  });

  it("skips a row with a NUL character, naming the field (PostgreSQL cannot store one)", async () => {
    const bytes = Buffer.from([HEADER, "1,Nurse,Nights,,,,,,,,,", "2,Night\0Nurse,Nights,,,,,,,,,"].join("\n"));
    const padded = Buffer.concat([
      Buffer.from(HEADER + "\n"),
      Buffer.from(Array.from({ length: 300 }, (_, i) => `${i + 10},Chef,Kitchen work in York,,,,,,,,,\n`).join("")),
      bytes.subarray(HEADER.length + 1),
    ]);
    const evs = await events(file("nul.csv", padded)); // the NUL is past the first 8 KB, where the binary check looks
    expect(padded.indexOf(0)).toBeGreaterThan(8192);
    expect(ads(evs)).toHaveLength(301);
    expect(problems(evs).map((p) => [p.problem.line, p.problem.field, p.problem.message, p.rowSkipped])).toEqual([
      [303, "Title", "Title contains a NUL character (is the file damaged?)", true],
    ]);
  });

  it("reports a quote that is never closed and stops there", async () => {
    const evs = await events(file("unclosed.csv", [HEADER, "1,Nurse,Nights,,,,,,,,,", '2,Carer,"Days,,,,,,,,,', "3,Chef,Kitchen,,,,,,,,,"].join("\n")));
    expect(ads(evs).map((a) => a.externalId)).toEqual([1]);
    expect(problems(evs).map((p) => [p.problem.line, p.problem.severity, p.problem.message])).toEqual([
      [3, "error", "a quoted field is never closed; the rest of the file was not read"],
    ]);
  });
});

describe("text ads", () => {
  it("reads a real text ad with the category given for its folder", async () => {
    const folder = path.join(TEXT_ADS, "Healthcare_Nursing");
    const name = readdirSync(folder).sort()[0];
    const text = readFileSync(path.join(folder, name), "utf8");
    const evs: SourceEvent[] = [];
    for await (const ev of readImportFile({ path: path.join(folder, name), name, category: "Healthcare & Nursing Jobs" })) evs.push(ev);
    const webindex = Number(/Webindex:\s*(\d+)/.exec(text)![1]);
    expect(ads(evs)).toEqual([expect.objectContaining({ kind: "text", externalId: webindex, category: "Healthcare & Nursing Jobs", line: 1, locationRaw: null, salaryRaw: null })]);
    expect(evs.find((e) => e.type === "ad")).toMatchObject({ policy: "fill" });
  });

  it("decodes a Windows-1252 text ad (0xA3 is £)", async () => {
    const evs = await events(file("cp1252.txt", Buffer.from("Title: Bookkeeper\nWebindex: 70000001\nDescription: Salary \xA322,000 \x96 \xA325,000\n", "latin1")));
    expect(ads(evs)[0]).toMatchObject({ description: "Salary £22,000 – £25,000", company: null });
    expect(problems(evs).map((p) => p.problem.message)).toEqual(["text that is not UTF-8 was read as Windows-1252"]);
  });

  it("reads a .txt without its Title: line as a text ad, so the problem names the line and field", async () => {
    const evs = await events(file("no-title.txt", "Webindex: 70000002\nDescription: Sales role\n"));
    expect(problems(evs).map((p) => [p.problem.line, p.problem.field, p.problem.message, p.rowSkipped, p.fatal])).toEqual([[1, "Title", "missing Title:", true, false]]);
  });

  it("refuses a text ad with a NUL character past the first 8 KB", async () => {
    const evs = await events(file("nul.txt", "Title: x\nWebindex: 1\nDescription: " + "word ".repeat(2000) + "\0\n"));
    expect(problems(evs).map((p) => [p.problem.message, p.rowSkipped])).toEqual([["is a binary file, not a text ad", true]]);
    expect(ads(evs)).toEqual([]);
  });

  it("refuses a text ad bigger than the limit", async () => {
    const evs = await events(file("huge.txt", "Title: x\nWebindex: 1\nDescription: " + "word ".repeat(220_000)));
    expect(evs).toEqual(fatalOnly("huge.txt", "is 1074 KB, too big for a text ad (limit 1024 KB)"));
  });
});

describe("gzipped CSV (.csv.gz)", () => {
  it("reads the same ads as the plain file, with progress in the file's own bytes", async () => {
    const { gzipSync } = await import("node:zlib");
    const plain = readFileSync(SAMPLE);
    const gz = file("Train_rev1_sample.csv.gz", gzipSync(plain));
    const fromGz = await events(gz);
    const fromPlain = await events(SAMPLE, "Train_rev1_sample.csv");
    expect(ads(fromGz)).toEqual(ads(fromPlain).map((a) => ({ ...a, file: "Train_rev1_sample.csv.gz" })));
    expect(fromGz.find((e) => e.type === "format")).toEqual({ type: "format", format: "csv", detail: "Adzuna CSV (Train layout), gzipped" });
    const progress = fromGz.flatMap((e) => (e.type === "progress" ? [e.bytes] : []));
    expect(progress.at(-1)).toBe(readFileSync(gz).length);
  });

  it("refuses gzip under another name, a .gz that is not gzipped, and says where a damaged one stops", async () => {
    const { gzipSync } = await import("node:zlib");
    const csv = Buffer.from(`${HEADER}\n1,Nurse,Caring,,,,,,,,,\n2,Chef,Cooking,,,,,,,,,\n`);
    expect(await events(file("ads.zip.gz", gzipSync(csv)))).toEqual(fatalOnly("ads.zip.gz", "is gzipped: only a gzipped CSV (.csv.gz) can be imported"));
    expect(await events(file("ads.csv.gz", csv))).toEqual(fatalOnly("ads.csv.gz", "has a .gz name but is not gzipped"));
    const damaged = gzipSync(Buffer.concat([csv, Buffer.alloc(300_000, 0x61)]));
    const evs = await events(file("cut.csv.gz", damaged.subarray(0, damaged.length - 200)));
    expect(problems(evs).at(-1)?.problem.message).toMatch(/^could not be unzipped to the end \(/);
  });
});
