// GET /api/candidates/:id/matches?limit=N&offset=&minScore=&region= — the open roles that best fit
// the candidate, one per near-duplicate group, as JSON (ids, scores, breakdown, terms, already
// applied). Signed in, with candidates:read (as the candidate page's section).
import { withPermission } from "@/lib/auth/route";
import { matchesForCandidate } from "@/lib/matching/matches";
import { parseMatchQuery } from "@/lib/matching/params";
import { parsePathId } from "@/lib/path-id";

export const GET = withPermission<{ params: Promise<{ id: string }> }>("candidates:read", async (req, { params }) => {
  const id = parsePathId((await params).id);
  if (id === null) return Response.json({ error: "No such candidate." }, { status: 404 });
  const q = parseMatchQuery(new URL(req.url).searchParams);
  if (!q.ok) return Response.json({ error: q.error }, { status: 400 });
  const page = await matchesForCandidate(id, { limit: q.query.limit, offset: q.query.offset, minScore: q.query.minScore, regionId: q.query.region ?? null });
  if (!page) return Response.json({ error: "No such candidate." }, { status: 404 });
  return Response.json({ candidateId: id, ...page }, { headers: { "Cache-Control": "no-store" } });
});
