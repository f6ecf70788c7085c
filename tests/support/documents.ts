// Documents for the CV reader's tests (unit and browser): real minimal .pdf and .docx files, and
// hostile ones, built here byte by byte so no binary file is committed.
import { deflateSync } from "node:zlib";
import yazl from "yazl";

export const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
export const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

/** A minimal PDF: one page per content stream, Helvetica in WinAnsi (so \243 is £), exact xref offsets. */
export function buildPdf(pages: string[]): Uint8Array {
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
export const textLines = (...lines: string[]) => `BT /F1 12 Tf 72 760 Td ${lines.map((l) => `(${l}) Tj`).join(" 0 -16 Td ")} ET`;

export async function zip(parts: Record<string, string | Buffer>): Promise<Uint8Array> {
  const file = new yazl.ZipFile();
  for (const [name, body] of Object.entries(parts)) file.addBuffer(typeof body === "string" ? Buffer.from(body, "utf8") : body, name);
  file.end();
  const chunks: Buffer[] = [];
  for await (const chunk of file.outputStream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A real minimal .docx: content types, package relationships and a document with these paragraphs. */
export function buildDocx(paragraphs: string[], extra: Record<string, string | Buffer> = {}): Promise<Uint8Array> {
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

/** A .docx whose document.xml is `xml` (given as paragraph runs), compressed as Word would. */
export function docxWithBody(body: string): Promise<Uint8Array> {
  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  return buildDocx([], { "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>` });
}

/** `n` paragraphs of varied words: compresses like real text (well under 100×), slow for mammoth. */
export function variedParagraphs(n: number): string {
  const words = ["account", "manager", "Leeds", "nurse", "band", "salary", "client", "sales", "engineer", "warehouse"];
  let out = "";
  for (let i = 0; i < n; i++) out += `<w:p><w:r><w:t>${words[i % 10]} ${(i * 7919) % 100003} ${words[(i * 31) % 10]}</w:t></w:r></w:p>`;
  return out;
}

/** A .docx whose document.xml inflates to ~5 MB of empty paragraphs from ~16 KB (the review's bomb). */
export const docxBomb = () => docxWithBody("<w:p><w:r><w:t>a</w:t></w:r></w:p>".repeat(150_000));

/** A PDF whose one content stream inflates to ~20 MB from a few KB. */
export function pdfBomb(): Uint8Array {
  const stream = deflateSync(Buffer.from("BT /F1 12 Tf 72 760 Td (a) Tj ET\n".repeat(600_000)), { level: 9 });
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      stream,
      Buffer.from("\nendstream\nendobj\n%%EOF\n", "latin1"),
    ]),
  );
}

/** A .docx within every size limit (text part under 4 MB, under 100× compression) that takes mammoth
 * far longer than the reader's 10 s: ~100,000 short paragraphs. */
export function slowDocx(): Promise<Uint8Array> {
  let body = "";
  for (let i = 0; i < 100_000; i++) body += `<w:p><w:r><w:t>${(i * 7919) % 1_000_003}</w:t></w:r></w:p>`;
  return docxWithBody(body);
}
