import Link from "next/link";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { count, dateTime } from "@/lib/format";
import type { ImportView } from "@/lib/import/imports";
import { ImportStatusBadge } from "./import-status-badge";

export function ImportHistory({ imports }: { imports: ImportView[] }) {
  if (!imports.length) return <p className="text-sm text-muted-foreground">No imports yet.</p>;
  return (
    <div className="rounded-lg border">
      <Table>
        <TableCaption className="sr-only">Import history, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Who</TableHead>
            <TableHead>Files</TableHead>
            <TableHead>Status</TableHead>
            <TableHead numeric>Created</TableHead>
            <TableHead numeric>Updated</TableHead>
            <TableHead numeric>Unchanged</TableHead>
            <TableHead numeric>Skipped</TableHead>
            <TableHead>
              <span className="sr-only">Details</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {imports.map((i) => (
            <TableRow key={i.id}>
              <TableCell className="whitespace-nowrap">{dateTime.format(i.createdAt)}</TableCell>
              <TableCell>{i.createdByName ?? "—"}</TableCell>
              <TableCell className="max-w-72 truncate" title={i.files.map((f) => f.name).join(", ")}>
                {i.kind === "candidates" && <span className="text-muted-foreground">Candidates: </span>}
                {i.files.length === 1 ? i.files[0].name : `${i.files[0]?.name ?? ""} + ${i.files.length - 1} more`}
              </TableCell>
              <TableCell>
                <ImportStatusBadge status={i.status} errors={i.errors} />
              </TableCell>
              <TableCell numeric>{count(i.created)}</TableCell>
              <TableCell numeric>{count(i.updated)}</TableCell>
              <TableCell numeric>{count(i.unchanged)}</TableCell>
              <TableCell numeric>{count(i.skipped)}</TableCell>
              <TableCell>
                <Link
                  prefetch={false}
                  className="text-primary underline-offset-4 hover:underline"
                  href={`/imports/${i.id}`}
                  aria-label={`Details of the import of ${dateTime.format(i.createdAt)}`}
                >
                  Details
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
