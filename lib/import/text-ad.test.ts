import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTextAd } from "./text-ad";
import { decodeBytes } from "./decode";

const seeds = path.resolve("seeds");

describe("parseTextAd", () => {
  it("reads the three seed ads", () => {
    const files = readdirSync(seeds)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    expect(files).toHaveLength(3);
    const first = parseTextAd(readFileSync(path.join(seeds, files[0]), "utf8"));
    expect(first).toMatchObject({
      ok: true,
      ad: { webindex: 69247714, company: "ALLEN ASSOCIATES" },
    });
    if (!first.ok) throw new Error("unreachable");
    expect(first.ad.title).toMatch(/^Account Director – Oxford/);
    expect(first.ad.description).toMatch(/^If you have exceptional time management skills/);
  });

  it("allows a missing Company", () => {
    const r = parseTextAd("Title: Care Assistant\nWebindex: 71234567\nDescription: Nights, Leeds.\n");
    expect(r).toEqual({ ok: true, ad: { title: "Care Assistant", webindex: 71234567, company: null, description: "Nights, Leeds." } });
  });

  it("keeps a multi-line description, including lines that look like fields", () => {
    const r = parseTextAd("Title: Nurse\r\nWebindex: 1\r\nCompany: NHS\r\nDescription: Line one\r\n\r\nTitle: not a field here\r\nLast line  \r\n");
    expect(r.ok && r.ad.description).toBe("Line one\n\nTitle: not a field here\nLast line");
  });

  it("joins a title that wraps onto the next line", () => {
    const r = parseTextAd("Title: Senior\n  Engineer\nWebindex: 5\nDescription: x");
    expect(r.ok && r.ad.title).toBe("Senior Engineer");
  });

  it("reports each missing part with its line and field", () => {
    const r = parseTextAd("Company: Acme\nDescription: something");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(["Title", "Webindex"]);
  });

  it("rejects a Webindex that is not a number, naming the line", () => {
    const r = parseTextAd("Title: A\nWebindex: 12ab\nDescription: d");
    expect(r).toEqual({ ok: false, problems: [{ line: 2, field: "Webindex", message: 'Webindex must be a whole number, got "12ab"' }] });
  });

  it("rejects an empty description and text before the title", () => {
    const r = parseTextAd("hello\nTitle: A\nWebindex: 3\nDescription:   \n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { line: 1, field: "Title", message: 'expected "Title:" but found "hello"' },
      { line: 4, field: "Description", message: "Description is empty" },
    ]);
  });

  it("reports a field given twice", () => {
    const r = parseTextAd("Title: A\nTitle: B\nWebindex: 3\nDescription: d");
    expect(r.ok).toBe(false);
  });

  it("treats an empty file as missing everything", () => {
    const r = parseTextAd("");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(["Title", "Webindex", "Description"]);
  });
});

describe("decodeBytes", () => {
  it("reads UTF-8 and strips a BOM", () => {
    expect(decodeBytes(Buffer.from("\uFEFF£25,000", "utf8"))).toEqual({ text: "£25,000", encoding: "utf-8" });
  });

  it("falls back to Windows-1252 for bytes that are not UTF-8", () => {
    expect(decodeBytes(Uint8Array.from([0xa3, 0x32, 0x35, 0x6b, 0x20, 0x96, 0x20, 0x80]))).toEqual({ text: "£25k – €", encoding: "windows-1252" });
  });
});
