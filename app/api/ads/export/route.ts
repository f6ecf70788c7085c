// GET /api/ads/export?<the table's query> — every ad the view matches, in its order, as a
// formula-safe CSV streamed in chunks (lib/ads/export.ts).
import { withPermission } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv/write";
import { EXPORT_HEADER, exportView } from "@/lib/ads/export";
import { loadAdsTableParams } from "@/lib/ads/table-params";

export const GET = withPermission("ads:export", async (req) => {
  const rows = await exportView(loadAdsTableParams(new URL(req.url).searchParams));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return csvResponse(`ads-${stamp}.csv`, EXPORT_HEADER, rows);
});
