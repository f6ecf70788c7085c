// GET /api/companies?q= — companies whose name starts with the text, for filter and form pickers.
import { withPermission } from "@/lib/auth/route";
import { getDb } from "@/lib/db/client";

export const GET = withPermission("ads:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 100);
  if (q.length < 2) return Response.json([]);
  const rows = await getDb().company.findMany({ where: { nameKey: { startsWith: q } }, select: { id: true, name: true }, orderBy: { nameKey: "asc" }, take: 12 });
  return Response.json(rows, { headers: { "Cache-Control": "no-store" } });
});
