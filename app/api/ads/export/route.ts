// GET /api/ads/export?<the table's query> — every ad the view matches, in its order, as a
// formula-safe CSV streamed in chunks (lib/ads/export.ts).
import { withPermission } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";
import { EXPORT_HEADER, exportRows } from "@/lib/ads/export";
import { matchingIds } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { getLocationTree } from "@/lib/locations/tree-cache";

export const GET = withPermission("ads:export", async (req) => {
  const params = loadAdsTableParams(new URL(req.url).searchParams);
  const db = getDb();
  const [ids, tree] = await Promise.all([matchingIds(params, db), getLocationTree(db)]);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return csvResponse(`ads-${stamp}.csv`, EXPORT_HEADER, exportRows(ids, db, tree));
});
