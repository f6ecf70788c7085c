import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { HistoryEntry, HistoryPage } from "@/lib/ads/ad";
import { FIELD_LABELS } from "@/lib/ads/fields";
import { dateTime } from "@/lib/format";

const SOURCE_LABELS: Record<HistoryEntry["source"], string> = { IMPORT: "Import", EDIT: "Edit", BULK: "Bulk action", REVERT: "Revert" };

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = String(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

/**
 * A page of an ad's changes, newest first. The ad's creation closes the list only on the page that
 * reaches it; otherwise `more` links to the rest (the ad page shows the newest few).
 */
export function AdHistory({ history, created, more }: { history: HistoryPage; created: { at: Date; importId: string | null; by: string | null }; more?: string }) {
  const { entries, total, page, pages } = history;
  return (
    <div className="grid gap-3">
      <ol className="grid gap-4" aria-label="Changes, newest first">
        {entries.map((e) => (
          <li key={e.id} className="grid gap-1 border-l-2 pl-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge variant="outline">{SOURCE_LABELS[e.source]}</Badge>
              <span className="font-medium">{e.who}</span>
              <When at={e.at} />
              {e.importId && <ImportLink id={e.importId}>the import</ImportLink>}
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
        {page === pages && (
          <li className="grid gap-1 border-l-2 pl-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant="outline">Created</Badge>
              <When at={created.at} />
              {created.importId ? (
                <span>
                  by <ImportLink id={created.importId}>an import</ImportLink>
                  {created.by === "command line" ? " from the command line" : created.by ? ` run by ${created.by}` : ""}
                </span>
              ) : (
                created.by && <span>by {created.by}</span>
              )}
            </div>
          </li>
        )}
      </ol>
      {more && pages > 1 && (
        <Link href={more} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          All {total.toLocaleString("en-GB")} changes
        </Link>
      )}
    </div>
  );
}

function When({ at }: { at: Date }) {
  return (
    <time className="text-muted-foreground" dateTime={at.toISOString()}>
      {dateTime.format(at)}
    </time>
  );
}

function ImportLink({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <Link href={`/imports/${id}`} className="text-primary underline underline-offset-4">
      {children}
    </Link>
  );
}
