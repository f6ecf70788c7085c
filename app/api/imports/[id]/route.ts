// GET /api/imports/:id — the import's status and progress, polled by the progress bar.
import { withPermission } from "@/lib/auth/route";
import { UserError } from "@/lib/errors";
import { getImport } from "@/lib/import/imports";

export const GET = withPermission<{ params: Promise<{ id: string }> }>("imports:create", async (_req, { params }) => {
  const { id } = await params;
  const imp = await getImport(id);
  if (!imp) throw new UserError("That import does not exist.", "NOT_FOUND");
  return Response.json(imp, { headers: { "Cache-Control": "no-store" } });
});
