// GET /api/candidates/:id/export — everything held about a candidate as a JSON download (admins;
// recorded in the audit log).
import { withPermission } from "@/lib/auth/route";
import { exportCandidate } from "@/lib/candidates/service";
import { parsePathId } from "@/lib/path-id";

export const GET = withPermission<{ params: Promise<{ id: string }> }>("candidates:export", async (_req, { params, user }) => {
  const id = parsePathId((await params).id);
  if (id === null) return Response.json({ error: "No such candidate." }, { status: 404 });
  const data = await exportCandidate(id, user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="candidate-${id}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
