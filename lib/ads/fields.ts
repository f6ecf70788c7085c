// Every field an ad has, once: its label, the column it is stored in, whether a file sets it (and
// merges it into an existing ad), whether admins edit it, and its CSV export header. The import
// stores' column lists, the merge rules, the history's and the edit form's labels and the export
// are all built from this list. Pure: no database, no React.

export type AdFieldKey =
  | "externalId"
  | "title"
  | "titleKey"
  | "description"
  | "companyName"
  | "companyId"
  | "locationId"
  | "regionId"
  | "locationRaw"
  | "locationNormalized"
  | "category"
  | "contractType"
  | "contractTime"
  | "salaryRaw"
  | "salaryMin"
  | "salaryMax"
  | "salaryPeriod"
  | "salaryAnnual"
  | "salarySource"
  | "locationSource"
  | "salaryEstimate"
  | "salaryEstimateLow"
  | "salaryEstimateHigh"
  | "source"
  | "status"
  | "duplicateGroupId";

export type AdFieldSpec = {
  key: AdFieldKey;
  /** Shown in the history, the import report and the edit form. */
  label: string;
  /** The "Ad" column an import writes, with its PostgreSQL type (none: stored elsewhere or not by imports). */
  column: { pgType: string } | null;
  /** Read from a file, and merged into an existing ad by the import's rules (lib/import/merge.ts). */
  merged: boolean;
  /** The file's column this comes from, for the import report ("Title", "SalaryRaw"…). */
  fileColumn?: string;
  /** Computed from other fields (lib/ads/derive.ts), never typed in. */
  derived?: boolean;
  /** Its header in the CSV export, in export order (none: not exported). */
  exported: string | null;
};

export const AD_FIELDS: readonly AdFieldSpec[] = [
  { key: "externalId", label: "Adzuna Id", column: null, merged: false, exported: "Adzuna Id" },
  { key: "title", label: "Title", column: { pgType: "text" }, merged: true, fileColumn: "Title", exported: "Title" },
  { key: "titleKey", label: "Title (sort key)", column: { pgType: "text" }, merged: false, derived: true, exported: null },
  { key: "companyName", label: "Company", column: null, merged: true, fileColumn: "Company", exported: "Company" },
  { key: "companyId", label: "Company", column: { pgType: "int" }, merged: false, derived: true, exported: null },
  { key: "locationId", label: "Location", column: { pgType: "int" }, merged: true, fileColumn: "Location", exported: "Location" },
  { key: "regionId", label: "Region", column: { pgType: "int" }, merged: false, derived: true, exported: null },
  { key: "locationRaw", label: "Location as written", column: { pgType: "text" }, merged: true, fileColumn: "LocationRaw", exported: null },
  { key: "locationNormalized", label: "Location (Adzuna)", column: { pgType: "text" }, merged: true, fileColumn: "LocationNormalized", exported: null },
  { key: "category", label: "Category", column: { pgType: "text" }, merged: true, fileColumn: "Category", exported: "Category" },
  { key: "contractType", label: "Contract type", column: { pgType: '"ContractType"' }, merged: true, fileColumn: "ContractType", exported: "Contract type" },
  { key: "contractTime", label: "Contract time", column: { pgType: '"ContractTime"' }, merged: true, fileColumn: "ContractTime", exported: "Contract time" },
  { key: "salaryRaw", label: "Salary as written", column: { pgType: "text" }, merged: true, fileColumn: "SalaryRaw", exported: null },
  { key: "salaryMin", label: "Salary min", column: { pgType: "float8" }, merged: true, fileColumn: "Salary", exported: "Salary min" },
  { key: "salaryMax", label: "Salary max", column: { pgType: "float8" }, merged: true, fileColumn: "Salary", exported: "Salary max" },
  { key: "salaryPeriod", label: "Salary period", column: { pgType: '"SalaryPeriod"' }, merged: true, fileColumn: "Salary", exported: "Salary period" },
  { key: "salaryAnnual", label: "Annual salary", column: { pgType: "int" }, merged: true, fileColumn: "Salary", exported: "Annual salary" },
  { key: "salarySource", label: "Annual salary from", column: { pgType: "text" }, merged: false, derived: true, exported: "Annual salary from" },
  { key: "locationSource", label: "Location from", column: { pgType: "text" }, merged: false, derived: true, exported: "Location from" },
  { key: "salaryEstimate", label: "Salary estimate", column: null, merged: false, derived: true, exported: "Salary estimate" },
  { key: "salaryEstimateLow", label: "Estimate low", column: null, merged: false, derived: true, exported: "Estimate low" },
  { key: "salaryEstimateHigh", label: "Estimate high", column: null, merged: false, derived: true, exported: "Estimate high" },
  { key: "source", label: "Source", column: { pgType: "text" }, merged: true, fileColumn: "SourceName", exported: "Source" },
  { key: "status", label: "Status", column: null, merged: false, exported: "Status" },
  // Set by near-duplicate detection (lib/ads/duplicate-store.ts); exported as the Adzuna Id of the
  // group's first ad, empty when the ad is alone.
  { key: "duplicateGroupId", label: "Duplicate group", column: null, merged: false, derived: true, exported: "Duplicate group" },
  // The description lives in "AdText" (the ads rows stay narrow for the table's queries), exported last.
  { key: "description", label: "Description", column: null, merged: true, fileColumn: "FullDescription", exported: "Description" },
];

const spec = (key: AdFieldKey) => AD_FIELDS.find((f) => f.key === key)!;

/** The "Ad" columns an import writes, in one order for both stores. */
export const IMPORT_COLUMNS = AD_FIELDS.filter((f) => f.column).map((f) => ({ name: f.key, pgType: f.column!.pgType }));

/** The fields a file row merges into an existing ad. */
export const MERGE_FIELDS = [
  "title",
  "description",
  "companyName",
  "locationId",
  "locationRaw",
  "locationNormalized",
  "category",
  "contractType",
  "contractTime",
  "salaryRaw",
  "salaryMin",
  "salaryMax",
  "salaryPeriod",
  "salaryAnnual",
  "source",
] as const satisfies readonly AdFieldKey[];
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Labels for history and reports ("tags" is a change recorded on ads too). */
export const FIELD_LABELS: Record<string, string> = { ...Object.fromEntries(AD_FIELDS.map((f) => [f.key, f.label])), tags: "Tag" };

/** The file column a merged field comes from, for the import report. */
export const fileColumnOf = (field: MergeField): string => spec(field).fileColumn ?? spec(field).label;

/** The CSV export's columns, in order: the fields, plus the record's own (tags, dates). */
export const EXPORT_HEADER = [...AD_FIELDS.filter((f) => f.exported && f.key !== "description").map((f) => f.exported!), "Tags", "Imported", "Updated", "Description"];

export const CONTRACT_LABELS: Record<string, string> = { FULL_TIME: "Full time", PART_TIME: "Part time", PERMANENT: "Permanent", CONTRACT: "Contract" };

/** "Full time, Permanent", or null. */
export function contractLabel(type: string | null | undefined, time: string | null | undefined): string | null {
  return (
    [type, time]
      .filter(Boolean)
      .map((c) => CONTRACT_LABELS[c!])
      .join(", ") || null
  );
}

/** Where an ad's annual salary came from: what the salary model may learn from, and what it must not. */
export const SALARY_SOURCES = ["file", "salary-text", "description", "admin", "estimate"] as const;
export type SalarySource = (typeof SALARY_SOURCES)[number];
export const SALARY_SOURCE_LABELS: Record<SalarySource, string> = {
  file: "the file's normalised figure",
  "salary-text": "the salary as written",
  description: "found in the description",
  admin: "entered by an admin",
  estimate: "estimated",
};
/** Real salaries: the model trains on these only. */
export const REAL_SALARY_SOURCES: readonly SalarySource[] = ["file", "salary-text", "description", "admin"];

/** Where an ad's location came from: the file's location columns, its own text (the file gave none), an admin. */
export const LOCATION_SOURCES = ["file", "text", "admin"] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];
export const LOCATION_SOURCE_LABELS: Record<LocationSource, string> = {
  file: "from the file",
  text: "found in the ad's text",
  admin: "entered by an admin",
};
