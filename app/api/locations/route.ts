// GET /api/locations?q= — places in the UK tree by name, for the region filter and the edit form.
import { withPermission } from "@/lib/auth/route";
import { getLocationTree } from "@/lib/locations/tree-cache";

export const GET = withPermission("ads:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").slice(0, 100);
  const tree = await getLocationTree();
  const places = tree.search(q).map((n) => ({ id: n.id, name: n.name, label: tree.label(n.id) ?? n.name, depth: n.depth }));
  return Response.json(places, { headers: { "Cache-Control": "private, max-age=300" } });
});
