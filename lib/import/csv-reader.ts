// A streaming RFC 4180 reader that works on bytes, so each field can be decoded on its own:
// UTF-8 when the field is valid UTF-8, Windows-1252 otherwise (Adzuna's data mixes both).
// Quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and a UTF-8 BOM are fine.
// Memory stays flat: only the record being read is kept between chunks, and a record larger than
// `maxRecordBytes` (an unclosed quote, a huge field) is reported instead of buffered forever.
import { isUtf8 } from "node:buffer";
import { decodeWindows1252 } from "./decode";

export type CsvRecord = {
  /** 1-based line on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** True when at least one field was not valid UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
};

/** `column`: the 0-based index of the field the problem is in, when the parser knows it. */
export type CsvProblem = { line: number; message: string; fatal: boolean; column?: number };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

function decodeField(bytes: Buffer, unescape: boolean): { text: string; cp1252: boolean } {
  const utf8 = isUtf8(bytes);
  let text = utf8 ? bytes.toString("utf8") : decodeWindows1252(bytes);
  if (unescape) text = text.replaceAll('""', '"');
  return { text, cp1252: !utf8 };
}

/**
 * Push-style parser: feed chunks with `push`, then `end()`. Complete records and problems are
 * appended to `records` / `problems`, which the caller drains.
 */
export class CsvParser {
  readonly records: CsvRecord[] = [];
  readonly problems: CsvProblem[] = [];
  /** Bytes consumed so far (records fully parsed). */
  bytesParsed = 0;
  private carry: Buffer = Buffer.alloc(0);
  private line = 1;
  private first = true;
  private failed = false;

  constructor(private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES) {}

  get stopped(): boolean {
    return this.failed;
  }

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.first && buf.length >= 3) {
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        this.bytesParsed += 3;
      }
      this.first = false;
    } else if (this.first) {
      this.carry = Buffer.from(buf);
      return;
    }
    const consumed = this.parse(buf, false);
    this.carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : Buffer.alloc(0);
    if (this.carry.length > this.maxRecordBytes) {
      this.failed = true;
      this.problems.push({
        line: this.line,
        fatal: true,
        message: `the record starting here is larger than ${Math.round(this.maxRecordBytes / 1048576)} MB (an unclosed quote?); the rest of the file was not read`,
      });
      this.carry = Buffer.alloc(0);
    }
  }

  end(): void {
    if (this.failed) return;
    let buf = this.carry;
    if (this.first && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    this.first = false;
    if (buf.length) this.parse(buf, true);
    this.carry = Buffer.alloc(0);
  }

  /**
   * Parses whole records from `buf`; returns how many bytes were consumed. With `final`, the
   * last record may end without a line break.
   */
  private parse(buf: Buffer, final: boolean): number {
    const n = buf.length;
    let pos = 0; // start of the current record
    while (pos < n) {
      const startLine = this.line;
      let lines = 0;
      let i = pos;
      const spans: number[] = []; // start, end, escaped (1/0) triples
      let complete = false;
      let unclosed = false;
      let stray = -1; // column of the first stray quote
      fields: for (;;) {
        if (i < n && buf[i] === QUOTE) {
          // quoted field
          const start = i + 1;
          let j = start;
          let escaped = 0;
          for (;;) {
            const q = buf.indexOf(QUOTE, j);
            if (q === -1) {
              unclosed = true;
              break fields;
            }
            for (let k = j; k < q; k++) if (buf[k] === LF) lines++;
            if (buf[q + 1] === QUOTE) {
              escaped = 1;
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) {
              unclosed = true; // cannot tell yet whether a quote follows
              break fields;
            }
            spans.push(start, q, escaped);
            i = q + 1;
            break;
          }
          // after the closing quote: separator, line end, or stray text (kept, reported)
          if (i < n && buf[i] !== COMMA && buf[i] !== CR && buf[i] !== LF) {
            if (stray < 0) stray = spans.length / 3 - 1;
            let k = i;
            while (k < n && buf[k] !== COMMA && buf[k] !== CR && buf[k] !== LF) k++;
            spans[spans.length - 2] = k; // extend the field to include the stray text
            i = k;
          }
        } else {
          const start = i;
          while (i < n && buf[i] !== COMMA && buf[i] !== CR && buf[i] !== LF) {
            if (buf[i] === QUOTE && stray < 0) stray = spans.length / 3;
            i++;
          }
          spans.push(start, i, 0);
        }
        if (i >= n) {
          if (final) {
            complete = true;
            break;
          }
          break; // need more bytes
        }
        const c = buf[i];
        if (c === COMMA) {
          i++;
          if (i >= n && !final) break;
          continue;
        }
        // CR, LF or CRLF ends the record
        if (c === CR) {
          if (i + 1 >= n && !final) break;
          i += buf[i + 1] === LF ? 2 : 1;
        } else i++;
        lines++;
        complete = true;
        break;
      }

      if (unclosed) {
        if (!final) return pos;
        this.problems.push({ line: startLine, column: spans.length / 3, fatal: true, message: "a quoted field is never closed; the rest of the file was not read" });
        this.failed = true;
        return n;
      }
      if (!complete) return pos;

      // A blank line is not a record.
      const blank = spans.length === 3 && spans[0] === spans[1];
      if (!blank) {
        const fields: string[] = new Array(spans.length / 3);
        let cp1252 = false;
        for (let f = 0; f < spans.length; f += 3) {
          const d = decodeField(buf.subarray(spans[f], spans[f + 1]), spans[f + 2] === 1);
          fields[f / 3] = d.text;
          if (d.cp1252) cp1252 = true;
        }
        if (stray >= 0)
          this.problems.push({
            line: startLine,
            column: stray,
            fatal: false,
            message: "a quote character appears inside an unquoted field or after a closing quote; read as text",
          });
        this.records.push({ line: startLine, fields, windows1252: cp1252 });
      }
      this.line += lines;
      this.bytesParsed += i - pos;
      pos = i;
    }
    return pos;
  }
}

/** Reads a whole stream, yielding records in batches (for the import pipeline and previews). */
export async function* readCsv(
  source: AsyncIterable<Uint8Array>,
  opts: { maxRecordBytes?: number; onProblem?: (p: CsvProblem) => void } = {},
): AsyncGenerator<{ records: CsvRecord[]; bytesParsed: number }> {
  const parser = new CsvParser(opts.maxRecordBytes);
  const drain = () => {
    for (const p of parser.problems.splice(0)) opts.onProblem?.(p);
    return parser.records.splice(0);
  };
  for await (const chunk of source) {
    parser.push(chunk);
    const records = drain();
    if (records.length) yield { records, bytesParsed: parser.bytesParsed };
    if (parser.stopped) return;
  }
  parser.end();
  const records = drain();
  if (records.length) yield { records, bytesParsed: parser.bytesParsed };
}
