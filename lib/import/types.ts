// The shapes that flow through an import: rows as read from a file (SourceAd), as they will be
// stored (NormalisedAd), and the problems reported along the way.
import type { LocationSource, SalarySource } from "@/lib/ads/fields";
import type { SalaryPeriod } from "./salary";

export type SourceKind = "csv" | "text";

/** One ad as read from a file: trimmed strings, nothing interpreted yet. */
export type SourceAd = {
  kind: SourceKind;
  file: string;
  line: number;
  externalId: number;
  title: string;
  description: string;
  company: string | null;
  locationRaw: string | null;
  locationNormalized: string | null;
  contractType: string | null;
  contractTime: string | null;
  category: string | null;
  salaryRaw: string | null;
  salaryNormalized: string | null;
  source: string | null;
};

export type ContractTypeValue = "FULL_TIME" | "PART_TIME";
export type ContractTimeValue = "PERMANENT" | "CONTRACT";

/** The fields an import writes to an ad (company by name: the writer finds or creates it). */
export type AdFields = {
  title: string;
  description: string;
  companyName: string | null;
  locationId: number | null;
  locationRaw: string | null;
  locationNormalized: string | null;
  category: string | null;
  contractType: ContractTypeValue | null;
  contractTime: ContractTimeValue | null;
  salaryRaw: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: SalaryPeriod | null;
  salaryAnnual: number | null;
  source: string | null;
};

/** Columns derived from others (lib/ads/derive.ts), kept in step by every writer. */
export type DerivedFields = { titleKey: string; regionId: number | null; salarySource: SalarySource | null; locationSource: LocationSource | null };

export type NormalisedAd = AdFields & DerivedFields & { externalId: number; sourceHash: string };

export type Severity = "error" | "warning";

export type ImportProblem = {
  file: string;
  line: number | null;
  field: string | null;
  severity: Severity;
  message: string;
};

/** How an incoming row meets an ad that already exists. */
export type MergePolicy = "replace" | "fill";
