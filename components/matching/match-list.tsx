"use client";
// "Best candidates" (ad page) and "Matching roles" (candidate page): each match with its score, the
// score's real breakdown as reasons, matched and missing key terms, and one-click "Put forward"
// (or where an existing application stands). Filters (region, minimum score) are a GET form: the URL
// holds them, as the tables' state.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { createApplicationAction } from "@/lib/pipeline/actions";

export type MatchRow = {
  /** The other side: a candidate (on an ad page) or an ad (on a candidate page). */
  id: number;
  href: string;
  name: string;
  detail: string | null;
  score: number;
  breakdown: { factor: string; weight: number; value: number; points: number; reason: string }[];
  matchedTerms: string[];
  missingTerms: string[];
  applied: { applicationId: number; stage: string } | null;
};

const FACTOR_LABELS: Record<string, string> = { relevance: "CV relevance", title: "Title", location: "Location", salary: "Salary", recency: "Recency" };

export function MatchFilters(props: {
  prefix: string;
  regions: { id: number; name: string }[];
  region: number | null;
  minScore: number;
  hidden: Record<string, string>;
  label: string;
}) {
  const { prefix } = props;
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label={props.label}>
      {Object.entries(props.hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="grid gap-1 text-sm">
        <span>Region</span>
        <select name={`${prefix}region`} defaultValue={props.region ?? ""} className="h-9 rounded-md border bg-background px-2 text-sm">
          <option value="">Any region</option>
          {props.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1 text-sm">
        <span>Minimum score</span>
        <input
          name={`${prefix}min`}
          type="number"
          min={0}
          max={100}
          step={1}
          defaultValue={props.minScore || ""}
          className="h-9 w-24 rounded-md border bg-background px-2 text-sm"
        />
      </label>
      <Button type="submit" variant="outline" size="sm">
        Apply
      </Button>
    </form>
  );
}

export function MatchList({ rows, side, ownId, canPutForward, label }: { rows: MatchRow[]; side: "candidates" | "ads"; ownId: number; canPutForward: boolean; label: string }) {
  if (!rows.length)
    return (
      <p className="text-sm text-muted-foreground">
        {side === "candidates"
          ? "No candidates match yet: import candidates, or lower the minimum score or clear the region."
          : "No open roles match yet: lower the minimum score or clear the region."}
      </p>
    );
  return (
    <ol className="grid gap-3" aria-label={label}>
      {rows.map((r, i) => (
        <MatchItem key={r.id} row={r} rank={i + 1} side={side} ownId={ownId} canPutForward={canPutForward} />
      ))}
    </ol>
  );
}

function MatchItem({ row, rank, side, ownId, canPutForward }: { row: MatchRow; rank: number; side: "candidates" | "ads"; ownId: number; canPutForward: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const headingId = `match-${side}-${row.id}`;
  async function putForward() {
    setBusy(true);
    const r = await createApplicationAction(side === "candidates" ? { candidateId: row.id, adId: ownId } : { candidateId: ownId, adId: row.id });
    setBusy(false);
    if (!r.ok) return toast.error(r.error);
    toast.success(`${row.name} put forward`);
    router.refresh();
  }
  return (
    <li className="grid gap-2 rounded-md border p-3 text-sm" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-6 tabular-nums text-muted-foreground">{rank}.</span>
        <Link id={headingId} href={row.href} className="font-medium text-primary underline-offset-4 hover:underline">
          {row.name}
        </Link>
        {row.detail && <span className="text-muted-foreground">{row.detail}</span>}
        <Badge variant="secondary" className="ml-auto tabular-nums" aria-label={`Score ${row.score} out of 100`}>
          {Math.round(row.score)}
        </Badge>
        {row.applied ? (
          <Link href={`/applications/${row.applied.applicationId}`} className="text-primary underline-offset-4 hover:underline">
            <Badge variant="outline">Applied · {row.applied.stage}</Badge>
          </Link>
        ) : (
          canPutForward && (
            <Button size="sm" onClick={putForward} disabled={busy} aria-label={`Put forward ${side === "candidates" ? row.name : `for ${row.name}`}`}>
              {busy ? "Putting forward…" : "Put forward"}
            </Button>
          )
        )}
      </div>
      <p className="text-muted-foreground [overflow-wrap:anywhere]">
        {row.breakdown
          .filter((b) => b.factor === "relevance" || b.factor === "location")
          .map((b) => b.reason)
          .join(" · ")}
      </p>
      <details>
        <summary className="cursor-pointer text-muted-foreground">Why {Math.round(row.score)}?</summary>
        <ul className="mt-2 grid gap-1" aria-label={`Reasons for ${row.name}`}>
          {row.breakdown.map((b) => (
            <li key={b.factor} className="grid grid-cols-[8rem_4rem_minmax(0,1fr)] gap-2">
              <span>{FACTOR_LABELS[b.factor] ?? b.factor}</span>
              <span className="tabular-nums">
                {b.points.toFixed(1)} / {Math.round(b.weight * 100)}
              </span>
              <span className="text-muted-foreground [overflow-wrap:anywhere]">{b.reason}</span>
            </li>
          ))}
        </ul>
        {(row.matchedTerms.length > 0 || row.missingTerms.length > 0) && (
          <p className="mt-2 [overflow-wrap:anywhere]">
            {row.matchedTerms.length > 0 && (
              <>
                <span className="font-medium">Has:</span> {row.matchedTerms.join(", ")}.{" "}
              </>
            )}
            {row.missingTerms.length > 0 && (
              <>
                <span className="font-medium">Lacks:</span> {row.missingTerms.join(", ")}.
              </>
            )}
          </p>
        )}
      </details>
    </li>
  );
}
