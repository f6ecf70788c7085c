// The CSV export of a table view: every matching ad, in the table's order, in chunks (a 250,000-row
// export never sits in memory), with the columns lib/ads/fields.ts lists.
import { getDb, type Db } from "@/lib/db/client";
import { getLocationTree, type LocationTree } from "@/lib/locations/tree-cache";
import { matchingIds } from "./find-ads";
import type { AdsTableParams } from "./table-params";
import { adFieldsSelect } from "./ad";
import { EXPORT_HEADER } from "./fields";

const CHUNK = 1000;
const exportSelect = { ...adFieldsSelect, duplicateGroupId: true, tags: { select: { tag: { select: { name: true } } } } } as const;

export { EXPORT_HEADER };

/** Rows of cells for `ids`, in their order, a chunk at a time. */
export async function* exportRows(ids: number[], db: Db, tree: LocationTree): AsyncGenerator<unknown[][]> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await db.ad.findMany({ where: { id: { in: chunk } }, select: exportSelect });
    const byId = new Map(rows.map((r) => [r.id, r]));
    // A group is named by its first ad's Adzuna Id (that ad's own row carries the same value).
    const groupIds = [...new Set(rows.flatMap((r) => (r.duplicateGroupId === null ? [] : [r.duplicateGroupId])))];
    const firsts = groupIds.length ? await db.ad.findMany({ where: { id: { in: groupIds } }, select: { id: true, externalId: true } }) : [];
    const groupName = new Map(firsts.map((f) => [f.id, f.externalId]));
    yield chunk
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) => {
        // In EXPORT_HEADER's order.
        const cells: Record<string, unknown> = {
          "Adzuna Id": r.externalId,
          Title: r.title,
          Company: r.company?.name,
          Location: tree.label(r.locationId) ?? r.locationRaw,
          Category: r.category,
          "Contract type": r.contractType,
          "Contract time": r.contractTime,
          "Salary min": r.salaryMin,
          "Salary max": r.salaryMax,
          "Salary period": r.salaryPeriod,
          "Annual salary": r.salaryAnnual,
          "Annual salary from": r.salarySource,
          "Location from": r.locationSource,
          // Only for an ad without a real salary (an estimate never stands in for one).
          "Salary estimate": r.salaryAnnual === null ? r.salaryEstimate : null,
          "Estimate low": r.salaryAnnual === null ? r.salaryEstimateLow : null,
          "Estimate high": r.salaryAnnual === null ? r.salaryEstimateHigh : null,
          Source: r.source,
          Status: r.status,
          "Duplicate group": r.duplicateGroupId === null ? null : groupName.get(r.duplicateGroupId),
          Tags: r.tags.map((t) => t.tag.name).join("; "),
          Imported: r.createdAt,
          Updated: r.updatedAt,
          Description: r.text?.description,
        };
        return EXPORT_HEADER.map((h) => cells[h]);
      });
  }
}

/** The rows of the export of a table view: the ids it matches, in its order, read a chunk at a time. */
export async function exportView(params: AdsTableParams, db: Db = getDb()): Promise<AsyncGenerator<unknown[][]>> {
  const [ids, tree] = await Promise.all([matchingIds(params, db), getLocationTree(db)]);
  return exportRows(ids, db, tree);
}
