// Applications waiting in an open stage for longer than the threshold, oldest first.
import Link from "next/link";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { count, dateOnly } from "@/lib/format";

export type StuckRow = {
  id: number;
  candidate: { id: number; name: string | null };
  ad: { id: number; title: string };
  stage: { name: string };
  stageEnteredAt: string;
  daysInStage: number;
};

const link = "text-primary underline-offset-4 hover:underline";

export function StuckList({ rows, total, days }: { rows: StuckRow[]; total: number; days: number }) {
  if (!rows.length) {
    return (
      <p className="text-sm text-muted-foreground">
        No application has been in the same open stage for more than {count(days)} {days === 1 ? "day" : "days"}.
      </p>
    );
  }
  return (
    <div className="rounded-lg border">
      <Table>
        <TableCaption className="px-3 pb-3 text-left">
          {total > rows.length
            ? `The ${count(rows.length)} longest-waiting of ${count(total)} applications in the same open stage for more than ${count(days)} days.`
            : `${count(total)} ${total === 1 ? "application" : "applications"} in the same open stage for more than ${count(days)} ${days === 1 ? "day" : "days"}, longest waiting first.`}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Candidate</TableHead>
            <TableHead scope="col">Role</TableHead>
            <TableHead scope="col">Stage</TableHead>
            <TableHead scope="col" numeric>
              Days in stage
            </TableHead>
            <TableHead scope="col">
              <span className="sr-only">Application</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => {
            const who = r.candidate.name ?? "Erased candidate";
            return (
              <TableRow key={r.id}>
                <TableCell>
                  {r.candidate.name === null ? (
                    <span className="italic text-muted-foreground">Erased candidate</span>
                  ) : (
                    <Link prefetch={false} className={link} href={`/candidates/${r.candidate.id}`}>
                      {r.candidate.name}
                    </Link>
                  )}
                </TableCell>
                <TableCell className="max-w-80 truncate" title={r.ad.title}>
                  <Link prefetch={false} className={link} href={`/ads/${r.ad.id}`}>
                    {r.ad.title}
                  </Link>
                </TableCell>
                <TableCell>{r.stage.name}</TableCell>
                <TableCell className="text-right tabular-nums" title={`Since ${dateOnly.format(new Date(r.stageEnteredAt))}`}>
                  {count(r.daysInStage)}
                </TableCell>
                <TableCell numeric>
                  <Link prefetch={false} className={link} href={`/applications/${r.id}`} aria-label={`Open the application of ${who} for ${r.ad.title}`}>
                    Open
                  </Link>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
