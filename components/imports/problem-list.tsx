// The problems an import found (preview or report), with file, line and field; and the figures both screens show.
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportProblem } from "@/lib/import/types";

export function ProblemList({ problems, caption, empty }: { problems: ImportProblem[]; caption: string; empty: string }) {
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

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
