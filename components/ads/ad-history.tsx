import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { HistoryEntry } from "@/lib/ads/ad";
import { dateTime } from "@/lib/format";

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  companyName: "Company",
  locationId: "Location",
  locationRaw: "Location as written",
  locationNormalized: "Location (Adzuna)",
  category: "Category",
  contractType: "Contract type",
  contractTime: "Contract time",
  salaryRaw: "Salary as written",
  salaryMin: "Salary min",
  salaryMax: "Salary max",
  salaryPeriod: "Salary period",
  salaryAnnual: "Annual salary",
  source: "Source",
  status: "Status",
  tags: "Tag",
};
const SOURCE_LABELS: Record<HistoryEntry["source"], string> = { IMPORT: "Import", EDIT: "Edit", BULK: "Bulk action", REVERT: "Revert" };

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = String(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

export function AdHistory({ entries, created }: { entries: HistoryEntry[]; created: { at: Date; importId: string | null; by: string | null } }) {
  return (
    <ol className="grid gap-4" aria-label="Changes, newest first">
      {entries.map((e) => (
        <li key={e.id} className="grid gap-1 border-l-2 pl-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge variant="outline">{SOURCE_LABELS[e.source]}</Badge>
            <span className="font-medium">{e.who}</span>
            <time className="text-muted-foreground" dateTime={e.at.toISOString()}>
              {dateTime.format(e.at)}
            </time>
            {e.importId && (
              <Link href={`/imports/${e.importId}`} className="text-primary underline-offset-4 hover:underline">
                the import
              </Link>
            )}
          </div>
          <ul className="grid gap-0.5 text-sm">
            {e.changes.map((c) => (
              <li key={c.field}>
                <span className="text-muted-foreground">{FIELD_LABELS[c.field] ?? c.field}:</span> <del className="text-muted-foreground">{show(c.before)}</del> →{" "}
                <ins className="no-underline">{show(c.after)}</ins>
              </li>
            ))}
          </ul>
        </li>
      ))}
      <li className="grid gap-1 border-l-2 pl-3 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="outline">Created</Badge>
          {created.by && <span className="font-medium">{created.by}</span>}
          <time className="text-muted-foreground" dateTime={created.at.toISOString()}>
            {dateTime.format(created.at)}
          </time>
          {created.importId && (
            <Link href={`/imports/${created.importId}`} className="text-primary underline-offset-4 hover:underline">
              by an import
            </Link>
          )}
        </div>
      </li>
    </ol>
  );
}
