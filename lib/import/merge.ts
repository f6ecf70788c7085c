// What an incoming row does to the ad with the same Adzuna Id, if there is one:
//  - CSV rows ("replace"): a row identical to the one last imported (same source hash) changes
//    nothing, so an admin's edits survive re-importing a file; a changed row writes its non-empty
//    values (an empty cell never erases data).
//  - Text ads ("fill"): only fill fields that are empty; never overwrite richer data.
import { MERGE_FIELDS, type MergeField } from "@/lib/ads/fields";
import { companyKey } from "./normalise";
import type { AdFields, MergePolicy, NormalisedAd } from "./types";

export type ExistingAd = AdFields & {
  id: number;
  version: number;
  sourceHash: string | null;
  /** Fields someone edited in Recruiter Desk: a changed source row no longer overwrites them. */
  editedFields?: ReadonlySet<string>;
};

export { MERGE_FIELDS, type MergeField };

export type Changes = Partial<Record<MergeField, [unknown, unknown]>>;
export type MergeDecision =
  { kind: "create" } | { kind: "unchanged"; rehash: boolean; keptEdits: MergeField[] } | { kind: "update"; set: Partial<AdFields>; changes: Changes; keptEdits: MergeField[] };

const empty = (v: unknown) => v === null || v === undefined || v === "";

function same(field: MergeField, a: unknown, b: unknown): boolean {
  if (field === "companyName") return (a == null ? null : companyKey(String(a))) === (b == null ? null : companyKey(String(b)));
  return a === b;
}

export function decideMerge(existing: ExistingAd | null, incoming: NormalisedAd, policy: MergePolicy): MergeDecision {
  if (!existing) return { kind: "create" };
  if (policy === "replace" && existing.sourceHash === incoming.sourceHash) return { kind: "unchanged", rehash: false, keptEdits: [] };
  const set: Partial<AdFields> = {};
  const changes: Changes = {};
  const keptEdits: MergeField[] = [];
  for (const field of MERGE_FIELDS) {
    const next = incoming[field];
    const prev = existing[field];
    if (empty(next)) continue;
    // A place found in the text only fills an ad that has none: it never replaces a given location.
    if (field === "locationId" && incoming.locationSource === "text" && !empty(prev)) continue;
    if (policy === "fill" ? !empty(prev) : same(field, prev, next)) continue;
    if (policy === "replace" && existing.editedFields?.has(field)) {
      keptEdits.push(field);
      continue;
    }
    (set as Record<string, unknown>)[field] = next;
    changes[field] = [prev ?? null, next];
  }
  if (!Object.keys(set).length) return { kind: "unchanged", rehash: policy === "replace", keptEdits };
  return { kind: "update", set, changes, keptEdits };
}
