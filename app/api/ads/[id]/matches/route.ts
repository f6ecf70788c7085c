// GET /api/ads/:id/matches?limit=N&offset=&minScore=&region= — the ad's best candidates as JSON
// (ids, scores, the score's breakdown, matched and missing key terms, already applied), for
// integrations and tests. Signed in, with candidates:read (as the ad page's section).
import { withPermission } from "@/lib/auth/route";
import { matchesForAd } from "@/lib/matching/matches";
import { parseMatchQuery } from "@/lib/matching/params";
import { parsePathId } from "@/lib/path-id";

export const GET = withPermission<{ params: Promise<{ id: string }> }>("candidates:read", async (req, { params }) => {
  const id = parsePathId((await params).id);
  if (id === null) return Response.json({ error: "No such ad." }, { status: 404 });
  const q = parseMatchQuery(new URL(req.url).searchParams);
  if (!q.ok) return Response.json({ error: q.error }, { status: 400 });
  const page = await matchesForAd(id, { limit: q.query.limit, offset: q.query.offset, minScore: q.query.minScore, regionId: q.query.region ?? null });
  if (!page) return Response.json({ error: "No such ad." }, { status: 404 });
  return Response.json({ adId: id, ...page }, { headers: { "Cache-Control": "no-store" } });
});
