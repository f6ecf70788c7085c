"use client";
// The first screen of an import: what the uploaded files will do (read on the server), then start or discard.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { bytes, count } from "@/lib/format";
import { discardImportAction, startImportAction } from "@/lib/import/actions";
import type { CandidatePreviewRow, PreviewFile } from "@/lib/import/preview";
import { ProblemList } from "./problem-list";

export function ImportPreview({ importId, preview, canEdit }: { importId: string; preview: { files: PreviewFile[] } | { error: string }; canEdit: boolean }) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);

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

  if ("error" in preview)
    return (
      <Alert variant="destructive" role="alert">
        {preview.error}
      </Alert>
    );
  const { files } = preview;
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
            : `${count(file.rowsScanned)} rows read for the preview${file.scannedAll ? " (the whole file)" : ""}; the first ${file.candidates?.length ?? file.rows.length} as they will be stored:`}
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
                    <PlaceCell location={r.location} resolved={r.locationResolved} />
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
        {file.candidates && file.candidates.length > 0 && <CandidateRows file={file} rows={file.candidates} />}
        <ProblemList problems={file.problems} caption={`Problems found so far in ${file.name}`} empty="No problems found so far." />
      </CardContent>
    </Card>
  );
}

function CandidateRows({ file, rows }: { file: PreviewFile; rows: CandidatePreviewRow[] }) {
  return (
    <div className="rounded-md border">
      <Table>
        <TableCaption className="sr-only">First candidates in {file.name}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Line</TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Current title</TableHead>
            <TableHead>Location</TableHead>
            <TableHead numeric>Desired salary</TableHead>
            <TableHead>Will</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.line}>
              <TableCell className="tabular-nums">{r.line}</TableCell>
              <TableCell className="font-medium">{r.name}</TableCell>
              <TableCell>{r.email ?? "—"}</TableCell>
              <TableCell>{r.currentTitle ?? "—"}</TableCell>
              <PlaceCell location={r.location} resolved={r.locationResolved} />
              <TableCell numeric>{r.desiredSalary ? `£${count(r.desiredSalary)}` : "—"}</TableCell>
              <TableCell>{r.exists ? <Badge variant="secondary">merge into existing</Badge> : <Badge variant="success">create</Badge>}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** A row's place as the file wrote it, flagged when it is not on the UK tree (ads and candidates alike). */
function PlaceCell({ location, resolved }: { location: string | null | undefined; resolved: boolean }) {
  return (
    <TableCell>
      {location ?? "—"}
      {location && !resolved && (
        <Badge variant="outline" className="ml-1">
          not in the UK tree
        </Badge>
      )}
    </TableCell>
  );
}
