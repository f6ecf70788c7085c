import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeZip } from "@/tests/support/make-zip";
import { readImportFile, type SourceEvent } from "./sources";
import { planZip, readZipEntries, unsafeName, ZIP_LIMITS } from "./zip";

const dir = mkdtempSync(path.join(tmpdir(), "rd-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const zipPath = (name = `z${n++}.zip`) => path.join(dir, name);

const ad = (id: number, title = `Nurse ${id}`, company: string | null = "NHS Trust") =>
  `Title: ${title}\nWebindex: ${id}\n${company ? `Company: ${company}\n` : ""}Description: Days and nights, ${id}.\n`;

async function events(file: string, name = path.basename(file)): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const ev of readImportFile({ path: file, name })) out.push(ev);
  return out;
}
const ads = (evs: SourceEvent[]) => evs.flatMap((e) => (e.type === "ad" ? [e.ad] : []));
const problems = (evs: SourceEvent[]) => evs.flatMap((e) => (e.type === "problem" ? [e] : []));

describe("unsafeName", () => {
  it.each([
    ["../evil.txt", "the name climbs out of the archive (..)"],
    ["ads/../../evil.txt", "the name climbs out of the archive (..)"],
    ["/abs.txt", "the name is an absolute path"],
    ["C:/x.txt", "the name is an absolute path"],
    ["ads\\..\\evil.txt", "the name uses backslashes"],
    ["a\0.txt", "the name contains a NUL byte"],
  ])("refuses %j", (name, why) => expect(unsafeName(name)).toBe(why));
  it.each([["Job_1.txt"], ["Healthcare_Nursing/Job_1.txt"], ["a/..b/c..txt"]])("accepts %j", (name) => expect(unsafeName(name)).toBeNull());
});

describe("text ads in a zip", () => {
  it("reads each .txt with its folder as the category", async () => {
    const file = await makeZip(zipPath(), [
      { name: "Healthcare_Nursing/Job_1.txt", data: ad(71000001) },
      { name: "export/Accounting_Finance/Job_2.txt", data: ad(71000002) },
      { name: "Job_3.txt", data: ad(71000003) },
      { name: "Widget_Making/Job_4.txt", data: ad(71000004) },
    ]);
    const evs = await events(file, "ads.zip");
    expect(evs[0]).toEqual({ type: "format", format: "zip", detail: "zip of 4 text ads" });
    expect(ads(evs).map((a) => [a.externalId, a.category, a.file, a.kind])).toEqual([
      [71000001, "Healthcare & Nursing Jobs", "ads.zip: Healthcare_Nursing/Job_1.txt", "text"],
      [71000002, "Accounting & Finance Jobs", "ads.zip: export/Accounting_Finance/Job_2.txt", "text"],
      [71000003, null, "ads.zip: Job_3.txt", "text"],
      [71000004, "Widget & Making Jobs", "ads.zip: Widget_Making/Job_4.txt", "text"],
    ]);
    expect(ads(evs)[0]).toMatchObject({ title: "Nurse 71000001", company: "NHS Trust", description: "Days and nights, 71000001." });
    expect(evs.every((e) => e.type !== "problem" && (e.type !== "ad" || e.policy === "fill"))).toBe(true);
    // Progress ends at the compressed bytes read.
    const progress = evs.filter((e) => e.type === "progress");
    expect(progress).toHaveLength(4);
  });

  it("lists other entries as skipped, with the reason", async () => {
    const file = await makeZip(zipPath(), [
      { name: "Sales/Job_1.txt", data: ad(71000011) },
      { name: "Sales/logo.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
      { name: "README.md", data: "# ads" },
      { name: "__MACOSX/Sales/._Job_1.txt", data: "\0\0meta" },
      { name: "Sales/BIG.TXT", data: randomBytes(ZIP_LIMITS.maxEntryBytes + 10) }, // incompressible: not a bomb, just big
    ]);
    const plan = await planZip(file);
    expect(plan).toEqual({
      ok: true,
      entries: [expect.objectContaining({ name: "Sales/Job_1.txt", folder: "Sales" })],
      skipped: [
        { name: "Sales/logo.png", reason: "skipped: not a .txt file" },
        { name: "README.md", reason: "skipped: not a .txt file" },
        { name: "__MACOSX/Sales/._Job_1.txt", reason: "skipped: macOS metadata" },
        { name: "Sales/BIG.TXT", reason: "skipped: larger than 1024 KB, too big for a text ad" },
      ],
    });
    const evs = await events(file, "ads.zip");
    expect(ads(evs).map((a) => a.externalId)).toEqual([71000011]);
    expect(problems(evs).map((p) => [p.problem.file, p.problem.severity, p.problem.message, p.rowSkipped, p.fatal])).toEqual([
      ["ads.zip: Sales/logo.png", "warning", "skipped: not a .txt file", false, false],
      ["ads.zip: README.md", "warning", "skipped: not a .txt file", false, false],
      ["ads.zip: __MACOSX/Sales/._Job_1.txt", "warning", "skipped: macOS metadata", false, false],
      ["ads.zip: Sales/BIG.TXT", "warning", "skipped: larger than 1024 KB, too big for a text ad", false, false],
    ]);
  });

  it("skips names that climb out of the archive or are absolute, and never reads them", async () => {
    const file = await makeZip(zipPath(), [
      { name: "../evil.txt", data: ad(66600001, "Evil") },
      { name: "/abs.txt", data: ad(66600002, "Absolute") },
      { name: "ads/../../etc.txt", data: ad(66600003, "Climber") },
      { name: "Sales/Job_1.txt", data: ad(71000021) },
    ]);
    const raw = readFileSync(file);
    expect(raw.includes(Buffer.from("../evil.txt"))).toBe(true); // the names really are in the archive
    const plan = await planZip(file);
    expect(plan.ok && plan.skipped).toEqual([
      { name: "../evil.txt", reason: "skipped: the name climbs out of the archive (..)" },
      { name: "/abs.txt", reason: "skipped: the name is an absolute path" },
      { name: "ads/../../etc.txt", reason: "skipped: the name climbs out of the archive (..)" },
    ]);
    const read: string[] = [];
    for await (const e of readZipEntries(file, new Set(plan.ok ? plan.entries.map((x) => x.name) : []))) read.push(e.name);
    expect(read).toEqual(["Sales/Job_1.txt"]);
    const evs = await events(file, "ads.zip");
    expect(ads(evs).map((a) => a.externalId)).toEqual([71000021]);
    expect(JSON.stringify(evs)).not.toMatch(/Evil|Absolute|Climber/);
  });

  it("refuses a zip with more entries than the limit before reading any", async () => {
    const entries = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `Sales/Job_${i}.txt`, data: ad(72000000 + i), compress: false }));
    const file = await makeZip(zipPath(), entries);
    const plan = await planZip(file);
    expect(plan).toEqual({ ok: false, message: "the zip holds 20,001 entries; the limit is 20,000" });
    const evs = await events(file, "many.zip");
    expect(evs).toEqual([
      {
        type: "problem",
        problem: { file: "many.zip", line: null, field: null, severity: "error", message: "the zip holds 20,001 entries; the limit is 20,000" },
        rowSkipped: false,
        fatal: true,
      },
    ]);
  }, 60_000);

  it("refuses a zip bomb before extracting anything, even the good entries before it", async () => {
    const file = await makeZip(zipPath(), [
      { name: "Sales/Job_1.txt", data: ad(71000031) },
      { name: "Sales/zeros.txt", data: Buffer.alloc(48 * 1024 * 1024), compressionLevel: 9 },
    ]);
    const size = readFileSync(file).length;
    expect(size).toBeLessThan(200 * 1024); // 48 MB squeezed into a small file
    const plan = await planZip(file);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.message).toMatch(/^entry "Sales\/zeros\.txt" expands \d+× \(a zip bomb\?\); nothing was extracted$/);
    const evs = await events(file, "bomb.zip");
    expect(ads(evs)).toEqual([]);
    expect(problems(evs)).toHaveLength(1);
    expect(problems(evs)[0]).toMatchObject({ fatal: true, problem: { file: "bomb.zip", severity: "error", message: expect.stringContaining("zip bomb") } });
  });

  it("stops reading an entry that inflates past the size its header claims", async () => {
    const file = await makeZip(zipPath(), [
      { name: "Sales/liar.txt", data: Buffer.alloc(8 * 1024 * 1024, 0x20), compressionLevel: 9 },
      { name: "Sales/Job_1.txt", data: ad(71000061) },
    ]);
    // Rewrite the first entry's uncompressed size to 100 bytes in its local header and the central directory.
    const bytes = readFileSync(file);
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    bytes.writeUInt32LE(100, 22);
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(bytes.readUInt32LE(cd + 24)).toBe(8 * 1024 * 1024);
    bytes.writeUInt32LE(100, cd + 24);
    writeFileSync(file, bytes);
    const plan = await planZip(file);
    expect(plan.ok && plan.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["Sales/liar.txt", 100],
      ["Sales/Job_1.txt", expect.any(Number)],
    ]);
    const evs = await events(file, "liar.zip");
    expect(problems(evs).map((p) => [p.problem.file, p.rowSkipped, p.problem.message])).toEqual([
      ["liar.zip: Sales/liar.txt", true, expect.stringMatching(/^could not be read \(.+\)$/)],
    ]);
    expect(ads(evs).map((a) => a.externalId)).toEqual([71000061]);
  });

  it("refuses a file named .zip that is not a zip, and a zip that is broken", async () => {
    const fake = zipPath("fake.zip");
    writeFileSync(fake, "Id,Title,FullDescription\n1,a,b\n");
    expect(await events(fake, "fake.zip")).toEqual([
      {
        type: "problem",
        problem: { file: "fake.zip", line: null, field: null, severity: "error", message: "has a .zip name but is not a zip archive" },
        rowSkipped: false,
        fatal: true,
      },
    ]);
    const good = readFileSync(await makeZip(zipPath(), [{ name: "a/Job_1.txt", data: ad(71000041) }]));
    const broken = zipPath("broken.zip");
    writeFileSync(broken, good.subarray(0, good.length - 30)); // the end of central directory is cut off
    const evs = await events(broken, "broken.zip");
    expect(evs).toHaveLength(1);
    expect(problems(evs)[0]).toMatchObject({ fatal: true, problem: { file: "broken.zip", message: expect.stringMatching(/^not a readable zip file \(.+\)$/) } });
  });

  it("refuses a zip without text ads, saying what it skipped", async () => {
    const file = await makeZip(zipPath(), [
      { name: "data.csv", data: "Id,Title\n" },
      { name: "notes.doc", data: "x" },
    ]);
    expect(problems(await events(file, "other.zip")).map((p) => [p.problem.file, p.problem.message, p.fatal])).toEqual([
      ["other.zip: data.csv", "skipped: not a .txt file", false],
      ["other.zip: notes.doc", "skipped: not a .txt file", false],
      ["other.zip", "holds no .txt text ads (2 other entries skipped)", true],
    ]);
  });

  it("reports a broken text ad inside a zip with the entry, line and field, counted as one skipped ad", async () => {
    const file = await makeZip(zipPath(), [
      { name: "Sales/Job_1.txt", data: "Company: Acme\nWebindex: abc\n" },
      { name: "Sales/Job_2.txt", data: Buffer.from("Title: Sales Exec\nWebindex: 71000051\nDescription: OTE \xA330k\n", "latin1") },
    ]);
    const evs = await events(file, "ads.zip");
    const ps = problems(evs);
    expect(ps.filter((p) => p.problem.file === "ads.zip: Sales/Job_1.txt").map((p) => [p.problem.line, p.problem.field, p.rowSkipped])).toEqual([
      [1, "Title", true],
      [2, "Webindex", false],
      [3, "Description", false],
    ]);
    // Windows-1252 bytes decode (0xA3 is "£") with a warning.
    expect(ads(evs)).toEqual([expect.objectContaining({ externalId: 71000051, description: "OTE £30k" })]);
    expect(ps.find((p) => p.problem.file === "ads.zip: Sales/Job_2.txt")?.problem).toMatchObject({
      severity: "warning",
      message: "text that is not UTF-8 was read as Windows-1252",
    });
  });
});
