"use client";
// The last screen of an import: what it did, its problems, the CSV report and revert.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { count, dateTime, duration } from "@/lib/format";
import { revertImportAction } from "@/lib/import/actions";
import type { ImportView } from "@/lib/import/imports";
import type { ImportProblem } from "@/lib/import/types";
import { ImportStatusBadge } from "./import-status-badge";
import { ProblemList, Stat } from "./problem-list";

type Issue = ImportProblem & { id: number };

export function ImportReport({ initial: imp, issues, issuesShown, canRevert }: { initial: ImportView; issues: Issue[]; issuesShown: number; canRevert: boolean }) {
  const router = useRouter();
  const what = imp.kind === "candidates" ? "candidates" : "ads";
  const problems = imp.errors + imp.warnings;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2">
            Report <ImportStatusBadge status={imp.status} errors={imp.errors} />
          </CardTitle>
          <CardDescription>
            {imp.createdByName ? `By ${imp.createdByName}, ` : ""}
            started {imp.startedAt ? dateTime.format(new Date(imp.startedAt)) : "—"}
            {imp.finishedAt && imp.startedAt ? `, took ${duration((new Date(imp.finishedAt).getTime() - new Date(imp.startedAt).getTime()) / 1000)}` : ""}.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {imp.message && (
            <Alert variant={imp.status === "FAILED" ? "destructive" : "default"} role={imp.status === "FAILED" ? "alert" : undefined}>
              {imp.message}
            </Alert>
          )}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4 lg:grid-cols-8" aria-label="Import counts">
            <Stat label="Created" value={count(imp.created)} />
            <Stat label="Updated" value={count(imp.updated)} />
            <Stat label="Unchanged" value={count(imp.unchanged)} />
            <Stat label="Skipped" value={count(imp.skipped)} />
            <Stat label="Errors" value={count(imp.errors)} />
            <Stat label="Warnings" value={count(imp.warnings)} />
            <Stat label={imp.kind === "candidates" ? "Repeated emails" : "Duplicate Ids"} value={count(imp.duplicates)} />
            <Stat label="Unresolved locations" value={count(imp.unresolvedLocations)} />
          </dl>
          {imp.revertSummary && (
            <Alert>
              Reverted {imp.revertedAt ? dateTime.format(new Date(imp.revertedAt)) : ""}: {count(imp.revertSummary.deleted)} {what} deleted, {count(imp.revertSummary.restored)}{" "}
              restored, {count(imp.revertSummary.keptChanged)} kept because they were changed since
              {imp.revertSummary.keptWithApplications ? `, ${count(imp.revertSummary.keptWithApplications)} kept because they have applications` : ""}.
            </Alert>
          )}
          <div className="flex flex-wrap gap-3">
            <Button asChild variant="outline" size="sm">
              <Link href={imp.kind === "candidates" ? "/candidates" : "/ads"}>View {what}</Link>
            </Button>
            {problems > 0 && (
              <Button asChild variant="outline" size="sm">
                <a href={`/api/imports/${imp.id}/report`} download>
                  Download the report (CSV)
                </a>
              </Button>
            )}
            {canRevert && imp.status !== "REVERTED" && (
              <ConfirmDialog
                trigger="Revert import"
                title="Revert this import?"
                description={
                  <>
                    The {count(imp.created)} {what} it created will be deleted and the fields it changed on {count(imp.updated)} {what} restored. Records changed since keep their
                    current values.
                  </>
                }
                confirmLabel="Revert"
                onConfirm={async () => {
                  const r = await revertImportAction({ importId: imp.id });
                  if (!r.ok) {
                    toast.error(r.error);
                    return false;
                  }
                  toast.success(`Reverted: ${count(r.data.deleted)} ${what} deleted, ${count(r.data.restored)} restored.`);
                  router.refresh();
                }}
              />
            )}
          </div>
        </CardContent>
      </Card>
      <section aria-labelledby="problems" className="grid gap-3">
        <h2 id="problems" className="text-lg font-semibold">
          Problems
        </h2>
        {problems > issues.length && (
          <p className="text-sm text-muted-foreground">
            Showing the first {count(Math.min(issuesShown, issues.length))} of {count(problems)}; the CSV report has every one that was recorded.
          </p>
        )}
        <ProblemList problems={issues} caption="Problems the import reported" empty="No problems: every row was imported." />
      </section>
    </div>
  );
}
