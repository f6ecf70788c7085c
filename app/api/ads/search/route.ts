// GET /api/ads/search?q= — open ads for pickers ("add this candidate to a role"): the table's
// full-text search, best matches first, or an Adzuna Id typed whole.
import { withPermission } from "@/lib/auth/route";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { getDb } from "@/lib/db/client";

export const GET = withPermission("ads:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  if (q.length < 2) return Response.json([]);
  if (/^\d{3,10}$/.test(q)) {
    const ad = await getDb().ad.findUnique({ where: { externalId: Number(q) }, select: { id: true, title: true, company: { select: { name: true } } } });
    return Response.json(ad ? [{ id: ad.id, title: ad.title, company: ad.company?.name ?? null }] : []);
  }
  const page = await findAdsPage(loadAdsTableParams({ q, sort: "relevance", status: "open", perPage: "10" }));
  return Response.json(
    page.rows.map((r) => ({ id: r.id, title: r.title, company: r.company?.name ?? null, location: r.location })),
    { headers: { "Cache-Control": "no-store" } },
  );
});
