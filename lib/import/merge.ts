// What an incoming row does to the ad with the same Adzuna Id, if there is one:
//  - CSV rows ("replace"): a row identical to the one last imported (same source hash) changes
//    nothing, so an admin's edits survive re-importing a file; a changed row writes its non-empty
//    values (an empty cell never erases data).
//  - Text ads ("fill"): only fill fields that are empty; never overwrite richer data.
import { companyKey } from "./normalise";
import type { AdFields, MergePolicy, NormalisedAd } from "./types";

export type ExistingAd = AdFields & { id: number; version: number; sourceHash: string | null };

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
] as const satisfies readonly (keyof AdFields)[];
export type MergeField = (typeof MERGE_FIELDS)[number];

export type Changes = Partial<Record<MergeField, [unknown, unknown]>>;
export type MergeDecision =
  | { kind: "create" }
  | { kind: "unchanged"; rehash: boolean }
  | { kind: "update"; set: Partial<AdFields>; changes: Changes };

const empty = (v: unknown) => v === null || v === undefined || v === "";

function same(field: MergeField, a: unknown, b: unknown): boolean {
  if (field === "companyName") return (a == null ? null : companyKey(String(a))) === (b == null ? null : companyKey(String(b)));
  return a === b;
}

export function decideMerge(existing: ExistingAd | null, incoming: NormalisedAd, policy: MergePolicy): MergeDecision {
  if (!existing) return { kind: "create" };
  if (policy === "replace" && existing.sourceHash === incoming.sourceHash) return { kind: "unchanged", rehash: false };
  const set: Partial<AdFields> = {};
  const changes: Changes = {};
  for (const field of MERGE_FIELDS) {
    const next = incoming[field];
    const prev = existing[field];
    if (empty(next)) continue;
    if (policy === "fill" ? !empty(prev) : same(field, prev, next)) continue;
    (set as Record<string, unknown>)[field] = next;
    changes[field] = [prev ?? null, next];
  }
  if (!Object.keys(set).length) return { kind: "unchanged", rehash: policy === "replace" };
  return { kind: "update", set, changes };
}
