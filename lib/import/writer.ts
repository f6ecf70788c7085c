// Writes one batch of rows, all-or-nothing: the ads it creates or changes, their history, the
// problems found in the batch and the import's progress, in one transaction. Killing the process
// mid-import loses at most the batch in flight; running the import again finishes the job (rows
// already written are "unchanged"). The SQL lives in the per-database stores.
import { randomUUID } from "node:crypto";
import type { Dialect } from "@/lib/db/dialect";
import type { Sql } from "@/lib/db/sql";
import { fileColumnOf } from "@/lib/ads/fields";
import { decideMerge, type Changes, type ExistingAd } from "./merge";
import { companyKey } from "./normalise";
import type { AdFields, DerivedFields, ImportProblem, MergePolicy, NormalisedAd } from "./types";

export type BatchRow = { ad: NormalisedAd; policy: MergePolicy; file: string; line: number };

export type Counts = {
  rowsDone: number;
  bytesDone: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
  warnings: number;
  duplicates: number;
  unresolvedLocations: number;
};

export function emptyCounts(): Counts {
  return { rowsDone: 0, bytesDone: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: 0, warnings: 0, duplicates: 0, unresolvedLocations: 0 };
}

/** Ad columns an import may set, besides the company (set through companyId). */
export type AdColumns = Omit<AdFields, "companyName"> & DerivedFields & { companyId: number | null };
export type AdUpdate = { id: number; set: Partial<AdColumns>; sourceHash: string | null; bumpVersion: boolean };
export type AdHistory = { adId: number; changes: Changes; versionAfter: number };

/** Ids of imports made outside Prisma (the CLI); Prisma's cuid() makes the browser's. Opaque either way. */
export function newImportId(): string {
  return "imp" + randomUUID().replace(/-/g, "").slice(0, 22);
}

/** The fields each ad's AdChange rows (EDIT / BULK, oldest first) touched: what ImportStore.editedFields returns. */
export function fieldsByAd(rows: { adId: number; changes: string }[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.adId) ?? new Set<string>();
    for (const field of Object.keys(JSON.parse(r.changes) as object)) set.add(field);
    out.set(r.adId, set);
  }
  return out;
}

export type ImportRecord = { id: string; status: string; files: string; message: string | null; kind: string } & Counts;
export type { LocationRow } from "@/lib/locations/tree-cache";
import type { LocationRow } from "@/lib/locations/tree-cache";

export interface ImportStore {
  // Lifecycle: the import process needs no Prisma client (it costs ~50 MB of memory).
  createImport(opts: { origin: "web" | "cli"; userId: string | null; files: string; bytesTotal: number; status: "DRAFT" | "QUEUED" }): Promise<string>;
  loadImport(id: string): Promise<ImportRecord | null>;
  /** RUNNING; counts and problems cleared, or kept when `resume` (carrying on after the last committed batch). */
  markRunning(id: string, resume?: boolean): Promise<void>;
  markFinished(id: string, status: "SUCCEEDED" | "FAILED", message: string | null): Promise<void>;
  loadLocations(): Promise<LocationRow[]>;
  firstIssues(id: string, limit: number): Promise<ImportProblem[]>;
  countAds(): Promise<number>;
  /** Bulk loads: drop the read-only indexes on "Ad" (lib/db/ad-indexes.ts)… */
  dropAdIndexes(): Promise<void>;
  /** …and build whichever are missing (every import ends with this, whatever happened). */
  ensureAdIndexes(): Promise<void>;

  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  findExisting(externalIds: number[]): Promise<Map<number, ExistingAd>>;
  /** For each ad, the fields people edited in the app (AdChange EDIT / BULK), ever. */
  editedFields(adIds: number[]): Promise<Map<number, Set<string>>>;
  /** name → id for each company name (by case-insensitive key), creating missing ones. */
  companyIds(names: string[]): Promise<Map<string, number>>;
  insertAds(rows: { ad: NormalisedAd; companyId: number | null }[], importId: string): Promise<void>;
  /** Applies the update; returns the ad's version afterwards. */
  updateAd(update: AdUpdate): Promise<number>;
  insertHistory(entries: AdHistory[], importId: string): Promise<void>;
  insertIssues(importId: string, problems: ImportProblem[]): Promise<void>;
  saveProgress(importId: string, counts: Counts): Promise<void>;
  /** Any other statement, on the store's own connection (inside begin/commit when one is open): the candidate import's SQL. */
  run<T = Record<string, unknown>>(statement: Sql): Promise<T[]>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export type BatchResult = { created: number; updated: number; unchanged: number; warnings: number };

/**
 * Rows must have distinct Adzuna Ids (the pipeline starts a new batch when an Id repeats), so each
 * decision can be made against the state before the batch.
 */
export async function writeBatch(
  store: ImportStore,
  importId: string,
  rows: BatchRow[],
  problems: ImportProblem[],
  countsAfter: (batch: BatchResult) => Counts,
): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, warnings: 0 };
  await store.begin();
  try {
    const existing = rows.length ? await store.findExisting(rows.map((r) => r.ad.externalId)) : new Map<number, ExistingAd>();
    // Changed source rows must not undo people's edits: look those up (a rare path).
    const changed = rows.filter((r) => r.policy === "replace" && existing.get(r.ad.externalId)?.sourceHash !== r.ad.sourceHash && existing.has(r.ad.externalId));
    if (changed.length) {
      const edited = await store.editedFields(changed.map((r) => existing.get(r.ad.externalId)!.id));
      for (const r of changed) {
        const prev = existing.get(r.ad.externalId)!;
        prev.editedFields = edited.get(prev.id);
      }
    }
    const decisions = rows.map((r) => ({ row: r, prev: existing.get(r.ad.externalId) ?? null, decision: decideMerge(existing.get(r.ad.externalId) ?? null, r.ad, r.policy) }));
    for (const { row, decision } of decisions) {
      if (decision.kind === "create") continue;
      for (const field of decision.keptEdits) {
        problems.push({
          file: row.file,
          line: row.line,
          field: fileColumnOf(field),
          severity: "warning",
          message: `${fileColumnOf(field)} was edited in Recruiter Desk; the edit is kept although the file has a different value`,
        });
        result.warnings++;
      }
    }

    const names = new Set<string>();
    for (const { row, decision } of decisions) {
      if (decision.kind === "create" && row.ad.companyName) names.add(row.ad.companyName);
      if (decision.kind === "update" && decision.set.companyName) names.add(decision.set.companyName);
    }
    const companies = names.size ? await store.companyIds([...names]) : new Map<string, number>();
    const companyId = (name: string | null | undefined) => (name ? (companies.get(companyKey(name)) ?? null) : null);

    const creates = [];
    const history: AdHistory[] = [];
    for (const { row, prev, decision } of decisions) {
      if (decision.kind === "create") {
        creates.push({ ad: row.ad, companyId: companyId(row.ad.companyName) });
        result.created++;
      } else if (decision.kind === "unchanged") {
        if (decision.rehash) await store.updateAd({ id: prev!.id, set: {}, sourceHash: row.ad.sourceHash, bumpVersion: false });
        result.unchanged++;
      } else {
        const { companyName, ...rest } = decision.set;
        const set: Partial<AdColumns> = {
          ...rest,
          ...(companyName !== undefined ? { companyId: companyId(companyName) } : {}),
          // Derived columns follow the fields they come from.
          ...(rest.title !== undefined ? { titleKey: row.ad.titleKey } : {}),
          ...(rest.locationId !== undefined ? { regionId: row.ad.regionId, locationSource: row.ad.locationSource } : {}),
          ...(rest.salaryAnnual !== undefined ? { salarySource: row.ad.salarySource } : {}),
        };
        const versionAfter = await store.updateAd({
          id: prev!.id,
          set,
          sourceHash: row.policy === "replace" ? row.ad.sourceHash : null,
          bumpVersion: true,
        });
        history.push({ adId: prev!.id, changes: decision.changes, versionAfter });
        result.updated++;
      }
    }
    if (creates.length) await store.insertAds(creates, importId);
    if (history.length) await store.insertHistory(history, importId);
    if (problems.length) await store.insertIssues(importId, problems);
    await store.saveProgress(importId, countsAfter(result));
    await store.commit();
    return result;
  } catch (e) {
    await store.rollback().catch(() => {});
    throw e;
  }
}
