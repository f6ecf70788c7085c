"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ProgressBar } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { bytes, count, dateTime, duration } from "@/lib/format";
import { discardImportAction, previewImportAction, revertImportAction, startImportAction } from "@/lib/import/actions";
import type { ImportView } from "@/lib/import/imports";
import type { PreviewFile } from "@/lib/import/preview";
import type { ImportProblem } from "@/lib/import/types";
import { ImportStatusBadge } from "./import-status-badge";

type Issue = ImportProblem & { id: number };

export function ImportDetail(props: { initial: ImportView; issues: Issue[]; issuesShown: number; canRevert: boolean; canEdit: boolean }) {
  const { initial } = props;
  if (initial.status === "DRAFT") return <ImportPreview importId={initial.id} canEdit={props.canEdit} />;
  if (initial.status === "QUEUED" || initial.status === "RUNNING") return <ImportProgress initial={initial} />;
  return <ImportReport {...props} />;
}

function ImportPreview({ importId, canEdit }: { importId: string; canEdit: boolean }) {
  const router = useRouter();
  const [files, setFiles] = useState<PreviewFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let live = true;
    previewImportAction({ importId }).then((r) => {
      if (!live) return;
      if (r.ok) setFiles(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [importId]);

  async function start() {
    setStarting(true);
    const r = await startImportAction({ importId });
    if (!r.ok) {
      toast.error(r.error);
      setStarting(false);
      return;
    }
    router.refresh();
  }

  async function discard() {
    const r = await discardImportAction({ importId });
    if (!r.ok) return toast.error(r.error);
    toast.success("Upload discarded; nothing was imported.");
    router.push("/imports");
  }

  if (error) return <Alert variant="destructive" role="alert">{error}</Alert>;
  if (!files)
    return (
      <div className="grid gap-3" aria-busy="true" aria-label="Reading the files">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  const importable = files.some((f) => !f.refused);
  return (
    <div className="grid gap-6">
      <Alert>
        <strong>Preview.</strong> Nothing has been saved yet. Check the rows below, then start the import.
      </Alert>
      {files.map((f) => (
        <PreviewCard key={f.name} file={f} />
      ))}
      {canEdit && (
        <div className="flex gap-3">
          <Button onClick={start} disabled={!importable || starting}>
            {starting ? "Starting…" : "Start import"}
          </Button>
          <Button variant="outline" onClick={discard} disabled={starting}>
            Discard
          </Button>
        </div>
      )}
    </div>
  );
}

function PreviewCard({ file }: { file: PreviewFile }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {file.name} <span className="text-sm font-normal text-muted-foreground">{bytes(file.size)}</span>
          {file.detail && <Badge variant="secondary">{file.detail}</Badge>}
        </CardTitle>
        <CardDescription>
          {file.refused
            ? "This file will not be imported."
            : `${count(file.rowsScanned)} rows read for the preview${file.scannedAll ? " (the whole file)" : ""}; the first ${file.rows.length} as they will be stored:`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {file.refused && (
          <Alert variant="destructive" role="alert">
            {file.name} {file.refused}
          </Alert>
        )}
        {file.rows.length > 0 && (
          <div className="rounded-md border">
            <Table>
              <TableCaption className="sr-only">First rows of {file.name}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Line</TableHead>
                  <TableHead>Id</TableHead>
                  <TableHead>Title</TableHead>
                  <TableHead>Company</TableHead>
                  <TableHead>Location</TableHead>
                  <TableHead>Category</TableHead>
                  <TableHead>Contract</TableHead>
                  <TableHead>Salary</TableHead>
                  <TableHead>Will</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {file.rows.map((r) => (
                  <TableRow key={`${r.line}-${r.externalId}`}>
                    <TableCell className="tabular-nums">{r.line}</TableCell>
                    <TableCell className="tabular-nums">{r.externalId}</TableCell>
                    <TableCell className="max-w-64 truncate font-medium" title={r.title}>
                      {r.title}
                    </TableCell>
                    <TableCell>{r.company ?? "—"}</TableCell>
                    <TableCell>
                      {r.location ?? "—"}
                      {r.location && !r.locationResolved && (
                        <Badge variant="outline" className="ml-1">
                          not in the UK tree
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell>{r.category ?? "—"}</TableCell>
                    <TableCell>{r.contract ?? "—"}</TableCell>
                    <TableCell className="whitespace-nowrap">{r.salary ?? "—"}</TableCell>
                    <TableCell>{r.exists ? <Badge variant="secondary">update if changed</Badge> : <Badge variant="success">create</Badge>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <ProblemList problems={file.problems} caption={`Problems found so far in ${file.name}`} empty="No problems found so far." />
      </CardContent>
    </Card>
  );
}

function ProblemList({ problems, caption, empty }: { problems: ImportProblem[]; caption: string; empty: string }) {
  if (!problems.length) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <div className="max-h-96 overflow-y-auto rounded-md border">
      <Table>
        <TableCaption className="sr-only">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Severity</TableHead>
            <TableHead>File</TableHead>
            <TableHead>Line</TableHead>
            <TableHead>Field</TableHead>
            <TableHead>Problem</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {problems.map((p, i) => (
            <TableRow key={i}>
              <TableCell>{p.severity === "error" ? <Badge variant="destructive">Error</Badge> : <Badge variant="outline">Warning</Badge>}</TableCell>
              <TableCell className="max-w-64 truncate" title={p.file}>
                {p.file}
              </TableCell>
              <TableCell className="tabular-nums">{p.line ?? "—"}</TableCell>
              <TableCell>{p.field ?? "—"}</TableCell>
              <TableCell>{p.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ImportProgress({ initial }: { initial: ImportView }) {
  const router = useRouter();
  const [imp, setImp] = useState(initial);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const tick = async () => {
      try {
        const res = await fetch(`/api/imports/${initial.id}`, { cache: "no-store" });
        if (res.ok && live) {
          const next = (await res.json()) as ImportView;
          setImp(next);
          setNow(Date.now());
          if (next.status !== "QUEUED" && next.status !== "RUNNING") {
            router.refresh();
            return;
          }
        }
      } catch {
        // a dropped poll is retried on the next tick
      }
      if (live) timer = setTimeout(tick, 1000);
    };
    let timer = setTimeout(tick, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [initial.id, router]);

  const started = imp.startedAt ? new Date(imp.startedAt).getTime() : null;
  const elapsed = started ? Math.max(0.001, (now - started) / 1000) : 0;
  const frac = imp.bytesTotal ? imp.bytesDone / imp.bytesTotal : 0;
  const rate = elapsed ? imp.rowsDone / elapsed : 0;
  const left = frac > 0 && elapsed ? (elapsed / frac) * (1 - frac) : NaN;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ImportStatusBadge status={imp.status} /> {imp.status === "QUEUED" ? "Waiting to start…" : "Importing…"}
        </CardTitle>
        <CardDescription>You can leave this page; the import carries on and this page picks it up again.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ProgressBar label="Import progress" value={imp.bytesDone} max={imp.bytesTotal || 1} valueText={`${Math.round(frac * 100)}%, ${count(imp.rowsDone)} rows`} />
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-live="polite">
          <Stat label="Rows done" value={count(imp.rowsDone)} />
          <Stat label="Read" value={`${bytes(imp.bytesDone)} of ${bytes(imp.bytesTotal)}`} />
          <Stat label="Rate" value={rate ? `${count(Math.round(rate))} rows/s` : "–"} />
          <Stat label="Time left" value={Number.isFinite(left) ? duration(left) : "–"} />
        </dl>
      </CardContent>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function ImportReport({ initial: imp, issues, issuesShown, canRevert }: { initial: ImportView; issues: Issue[]; issuesShown: number; canRevert: boolean }) {
  const router = useRouter();
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
            <Stat label="Duplicate Ids" value={count(imp.duplicates)} />
            <Stat label="Unresolved locations" value={count(imp.unresolvedLocations)} />
          </dl>
          {imp.revertSummary && (
            <Alert>
              Reverted {imp.revertedAt ? dateTime.format(new Date(imp.revertedAt)) : ""}: {count(imp.revertSummary.deleted)} ads deleted,{" "}
              {count(imp.revertSummary.restored)} restored, {count(imp.revertSummary.keptChanged)} kept because they were changed since
              {imp.revertSummary.keptWithApplications ? `, ${count(imp.revertSummary.keptWithApplications)} kept because they have applications` : ""}.
            </Alert>
          )}
          <div className="flex flex-wrap gap-3">
            <Button asChild variant="outline" size="sm">
              <Link href="/ads">View ads</Link>
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
                    The {count(imp.created)} ads it created will be deleted and the fields it changed on {count(imp.updated)} ads restored. Ads changed
                    since keep their current values.
                  </>
                }
                confirmLabel="Revert"
                onConfirm={async () => {
                  const r = await revertImportAction({ importId: imp.id });
                  if (!r.ok) {
                    toast.error(r.error);
                    return false;
                  }
                  toast.success(`Reverted: ${count(r.data.deleted)} ads deleted, ${count(r.data.restored)} restored.`);
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
