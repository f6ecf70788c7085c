// The matching section of a record page: filters, the list, and "Show more" (a longer page).
import Link from "next/link";
import { SectionCard } from "@/components/ui/section-card";
import { MatchFilters, MatchList, type MatchRow } from "./match-list";

export function MatchSection(props: {
  title: string;
  side: "candidates" | "ads";
  ownId: number;
  basePath: string;
  data: { rows: MatchRow[]; total: number; limit: number; minScore: number; region: number | null; regions: { id: number; name: string }[] };
  canPutForward: boolean;
}) {
  const { data } = props;
  const more = new URLSearchParams();
  if (data.region) more.set("mregion", String(data.region));
  if (data.minScore) more.set("mmin", String(data.minScore));
  more.set("mlimit", String(Math.min(100, data.limit + 20)));
  return (
    <SectionCard title={props.title} id={props.side === "candidates" ? "best-candidates" : "matching-roles"} className="scroll-mt-4" contentClassName="grid gap-4">
      <MatchFilters prefix="m" regions={data.regions} region={data.region} minScore={data.minScore} hidden={{}} label={`Filter ${props.title.toLowerCase()}`} />
      {data.total > 0 && (
        <p className="text-sm text-muted-foreground">
          {`Showing ${Math.min(data.rows.length, data.total)} of ${data.total} ${props.side === "candidates" ? "candidates found through their CVs" : "open roles (one per group of copies)"}, best first.`}
        </p>
      )}
      <MatchList rows={data.rows} side={props.side} ownId={props.ownId} canPutForward={props.canPutForward} label={props.title} />
      {data.total > data.rows.length && data.limit < 100 && (
        <Link
          className="text-sm font-medium text-primary underline-offset-4 hover:underline"
          href={`${props.basePath}?${more}#${props.side === "candidates" ? "best-candidates" : "matching-roles"}`}
        >
          Show more
        </Link>
      )}
    </SectionCard>
  );
}
