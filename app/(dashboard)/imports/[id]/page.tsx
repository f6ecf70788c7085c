import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportDetail } from "@/components/imports/import-detail";
import { can, canChangeImport } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getImport, listIssues } from "@/lib/import/imports";

export const metadata: Metadata = { title: "Import" };
const ISSUES_SHOWN = 200;

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("imports:create");
  const { id } = await params;
  const imp = await getImport(id);
  if (!imp) notFound();
  const issues = imp.status === "DRAFT" ? [] : await listIssues(id, { take: ISSUES_SHOWN });
  return (
    <div className="grid gap-6">
      <div>
        <Link href="/imports" className="text-sm text-primary underline-offset-4 hover:underline">
          ← All imports
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Import of {imp.files.map((f) => f.name).join(", ") || "new files"}</h1>
      </div>
      <ImportDetail
        initial={imp}
        issues={issues}
        issuesShown={ISSUES_SHOWN}
        canRevert={can(user.role, "imports:revert")}
        canEdit={canChangeImport(user, imp)}
      />
    </div>
  );
}
