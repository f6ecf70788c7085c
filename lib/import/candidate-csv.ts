// Candidate CSV files (an agency's spreadsheet, another ATS's export): columns found by header name
// with common synonyms, in any order; each row becomes a candidate or problems naming the line and
// field. Plain TypeScript (no database): the location is resolved by the LocationResolver passed in.
import { createHash } from "node:crypto";
import { emailKey, phoneKey } from "@/lib/candidates/keys";
import type { LocationResolver } from "@/lib/locations/resolve";
import { parseSalary, salaryMidpoint } from "./salary";
import type { ImportProblem } from "./types";

export const CANDIDATE_COLUMNS = ["Name", "Email", "Phone", "Location", "CurrentTitle", "DesiredSalary", "Skills", "Source", "CvText", "WillingToRelocate"] as const;
export type CandidateColumn = (typeof CANDIDATE_COLUMNS)[number];

/** Header names (lower-cased, spaces, dashes and underscores removed) for each column. */
const SYNONYMS: Record<CandidateColumn, string[]> = {
  Name: ["name", "fullname", "candidatename", "candidate"],
  Email: ["email", "emailaddress", "mail", "e-mail"],
  Phone: ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilenumber", "contactnumber"],
  Location: ["location", "town", "city", "address", "place", "basedin"],
  CurrentTitle: ["currenttitle", "jobtitle", "title", "currentrole", "position", "role", "currentjobtitle", "headline"],
  DesiredSalary: ["desiredsalary", "salary", "expectedsalary", "salaryexpectation", "salaryexpectations", "targetsalary"],
  Skills: ["skills", "keyskills", "skillset"],
  Source: ["source", "sourcename", "origin", "channel"],
  CvText: ["cvtext", "cv", "resume", "resumetext", "cvcontent", "profile", "summary"],
  WillingToRelocate: ["willingtorelocate", "relocate", "relocation", "canrelocate", "opentorelocation"],
};
const BY_KEY = new Map(CANDIDATE_COLUMNS.flatMap((c) => SYNONYMS[c].map((s) => [s, c] as const)));
const headerKey = (raw: string) =>
  raw
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.()]/g, "");

export const CANDIDATE_FIELD_LIMITS: Record<CandidateColumn, number> = {
  Name: 200,
  Email: 254,
  Phone: 40,
  Location: 200,
  CurrentTitle: 200,
  DesiredSalary: 100,
  Skills: 2_000,
  Source: 100,
  CvText: 200_000,
  WillingToRelocate: 20,
};

export type CandidateColumnMap = Partial<Record<CandidateColumn, number>>;
export type CandidateHeader = { ok: true; columns: CandidateColumnMap; unknown: string[] } | { ok: false; message: string };

export function readCandidateHeader(fields: string[]): CandidateHeader {
  const columns: CandidateColumnMap = {};
  const unknown: string[] = [];
  fields.forEach((raw, i) => {
    const col = BY_KEY.get(headerKey(raw));
    if (col && columns[col] === undefined) columns[col] = i;
    else if (col) unknown.push(`${raw.trim()} (duplicate; the first one is used)`);
    else if (raw.trim()) unknown.push(raw.trim());
  });
  if (columns.Name === undefined)
    return { ok: false, message: `has no Name column (found: ${fields.slice(0, 8).join(", ")}); a candidate file needs Name and, to recognise people again, Email` };
  return { ok: true, columns, unknown };
}

/**
 * What a CSV header says the file holds: Adzuna ads (Id, Title, FullDescription), candidates (a name
 * and an email, phone or CV column), or neither (then the caller's --kind decides).
 */
export function kindOfHeader(fields: string[]): "ads" | "candidates" | null {
  const keys = new Set(fields.map(headerKey));
  if (keys.has("id") && keys.has("fulldescription")) return "ads";
  const cols = new Set(fields.map((f) => BY_KEY.get(headerKey(f))).filter(Boolean));
  if (cols.has("Name") && (cols.has("Email") || cols.has("Phone") || cols.has("CvText"))) return "candidates";
  return null;
}

/** One candidate as it will be stored (merged by email). */
export type NormalisedCandidate = {
  name: string;
  email: string | null;
  emailKey: string | null;
  phone: string | null;
  phoneKey: string | null;
  location: string | null;
  locationId: number | null;
  regionId: number | null;
  currentTitle: string | null;
  desiredSalary: number | null;
  skills: string | null;
  source: string | null;
  cvText: string | null;
  willingToRelocate: boolean | null;
  cvFileName: string | null;
  sourceHash: string;
};

/** The fields an import merges into an existing candidate (non-empty file values replace). */
export const CANDIDATE_MERGE_FIELDS = [
  "name",
  "email",
  "phone",
  "location",
  "locationId",
  "currentTitle",
  "desiredSalary",
  "skills",
  "source",
  "cvText",
  "cvFileName",
  "willingToRelocate",
] as const;
export type CandidateMergeField = (typeof CANDIDATE_MERGE_FIELDS)[number];

const FIELD_OF: Record<CandidateMergeField, CandidateColumn> = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  location: "Location",
  locationId: "Location",
  currentTitle: "CurrentTitle",
  desiredSalary: "DesiredSalary",
  skills: "Skills",
  source: "Source",
  cvText: "CvText",
  cvFileName: "CvText",
  willingToRelocate: "WillingToRelocate",
};
export const candidateColumnOf = (f: CandidateMergeField) => FIELD_OF[f];

const YES = new Set(["yes", "y", "true", "1", "willing", "open"]);
const NO = new Set(["no", "n", "false", "0", "not willing"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A desired salary ("£32,000", "32k", "£15 per hour", "30-35k") as an annual figure, or null. */
export function parseDesiredSalary(raw: string): number | null {
  const s = parseSalary(/^\d+(\.\d+)?$/.test(raw.trim()) ? `${raw.trim()} per annum` : raw);
  const mid = s ? salaryMidpoint(s) : null;
  return mid === null ? null : Math.round(mid);
}

export function rowToCandidate(
  fields: string[],
  header: Extract<CandidateHeader, { ok: true }>,
  file: string,
  line: number,
  places: { resolver: LocationResolver; regionOf: (id: number) => number | null },
): { candidate: NormalisedCandidate | null; problems: ImportProblem[]; unresolved: boolean } {
  const problems: ImportProblem[] = [];
  const err = (field: CandidateColumn | null, message: string) => problems.push({ file, line, field, severity: "error", message });
  const warn = (field: CandidateColumn | null, message: string) => problems.push({ file, line, field, severity: "warning", message });
  const get = (c: CandidateColumn): string | null => {
    const i = header.columns[c];
    const v = i === undefined ? "" : (fields[i] ?? "").trim();
    if (v.length > CANDIDATE_FIELD_LIMITS[c]) {
      err(c, `is ${v.length.toLocaleString("en-GB")} characters long (at most ${CANDIDATE_FIELD_LIMITS[c].toLocaleString("en-GB")})`);
      return null;
    }
    return v || null;
  };
  const name = get("Name");
  let email = get("Email");
  const phoneRaw = get("Phone");
  const location = get("Location");
  const currentTitle = get("CurrentTitle");
  const salaryRaw = get("DesiredSalary");
  const skills = get("Skills");
  const source = get("Source");
  const cvText = get("CvText");
  const relocateRaw = get("WillingToRelocate");
  if (!name) err("Name", "is empty: every candidate needs a name");
  if (email && !EMAIL.test(email)) {
    err("Email", `"${email.slice(0, 60)}" is not an email address`);
    email = null;
  }
  let phone = phoneRaw;
  if (phone && (!/^[+()\d\s./-]{6,}$/.test(phone) || !phoneKey(phone))) {
    warn("Phone", `"${phone.slice(0, 40)}" is not a phone number; left out`);
    phone = null;
  }
  let desiredSalary: number | null = null;
  if (salaryRaw) {
    desiredSalary = parseDesiredSalary(salaryRaw);
    if (desiredSalary === null) warn("DesiredSalary", `"${salaryRaw.slice(0, 40)}" is not a salary; left out`);
  }
  let willingToRelocate: boolean | null = null;
  if (relocateRaw) {
    const k = relocateRaw.toLowerCase();
    if (YES.has(k)) willingToRelocate = true;
    else if (NO.has(k)) willingToRelocate = false;
    else warn("WillingToRelocate", `"${relocateRaw.slice(0, 20)}" is not yes or no; left out`);
  }
  let locationId: number | null = null;
  let regionId: number | null = null;
  let unresolved = false;
  if (location) {
    const r = places.resolver.resolve(null, location);
    if (r) {
      locationId = r.node.id;
      regionId = places.regionOf(r.node.id);
    } else {
      unresolved = true;
      warn("Location", `"${location.slice(0, 60)}" is not a place in the UK location tree; kept as text`);
    }
  }
  if (problems.some((p) => p.severity === "error") || !name) return { candidate: null, problems, unresolved };
  const c: Omit<NormalisedCandidate, "sourceHash"> = {
    name,
    email,
    emailKey: emailKey(email),
    phone,
    phoneKey: phoneKey(phone),
    location,
    locationId,
    regionId,
    currentTitle,
    desiredSalary,
    skills,
    source,
    cvText,
    willingToRelocate,
    cvFileName: null,
  };
  const sourceHash = createHash("sha1").update(JSON.stringify(c)).digest("base64url").slice(0, 22);
  return { candidate: { ...c, sourceHash }, problems, unresolved };
}

const EMAIL_IN_TEXT = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;
const PHONE_IN_TEXT = /(?:\+44\s?(?:\(0\)\s?)?|\b0)\d(?:[\s-]?\d){8,9}\b/;
const NAME_LINE = /^[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’.-]*){1,3}$/;
const NOT_A_NAME = /\b(curriculum|vitae|resume|résumé|cv|profile|summary|personal|statement|contact|address|objective|experience)\b/i;

/** A name from a CV file's name: "jane-smith_CV.pdf" → "Jane Smith"; null when nothing is left. */
export function nameFromFileName(fileName: string): string | null {
  const words = (fileName.split("/").pop() ?? "")
    .replace(/\.[a-z0-9]+$/i, "")
    .split(/[\s_.\-()]+/)
    .filter((w) => w && !/^(cv|resume|curriculum|vitae|final|v?\d+)$/i.test(w));
  if (!words.length || words.length > 4) return null;
  return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join(" ");
}

/**
 * One candidate from a CV's text (a file in a folder or .zip of CVs): the email and phone found in
 * the text, the name from the first lines that look like one (else the file's name), the text as
 * the CV. `problems` name the file; no name at all skips it.
 */
export function candidateFromCv(text: string, fileName: string, file: string): { candidate: NormalisedCandidate | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 8);
  const fromText = lines.map((l) => l.replace(/^name\s*:\s*/i, "")).find((l) => NAME_LINE.test(l) && !NOT_A_NAME.test(l)) ?? null;
  const name = fromText ?? nameFromFileName(fileName);
  if (!name) {
    problems.push({ file, line: null, field: "Name", severity: "error", message: "no name found in the first lines of the CV or in the file's name" });
    return { candidate: null, problems };
  }
  if (!fromText) problems.push({ file, line: null, field: "Name", severity: "warning", message: `no name found in the text; "${name}" was taken from the file's name` });
  const email = EMAIL_IN_TEXT.exec(text)?.[0] ?? null;
  if (!email) problems.push({ file, line: null, field: "Email", severity: "warning", message: "no email address found: this person cannot be recognised by a later import" });
  const phone = PHONE_IN_TEXT.exec(text)?.[0]?.trim() ?? null;
  const c: Omit<NormalisedCandidate, "sourceHash"> = {
    name,
    email,
    emailKey: emailKey(email),
    phone,
    phoneKey: phoneKey(phone),
    location: null,
    locationId: null,
    regionId: null,
    currentTitle: null,
    desiredSalary: null,
    skills: null,
    source: null,
    cvText: text,
    willingToRelocate: null,
    cvFileName: (fileName.split("/").pop() ?? fileName).slice(0, 255),
  };
  const sourceHash = createHash("sha1").update(JSON.stringify(c)).digest("base64url").slice(0, 22);
  return { candidate: { ...c, sourceHash }, problems };
}
