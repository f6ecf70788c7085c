import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { deflateSync } from "node:zlib";
import { normaliseText } from "@/lib/extract/readers";
import { buildDocx, buildPdf, docxBomb, docxWithBody, latin1, pdfBomb, textLines, utf8, variedParagraphs, zip } from "@/tests/support/documents";
import { CV_MAX_BYTES, CV_MAX_CHARS, extractCvText } from "./cv";

/** The UserError message the file gets, or a failure when it is read or fails some other way. */
async function refusal(name: string, bytes: Uint8Array, limits?: Parameters<typeof extractCvText>[1]): Promise<string> {
  const error = await extractCvText({ name, bytes }, limits).then(
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
    expect(await refusal("bomb.docx", bomb)).toBe(`bomb.docx: this file expands more than 100× when opened (a “zip bomb”?) — ${SMALLER}`);
  });
});

describe("extractCvText: any file", () => {
  it("reads only .txt, .pdf and .docx", async () => {
    expect(await refusal("cv.doc", utf8("Jo"))).toBe("cv.doc: only .txt, .pdf and .docx files can be read");
    expect(await refusal("cv", utf8("Jo"))).toBe("cv: only .txt, .pdf and .docx files can be read");
    expect(await refusal("", utf8("Jo"))).toBe("The file: only .txt, .pdf and .docx files can be read");
  });

  it("refuses files over 5 MB before reading them", async () => {
    expect(CV_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(await refusal("cv.docx", new Uint8Array(CV_MAX_BYTES + 1))).toBe("cv.docx: larger than 5 MB");
    expect((await extractCvText({ name: "big.txt", bytes: new Uint8Array(CV_MAX_BYTES).fill(0x61) })).text).toHaveLength(CV_MAX_CHARS);
  });
});

describe("normaliseText", () => {
  it("uses LF, drops trailing spaces and control characters, keeps at most two blank lines", () => {
    expect(normaliseText("  a \r\nb\rc\u0000d\t \n\n\n\n\n\ne\fF  ", CV_MAX_CHARS)).toBe("a\nb\ncd\n\n\ne\nF");
  });

  it("cuts at CV_MAX_CHARS without splitting a character", () => {
    expect(CV_MAX_CHARS).toBe(200_000);
    expect(normaliseText("x".repeat(CV_MAX_CHARS - 1) + "😀", CV_MAX_CHARS)).toBe("x".repeat(CV_MAX_CHARS - 1));
  });
});

// ---- hostile files: bounded before inflating, read off the event loop, killed past the limits ----

const SMALLER = "save it as a smaller PDF or paste the text";

/** The longest the event loop stalled (ms) while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return worst;
}

describe("extractCvText: decompression bombs and slow files", () => {
  it("refuses a 16 KB .docx that inflates to 5 MB of empty paragraphs, from its directory, at once", async () => {
    const bomb = await docxBomb();
    expect(bomb.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    expect(await refusal("bomb.docx", bomb)).toBe(`bomb.docx: this file expands more than 100× when opened (a “zip bomb”?) — ${SMALLER}`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a .docx whose text part is over 4 MB even when it compresses like real text", async () => {
    const big = await docxWithBody(variedParagraphs(90_000));
    expect(big.length).toBeLessThan(CV_MAX_BYTES);
    expect(await refusal("long.docx", big)).toBe(`long.docx: this file expands to more than 4 MB of text — ${SMALLER}`);
  });

  it("stops a document that takes longer than the time limit, and the event loop never waits for it", async () => {
    const slow = await docxWithBody(variedParagraphs(40_000)); // ~2.4 MB of XML: within the size limits
    let message = "";
    const stall = await longestStall(async () => {
      const e = await extractCvText({ name: "slow.docx", bytes: slow }, { timeoutMs: 400 }).catch((x: Error) => x);
      message = (e as Error).message;
    });
    expect(message).toBe(`slow.docx: it took longer than 0.4 s to read — ${SMALLER}`);
    expect(stall).toBeLessThan(150);
  });

  it("stops a document that needs more memory than the limit", async () => {
    const heavy = await docxWithBody(variedParagraphs(40_000));
    expect(await refusal("heavy.docx", heavy, { heapMb: 32, timeoutMs: 60_000 })).toBe(`heavy.docx: it needs more than 32 MB of memory to read — ${SMALLER}`);
  });

  it("refuses a PDF whose content stream inflates 20 MB from a few KB, before pdf.js reads it", async () => {
    const pdf = pdfBomb();
    expect(pdf.length).toBeLessThan(100 * 1024);
    expect(await refusal("bomb.pdf", pdf)).toMatch(new RegExp(`^bomb\\.pdf: this PDF expands more than 100× when opened \\(.*\\) — ${SMALLER}$`));
  });

  it("still reads a PDF whose text is in a compressed stream", async () => {
    const content = textLines("Jo Bloggs", "Compressed");
    const stream = deflateSync(Buffer.from(content, "latin1"));
    const plain = Buffer.from(buildPdf([content])).toString("latin1");
    // Swap the page's plain stream for the compressed one (xref offsets after it move, which pdf.js repairs).
    const swapped = plain.replace(
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream.toString("latin1")}\nendstream`,
    );
    expect(swapped).not.toBe(plain);
    expect((await extractCvText({ name: "cv.pdf", bytes: latin1(swapped) })).text).toBe("Jo Bloggs\nCompressed");
  });
});
