// SourceAd → NormalisedAd: tidy text, map contract values, parse the salary, resolve the location
// in the UK tree, and hash what will be stored so an unchanged row is recognised cheaply.
import { createHash } from "node:crypto";
import { deriveImportedLocation, deriveImportedSalary, regionOf, titleKey } from "@/lib/ads/derive";
import type { TextLocationFinder } from "@/lib/locations/find-in-text";
import type { LocationResolver } from "@/lib/locations/resolve";
import { normaliseCategory } from "./categories";
import type { ContractTimeValue, ContractTypeValue, ImportProblem, NormalisedAd, SourceAd } from "./types";

const CONTRACT_TYPES: Record<string, ContractTypeValue> = {
  full_time: "FULL_TIME",
  fulltime: "FULL_TIME",
  full: "FULL_TIME",
  part_time: "PART_TIME",
  parttime: "PART_TIME",
  part: "PART_TIME",
};
const CONTRACT_TIMES: Record<string, ContractTimeValue> = {
  permanent: "PERMANENT",
  perm: "PERMANENT",
  contract: "CONTRACT",
  contractor: "CONTRACT",
  temporary: "CONTRACT",
  temp: "CONTRACT",
  fixed_term: "CONTRACT",
};
const key = (v: string) =>
  v
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, "_");

export function mapContractType(v: string | null): ContractTypeValue | null | undefined {
  return v ? CONTRACT_TYPES[key(v)] : null; // undefined = not recognised
}
export function mapContractTime(v: string | null): ContractTimeValue | null | undefined {
  return v ? CONTRACT_TIMES[key(v)] : null;
}

/** One line, single spaces. */
export function tidyLine(v: string | null): string | null {
  const t = v?.replace(/\s+/g, " ").trim();
  return t ? t : null;
}

/** Paragraph text: trailing spaces and runs of blank lines removed, line breaks kept. */
export function tidyText(v: string): string {
  // Most descriptions are one clean line: test before paying for the multi-line rewrites.
  let t = v.includes("\r") ? v.replace(/\r\n?/g, "\n") : v;
  if (t.includes("\n")) t = t.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n");
  return t.trim();
}

export function companyKey(name: string): string {
  return name.toLowerCase();
}

export type Normalised = { ad: NormalisedAd; problems: ImportProblem[]; unresolvedLocation: boolean };

/** `finder`: places found in an ad's text for ads whose file gives none it can resolve. */
export function normaliseAd(src: SourceAd, resolver: LocationResolver, finder: TextLocationFinder | null = null): Normalised {
  const problems: ImportProblem[] = [];
  const warn = (field: string, message: string) => problems.push({ file: src.file, line: src.line, field, severity: "warning", message });

  const contractType = mapContractType(src.contractType);
  if (contractType === undefined) warn("ContractType", `unknown ContractType "${src.contractType}" (expected full_time or part_time); left empty`);
  const contractTime = mapContractTime(src.contractTime);
  if (contractTime === undefined) warn("ContractTime", `unknown ContractTime "${src.contractTime}" (expected permanent or contract); left empty`);

  const description = tidyText(src.description);
  const { salary, annual: salaryAnnual, source: salarySource, problem } = deriveImportedSalary({ salaryRaw: src.salaryRaw, salaryNormalized: src.salaryNormalized, description });
  if (problem) warn("SalaryNormalized", problem);

  const locationRaw = tidyLine(src.locationRaw);
  const locationNormalized = tidyLine(src.locationNormalized);
  const resolved = resolver.resolveAd(locationNormalized, locationRaw);

  const title = tidyLine(src.title)!;
  const place = deriveImportedLocation(resolved?.node ?? null, { title, description }, finder);

  const fields = {
    title,
    description,
    companyName: tidyLine(src.company),
    locationId: place.node?.id ?? null,
    locationRaw,
    locationNormalized,
    category: normaliseCategory(src.category),
    contractType: contractType ?? null,
    contractTime: contractTime ?? null,
    salaryRaw: tidyLine(src.salaryRaw),
    salaryMin: salary?.min ?? null,
    salaryMax: salary?.max ?? null,
    salaryPeriod: salary?.period ?? null,
    salaryAnnual,
    source: tidyLine(src.source),
  };
  const sourceHash = createHash("sha1")
    .update(JSON.stringify([src.kind, src.externalId, ...Object.values(fields)]))
    .digest("base64url");
  return {
    ad: {
      externalId: src.externalId,
      ...fields,
      titleKey: titleKey(fields.title),
      regionId: regionOf(place.node as { regionId?: number | null } | null),
      salarySource,
      locationSource: place.source,
      sourceHash,
    },
    problems,
    unresolvedLocation: !resolved && !!(locationRaw || locationNormalized),
  };
}
