// The Adzuna CSV layouts: Train_rev1 (12 columns) and Valid/Test (no SalaryRaw/SalaryNormalized).
// Columns are found by header name in any order; rows become SourceAds or problems naming the
// line and field.
import type { ImportProblem, SourceAd } from "./types";

export const ADZUNA_COLUMNS = [
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
] as const;
export type AdzunaColumn = (typeof ADZUNA_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly AdzunaColumn[] = ["Id", "Title", "FullDescription"];

export type ColumnMap = Partial<Record<AdzunaColumn, number>>;
export type Header = { ok: true; columns: ColumnMap; width: number; unknown: string[]; layout: "train" | "valid" | "partial" } | { ok: false; message: string };

const BY_LOWER = new Map(ADZUNA_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** Longest value we accept per field; anything longer is a broken row, not an ad. */
export const FIELD_LIMITS: Record<AdzunaColumn, number> = {
  Id: 20,
  Title: 1_000,
  FullDescription: 200_000,
  LocationRaw: 500,
  LocationNormalized: 200,
  ContractType: 50,
  ContractTime: 50,
  Company: 300,
  Category: 200,
  SalaryRaw: 500,
  SalaryNormalized: 30,
  SourceName: 200,
};

export function readHeader(fields: string[]): Header {
  const columns: ColumnMap = {};
  const unknown: string[] = [];
  const seen = new Set<string>();
  fields.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, "").trim();
    const known = BY_LOWER.get(name.toLowerCase());
    if (known) {
      if (seen.has(known)) unknown.push(`${name} (duplicate; the first one is used)`);
      else columns[known] = i;
      seen.add(known);
    } else if (name) unknown.push(name);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => columns[c] === undefined);
  if (missing.length) {
    const found = fields
      .slice(0, 8)
      .map((f) => f.trim().slice(0, 30))
      .join(", ");
    return {
      ok: false,
      message: `not an Adzuna ads file: the header has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""} (found: ${found || "nothing"})`,
    };
  }
  const hasSalary = columns.SalaryRaw !== undefined || columns.SalaryNormalized !== undefined;
  const complete = ADZUNA_COLUMNS.every((c) => columns[c] !== undefined || (!hasSalary && c.startsWith("Salary")));
  return { ok: true, columns, width: fields.length, unknown, layout: complete ? (hasSalary ? "train" : "valid") : "partial" };
}

export function rowToSourceAd(fields: string[], header: Extract<Header, { ok: true }>, file: string, line: number): { ad: SourceAd | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const error = (field: string | null, message: string) => problems.push({ file, line, field, severity: "error", message });
  if (fields.length !== header.width) {
    error(null, `expected ${header.width} fields, found ${fields.length}`);
    return { ad: null, problems };
  }
  const get = (c: AdzunaColumn): string | null => {
    const i = header.columns[c];
    if (i === undefined) return null;
    const v = fields[i].trim();
    // No ad holds a NUL (PostgreSQL refuses one in text): a damaged row, not text to store.
    if (v.includes("\0")) {
      error(c, `${c} contains a NUL character (is the file damaged?)`);
      return null;
    }
    if (v.length > FIELD_LIMITS[c]) {
      error(c, `${c} is longer than ${FIELD_LIMITS[c].toLocaleString("en-GB")} characters`);
      return null;
    }
    return v || null;
  };
  const id = get("Id");
  const title = get("Title");
  const description = get("FullDescription");
  const rest = {
    company: get("Company"),
    locationRaw: get("LocationRaw"),
    locationNormalized: get("LocationNormalized"),
    contractType: get("ContractType"),
    contractTime: get("ContractTime"),
    category: get("Category"),
    salaryRaw: get("SalaryRaw"),
    salaryNormalized: get("SalaryNormalized"),
    source: get("SourceName"),
  };
  if (problems.length) return { ad: null, problems };

  let externalId = NaN;
  if (!id) error("Id", "Id is empty");
  else if (!/^\d{1,9}$/.test(id) || Number(id) === 0) error("Id", `Id must be a whole number between 1 and 999,999,999, got "${id.slice(0, 20)}"`);
  else externalId = Number(id);
  if (!title) error("Title", "Title is empty");
  if (!description) error("FullDescription", "FullDescription is empty");
  if (problems.length) return { ad: null, problems };

  return { ad: { kind: "csv", file, line, externalId, title: title!, description: description!, ...rest }, problems };
}
