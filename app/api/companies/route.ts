// GET /api/companies?q= — companies whose name starts with the text, for filter and form pickers.
import { withPermission } from "@/lib/auth/route";
import { findCompaniesByPrefix } from "@/lib/ads/companies";

export const GET = withPermission("ads:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  if (q.length < 2) return Response.json([]);
  const rows = await findCompaniesByPrefix(q);
  return Response.json(
    rows.map((r) => ({ id: Number(r.id), name: r.name })),
    { headers: { "Cache-Control": "no-store" } },
  );
});
