import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportPreview } from "@/components/imports/import-preview";
import { ImportProgress } from "@/components/imports/import-progress";
import { ImportReport } from "@/components/imports/import-report";
import { can, canChangeImport } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getImport, listIssues, previewDraft } from "@/lib/import/imports";

export const metadata: Metadata = { title: "Import" };
const ISSUES_SHOWN = 200;

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("imports:create");
  const { id } = await params;
  const imp = await getImport(id);
  if (!imp) notFound();
  const canEdit = canChangeImport(user, imp);
  // Draft → preview (read here, on the server); queued or running → progress; ended → report.
  let screen: React.ReactNode;
  if (imp.status === "DRAFT") screen = <ImportPreview importId={imp.id} preview={await previewDraft(imp.id, user)} canEdit={canEdit} />;
  else if (imp.status === "QUEUED" || imp.status === "RUNNING") screen = <ImportProgress initial={imp} />;
  else screen = <ImportReport initial={imp} issues={await listIssues(id, { take: ISSUES_SHOWN })} issuesShown={ISSUES_SHOWN} canRevert={can(user.role, "imports:revert")} />;
  return (
    <div className="grid gap-6">
      <div>
        <Link href="/imports" className="text-sm text-primary underline-offset-4 hover:underline">
          ← All imports
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Import of {imp.files.map((f) => f.name).join(", ") || "new files"}</h1>
      </div>
      {screen}
    </div>
  );
}
