// GET /api/imports/:id/report — every problem the import reported, as a formula-safe CSV.
import { withPermission } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv/write";
import { UserError } from "@/lib/errors";
import { getImport, issuePages } from "@/lib/import/imports";

export const GET = withPermission<{ params: Promise<{ id: string }> }>("imports:create", async (_req, { params }) => {
  const { id } = await params;
  const imp = await getImport(id);
  if (!imp) throw new UserError("That import does not exist.", "NOT_FOUND");
  return csvResponse(`import-${id}-report.csv`, ["file", "line", "field", "severity", "message"], issuePages(id));
});
