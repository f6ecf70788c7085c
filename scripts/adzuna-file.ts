// The data rows of an Adzuna CSV file, read by the import's own CSV reader and header check: what
// the benchmarks that read the file directly (duplicates, salary) share.
import { createReadStream } from "node:fs";
import { readHeader, type Header } from "@/lib/import/adzuna-csv";
import { readCsv } from "@/lib/import/csv-reader";

export type AdzunaRecord = { fields: string[]; line: number; header: Extract<Header, { ok: true }> };

/** Each data row with the file's header; a file whose header is not an Adzuna one throws. */
export async function* adzunaRecords(file: string): AsyncGenerator<AdzunaRecord> {
  let header: Header | null = null;
  for await (const { records } of readCsv(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    for (const r of records) {
      if (!header) {
        header = readHeader(r.fields);
        if (!header.ok) throw new Error(header.message);
        continue;
      }
      if (header.ok) yield { fields: r.fields, line: r.line, header };
    }
  }
}
