// The CSV export of a table view: every matching ad, in the table's order, in chunks (a 250,000-row
// export never sits in memory), with the columns lib/ads/fields.ts lists.
import type { Db } from "@/lib/db/client";
import type { LocationTree } from "@/lib/locations/tree-cache";
import { adFieldsSelect } from "./ad";
import { EXPORT_HEADER } from "./fields";

const CHUNK = 1000;
const exportSelect = { ...adFieldsSelect, tags: { select: { tag: { select: { name: true } } } } } as const;

export { EXPORT_HEADER };

/** Rows of cells for `ids`, in their order, a chunk at a time. */
export async function* exportRows(ids: number[], db: Db, tree: LocationTree): AsyncGenerator<unknown[][]> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await db.ad.findMany({ where: { id: { in: chunk } }, select: exportSelect });
    const byId = new Map(rows.map((r) => [r.id, r]));
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
          Tags: r.tags.map((t) => t.tag.name).join("; "),
          Imported: r.createdAt,
          Updated: r.updatedAt,
          Description: r.text?.description,
        };
        return EXPORT_HEADER.map((h) => cells[h]);
      });
  }
}
