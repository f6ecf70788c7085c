"use client";
// "Also advertised as": the other ads of this ad's near-duplicate group, each a link; admins can
// say one is not a duplicate (it leaves the group, and stays out after a rebuild).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { markNotDuplicateAction } from "@/lib/ads/actions";
import type { DuplicateRow } from "@/lib/ads/duplicates";
import { dateOnly, sourceLabel } from "@/lib/format";

export function AdCopies({ adId, copies, canManage }: { adId: number; copies: DuplicateRow[]; canManage: boolean }) {
  const router = useRouter();
  return (
    <Table aria-label="Other ads of this vacancy">
      <TableHeader>
        <TableRow>
          <TableHead>Title</TableHead>
          <TableHead>Company</TableHead>
          <TableHead>Town</TableHead>
          <TableHead>Source</TableHead>
          <TableHead>Date</TableHead>
          <TableHead numeric>Similarity</TableHead>
          {canManage && (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          )}
        </TableRow>
      </TableHeader>
      <TableBody>
        {copies.map((c) => (
          <TableRow key={c.id}>
            <TableCell className="min-w-40 whitespace-normal">
              <Link href={`/ads/${c.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                {c.title}
              </Link>
              {c.first && (
                <Badge variant="secondary" className="ml-2">
                  First ad
                </Badge>
              )}
              {c.status === "CLOSED" && (
                <Badge variant="outline" className="ml-2">
                  Closed
                </Badge>
              )}
            </TableCell>
            <TableCell className="whitespace-normal">{c.company ?? "—"}</TableCell>
            <TableCell className="whitespace-normal">{c.town ?? "—"}</TableCell>
            <TableCell>{sourceLabel(c.source) ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap">{dateOnly.format(c.createdAt)}</TableCell>
            <TableCell className="text-right tabular-nums" title={c.first ? "The group's first ad" : "Text similarity to the group's first ad"}>
              {c.first ? "—" : `${Math.round(c.similarity * 100)}%`}
            </TableCell>
            {canManage && (
              <TableCell>
                <ConfirmDialog
                  trigger="Not a duplicate"
                  triggerLabel={`Not a duplicate: ${c.title} (ad ${c.id})`}
                  title="Not a duplicate?"
                  description={`“${c.title}” and this ad will be kept in different groups from now on, also when the groups are rebuilt.`}
                  confirmLabel="Not a duplicate"
                  variant="default"
                  onConfirm={async () => {
                    const r = await markNotDuplicateAction({ adId, otherId: c.id });
                    if (!r.ok) {
                      toast.error(r.error);
                      return false;
                    }
                    toast.success("Marked as a different vacancy");
                    router.refresh();
                  }}
                />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
