import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { UserError } from "@/lib/errors";
import { CV_MAX_BYTES, CV_MAX_CHARS, extractCvText, normaliseCvText } from "./cv";

// Fixtures are built here, byte by byte, so no binary file is committed.

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

/** A minimal PDF: one page per content stream, Helvetica in WinAnsi (so \243 is £), exact xref offsets. */
function buildPdf(pages: string[]): Uint8Array {
  const pageIds = pages.map((_, i) => 4 + i * 2);
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  for (const [i, content] of pages.entries()) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
  }
  let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`; // every entry is exactly 20 bytes
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(pdf);
}

/** Text lines at the top of a page, 16 points apart. */
const textLines = (...lines: string[]) => `BT /F1 12 Tf 72 760 Td ${lines.map((l) => `(${l}) Tj`).join(" 0 -16 Td ")} ET`;

async function zip(parts: Record<string, string | Buffer>): Promise<Uint8Array> {
  const file = new yazl.ZipFile();
  for (const [name, body] of Object.entries(parts)) file.addBuffer(typeof body === "string" ? Buffer.from(body, "utf8") : body, name);
  file.end();
  const chunks: Buffer[] = [];
  for await (const chunk of file.outputStream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A real minimal .docx: content types, package relationships and a document with these paragraphs. */
function buildDocx(paragraphs: string[], extra: Record<string, string | Buffer> = {}): Promise<Uint8Array> {
  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      "</Types>",
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      "</Relationships>",
    "word/document.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>` +
      paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join("") +
      "</w:body></w:document>",
    ...extra,
  });
}

/** The UserError message the file gets, or a failure when it is read or fails some other way. */
async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  const error = await extractCvText({ name, bytes }).then(
    () => new Error("expected a UserError, but the file was read"),
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw error;
  expect(error.code).toBe("INVALID");
  return error.message;
}

describe("extractCvText: .txt", () => {
  it("reads UTF-8, dropping a BOM and tidying lines", async () => {
    const bytes = utf8("\ufeffJo Bloggs  \r\nSalary: £40,000\t\r\n\r\n\r\n\r\n\r\n\r\nReferences on request\r\n\r\n");
    expect(await extractCvText({ name: "cv.txt", bytes })).toEqual({
      text: "Jo Bloggs\nSalary: £40,000\n\n\nReferences on request",
      fileName: "cv.txt",
    });
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8", async () => {
    // 0xA3 is £; 0x80 and 0x93/0x94 are € and curly quotes (C1 controls in ISO-8859-1).
    const bytes = Uint8Array.from([...latin1("Expected salary "), 0xa3, ...latin1("40k, "), 0x80, ...latin1("45k "), 0x93, ...latin1("ideally"), 0x94]);
    expect((await extractCvText({ name: "CV.TXT", bytes })).text).toBe("Expected salary £40k, €45k “ideally”");
  });

  it("reads UTF-16 when it starts with a byte-order mark (Notepad's 'Unicode')", async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Jo Bloggs\r\n£40,000", "utf16le")]));
    expect((await extractCvText({ name: "cv.txt", bytes })).text).toBe("Jo Bloggs\n£40,000");
  });

  it("keeps only the file's own name", async () => {
    expect((await extractCvText({ name: "C:\\Users\\jo\\My CV.txt", bytes: utf8("Jo") })).fileName).toBe("My CV.txt");
  });

  it("refuses empty, blank and binary files", async () => {
    expect(await refusal("empty.txt", new Uint8Array())).toBe("empty.txt: the file is empty");
    expect(await refusal("blank.txt", utf8(" \r\n\t\n "))).toBe("blank.txt: no text found");
    expect(await refusal("photo.txt", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe("photo.txt: this is not a text file");
  });
});

describe("extractCvText: .pdf", () => {
  it("builds fixtures whose xref points at each object (so pdf.js need not repair them)", () => {
    const pdf = Buffer.from(buildPdf([textLines("a"), textLines("b")])).toString("latin1");
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 5)).toBe("xref\n");
    const entries = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(7);
    entries.forEach((offset, i) => expect(pdf.slice(offset)).toMatch(new RegExp(`^${i + 1} 0 obj\n`)));
  });

  it("reads the text of every page, in order", async () => {
    const bytes = buildPdf([textLines("Jo Bloggs", "Expected salary \\24340,000"), textLines("Skills: Excel \\(advanced\\)")]);
    const { text, fileName } = await extractCvText({ name: "cv.pdf", bytes });
    expect(fileName).toBe("cv.pdf");
    expect(text).toBe("Jo Bloggs\nExpected salary £40,000\nSkills: Excel (advanced)");
  });

  it("leaves the caller's bytes alone", async () => {
    const bytes = buildPdf([textLines("Jo Bloggs")]);
    const copy = bytes.slice();
    await extractCvText({ name: "cv.pdf", bytes });
    expect(bytes).toEqual(copy);
  });

  it("says when a PDF has no text (a scan)", async () => {
    expect(await refusal("scan.pdf", buildPdf(["0 0 m 100 100 l S"]))).toBe("scan.pdf: no text found (is it a scanned image?)");
  });

  it("refuses files that are not PDFs, and broken ones", async () => {
    expect(await refusal("cv.pdf", utf8("Jo Bloggs, plain text"))).toBe("cv.pdf: this is not a PDF file");
    expect(await refusal("cv.pdf", await buildDocx(["Jo"]))).toBe("cv.pdf: this is not a PDF file");
    expect(await refusal("x.pdf", latin1("%PDF-1.4\n\u0001\u00ff garbage \u0000 1 0 obj << /Type"))).toBe("x.pdf: the file could not be read");
    expect(await refusal("x.pdf", latin1("%PDF-"))).toBe("x.pdf: the file could not be read");
  });
});

describe("extractCvText: .docx", () => {
  it("reads the paragraphs", async () => {
    const bytes = await buildDocx(["Jo Bloggs — Senior Recruiter", "Expected salary £40,000 & benefits"]);
    expect(await extractCvText({ name: "Jo Bloggs.docx", bytes })).toEqual({
      text: "Jo Bloggs — Senior Recruiter\n\nExpected salary £40,000 & benefits",
      fileName: "Jo Bloggs.docx",
    });
  });

  it("refuses files that are not .docx, and broken ones", async () => {
    expect(await refusal("cv.docx", utf8("Jo Bloggs"))).toBe("cv.docx: this is not a Word .docx file");
    expect(await refusal("cv.docx", buildPdf([textLines("Jo")]))).toBe("cv.docx: this is not a Word .docx file");
    expect(await refusal("old.docx", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(
      "old.docx: this is an old Word .doc file; save it as .docx or PDF",
    );
    expect(await refusal("x.docx", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8("not really a zip")]))).toBe("x.docx: the file could not be read");
    expect(await refusal("x.docx", await zip({ "hello.txt": "a zip, not a Word document" }))).toBe("x.docx: the file could not be read");
    const good = await buildDocx(["Jo Bloggs"]);
    expect(await refusal("x.docx", good.slice(0, good.length - 40))).toBe("x.docx: the file could not be read");
  });

  it("refuses an empty document and a zip bomb", async () => {
    expect(await refusal("blank.docx", await buildDocx(["", "  "]))).toBe("blank.docx: no text found");
    const bomb = await buildDocx(["Jo"], { "word/media/padding.bin": Buffer.alloc(101 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(CV_MAX_BYTES);
    expect(await refusal("bomb.docx", bomb)).toBe("bomb.docx: the document is too large to read");
  });
});

describe("extractCvText: any file", () => {
  it("reads only .txt, .pdf and .docx", async () => {
    expect(await refusal("cv.doc", utf8("Jo"))).toBe("cv.doc: only .txt, .pdf and .docx CVs can be read");
    expect(await refusal("cv", utf8("Jo"))).toBe("cv: only .txt, .pdf and .docx CVs can be read");
    expect(await refusal("", utf8("Jo"))).toBe("The file: only .txt, .pdf and .docx CVs can be read");
  });

  it("refuses files over 5 MB before reading them", async () => {
    expect(CV_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(await refusal("cv.docx", new Uint8Array(CV_MAX_BYTES + 1))).toBe("cv.docx: larger than 5 MB");
    expect((await extractCvText({ name: "big.txt", bytes: new Uint8Array(CV_MAX_BYTES).fill(0x61) })).text).toHaveLength(CV_MAX_CHARS);
  });
});

describe("normaliseCvText", () => {
  it("uses LF, drops trailing spaces and control characters, keeps at most two blank lines", () => {
    expect(normaliseCvText("  a \r\nb\rc\u0000d\t \n\n\n\n\n\ne\fF  ")).toBe("a\nb\ncd\n\n\ne\nF");
  });

  it("cuts at CV_MAX_CHARS without splitting a character", () => {
    expect(CV_MAX_CHARS).toBe(200_000);
    expect(normaliseCvText("x".repeat(CV_MAX_CHARS - 1) + "😀")).toBe("x".repeat(CV_MAX_CHARS - 1));
  });
});
