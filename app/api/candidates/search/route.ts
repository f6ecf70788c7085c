// GET /api/candidates/search?q= — candidates for pickers ("add a candidate to this role", merge):
// full-text over name, title and CV, or the start of an email address.
import { withPermission } from "@/lib/auth/route";
import { parseSearch } from "@/lib/search/query";
import { findCandidatesByEmailPrefix, findCandidatesPage } from "@/lib/candidates/find-candidates";
import { loadCandidatesTableParams } from "@/lib/candidates/table-params";

export const GET = withPermission("candidates:read", async (req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  if (q.length < 2) return Response.json([]);
  const byEmail = q.includes("@") ? await findCandidatesByEmailPrefix(q) : [];
  // Text with no searchable words ("%@%") finds nobody, rather than everybody.
  const found = byEmail.length || !parseSearch(q).usable ? [] : (await findCandidatesPage(loadCandidatesTableParams({ q, perPage: "10" }))).rows;
  const rows = [...byEmail, ...found].map((c) => ({ id: c.id, name: c.name, email: c.email, currentTitle: c.currentTitle }));
  return Response.json(rows, { headers: { "Cache-Control": "no-store" } });
});
