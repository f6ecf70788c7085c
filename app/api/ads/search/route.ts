// GET /api/ads/search?q= — open ads for pickers ("add this candidate to a role"): the table's
// full-text search, best matches first, or an Adzuna Id typed whole.
import { withPermission } from "@/lib/auth/route";
import { findAdByExternalId } from "@/lib/ads/ad";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";

export const GET = withPermission("ads:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  if (q.length < 2) return Response.json([]);
  if (/^\d{3,10}$/.test(q)) {
    const ad = await findAdByExternalId(Number(q));
    return Response.json(ad ? [ad] : []);
  }
  const page = await findAdsPage(loadAdsTableParams({ q, sort: "relevance", status: "open", perPage: "10" }));
  return Response.json(
    page.rows.map((r) => ({ id: r.id, title: r.title, company: r.company?.name ?? null, location: r.location })),
    { headers: { "Cache-Control": "no-store" } },
  );
});
