import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdListRow } from "@/lib/ads/list-ads";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export function AdsList({ rows, total, page, perPage }: { rows: AdListRow[]; total: number; page: number; perPage: number }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total === 0) return <p className="text-muted-foreground">No ads yet. Import some from the Imports page.</p>;
  return (
    <div className="grid gap-3">
      <div className="rounded-lg border">
        <Table>
          <TableCaption className="sr-only">Job ads, most recently updated first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Title</TableHead>
              <TableHead>Company</TableHead>
              <TableHead>Location</TableHead>
              <TableHead>Category</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((ad) => (
              <TableRow key={ad.id}>
                <TableCell className="max-w-md truncate font-medium">{ad.title}</TableCell>
                <TableCell>{ad.company?.name ?? "—"}</TableCell>
                <TableCell>{ad.location?.name ?? ad.locationRaw ?? "—"}</TableCell>
                <TableCell>{ad.category ?? "—"}</TableCell>
                <TableCell>
                  <Badge variant={ad.status === "OPEN" ? "success" : "secondary"}>{ad.status === "OPEN" ? "Open" : "Closed"}</Badge>
                </TableCell>
                <TableCell>{dateFormat.format(ad.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        <span>
          Page {page} of {pages} · {total.toLocaleString("en-GB")} ads
        </span>
        <div className="flex gap-2">
          {page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/ads?page=${page - 1}`}>Previous</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              Previous
            </Button>
          )}
          {page < pages ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/ads?page=${page + 1}`}>Next</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              Next
            </Button>
          )}
        </div>
      </nav>
    </div>
  );
}
