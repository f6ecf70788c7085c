// GET /api/ads/export?<the table's query> — every ad the view matches, in its order, as a
// formula-safe CSV streamed in chunks (a 250,000-row export never sits in memory).
import { withPermission } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";
import { matchingIds } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { getLocationTree } from "@/lib/locations/tree-cache";

const HEADER = ["Adzuna Id", "Title", "Company", "Location", "Category", "Contract type", "Contract time", "Salary min", "Salary max", "Salary period", "Annual salary", "Source", "Status", "Tags", "Imported", "Updated", "Description"];
const CHUNK = 1000;

export const GET = withPermission("ads:export", async (req) => {
  const params = loadAdsTableParams(new URL(req.url).searchParams);
  const db = getDb();
  const [ids, tree] = await Promise.all([matchingIds(params, db), getLocationTree(db)]);
  async function* pages() {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await db.ad.findMany({
        where: { id: { in: chunk } },
        select: {
          id: true,
          externalId: true,
          title: true,
          company: { select: { name: true } },
          locationId: true,
          locationRaw: true,
          category: true,
          contractType: true,
          contractTime: true,
          salaryMin: true,
          salaryMax: true,
          salaryPeriod: true,
          salaryAnnual: true,
          source: true,
          status: true,
          createdAt: true,
          updatedAt: true,
          text: { select: { description: true } },
          tags: { select: { tag: { select: { name: true } } } },
        },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      yield chunk
        .map((id) => byId.get(id))
        .filter((r) => r !== undefined)
        .map((r) => [
          r.externalId,
          r.title,
          r.company?.name,
          tree.label(r.locationId) ?? r.locationRaw,
          r.category,
          r.contractType,
          r.contractTime,
          r.salaryMin,
          r.salaryMax,
          r.salaryPeriod,
          r.salaryAnnual,
          r.source,
          r.status,
          r.tags.map((t) => t.tag.name).join("; "),
          r.createdAt,
          r.updatedAt,
          r.text?.description,
        ]);
    }
  }
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return csvResponse(`ads-${stamp}.csv`, HEADER, pages());
});
