import Link from "next/link";
import { SectionCard } from "@/components/ui/section-card";
import { dateTime } from "@/lib/format";
import type { AdEstimateExplanation, ExplainedPart } from "@/lib/salary-estimates/explain";
import { estimateLabel, longPounds } from "@/lib/salary-estimates/format";

const percent = (effect: number) => `${effect >= 0 ? "+" : "−"}${Math.abs(effect * 100) < 1 ? Math.abs(effect * 100).toFixed(1) : Math.round(Math.abs(effect * 100))}%`;

function Parts({ title, parts, id }: { title: string; parts: ExplainedPart[]; id: string }) {
  return (
    <div className="grid gap-1">
      <h3 id={id} className="text-sm font-semibold">
        {title}
      </h3>
      {parts.length ? (
        <ul aria-labelledby={id} className="grid gap-0.5 text-sm">
          {parts.map((p, i) => (
            <li key={i} className="grid grid-cols-[1fr_auto] gap-2">
              <span className="min-w-0 break-words">
                “{p.text}” <span className="text-xs text-muted-foreground">({p.field})</span>
              </span>
              <span className="tabular-nums">{percent(p.effect)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">None.</p>
      )}
    </div>
  );
}

/** The ad page's estimate: marked as an estimate, its range and what moved it up and down. */
export function EstimateCard({ explanation: x }: { explanation: AdEstimateExplanation }) {
  return (
    <SectionCard title="Salary estimate" contentClassName="grid gap-3">
      <p className="text-sm">
        <span className="sr-only">{estimateLabel(x, x.coverage)}. </span>
        <span aria-hidden>
          This ad states no salary. Estimated <strong className="italic">{longPounds(x.salary)}</strong> a year; {Math.round(x.coverage * 100)}% range{" "}
          <strong className="italic">
            {longPounds(x.low)}–{longPounds(x.high)}
          </strong>
          .
        </span>
      </p>
      <Parts id="estimate-up" title="Pushed it up" parts={x.up} />
      <Parts id="estimate-down" title="Pushed it down" parts={x.down} />
      <p className="text-xs text-muted-foreground">
        From the salary model trained {x.model.trainedAt ? dateTime.format(x.model.trainedAt) : ""} on {x.model.adsUsed.toLocaleString("en-GB")} ads with a real salary. Percentages
        multiply: together with the model&apos;s starting point they make the estimate.{" "}
        <Link className="text-primary underline underline-offset-4" href="/salaries">
          Salary insights
        </Link>
      </p>
    </SectionCard>
  );
}
