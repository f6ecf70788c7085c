"use client";
// Median and interquartile range per category × region as horizontal bars: the lighter part runs
// from the lower quartile to the median, the darker from the median to the upper quartile. The
// same figures are in the table below the chart (its text alternative).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InsightRow } from "@/lib/salary-estimates/insights";
import { shortPounds } from "@/lib/salary-estimates/format";

export type ChartRow = InsightRow & { label: string };

export function insightsSummary(rows: readonly ChartRow[]): string {
  if (!rows.length) return "Salary chart: no figures.";
  const top = rows.slice(0, 3).map((r) => `${r.label}: median ${shortPounds(r.median)}, middle half ${shortPounds(r.q1)} to ${shortPounds(r.q3)}, ${r.ads} ads`);
  return `Median salary and middle half by category and region, ${rows.length} groups with the most ads; ${top.join("; ")}. All figures are in the table below.`;
}

export function InsightsChart({ rows }: { rows: ChartRow[] }) {
  const data = rows.map((r) => ({ ...r, base: r.q1, lower: r.median - r.q1, upper: r.q3 - r.median }));
  return (
    <div role="img" aria-label={insightsSummary(rows)} className="w-full" style={{ height: Math.max(160, 28 * rows.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
          <XAxis type="number" tickFormatter={(v) => shortPounds(Number(v))} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={260} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip
            cursor={{ fillOpacity: 0.2 }}
            formatter={(_v, name, item) => {
              const r = item.payload as ChartRow;
              if (name === "lower") return [`${shortPounds(r.q1)} – ${shortPounds(r.median)}`, "Lower quartile to median"];
              if (name === "upper") return [`${shortPounds(r.median)} – ${shortPounds(r.q3)} (${r.ads} ads)`, "Median to upper quartile"];
              return [null, null];
            }}
          />
          <Bar dataKey="base" stackId="s" fill="transparent" isAnimationActive={false} legendType="none" tooltipType="none" />
          <Bar dataKey="lower" stackId="s" fill="color-mix(in oklab, var(--primary) 45%, transparent)" isAnimationActive={false} />
          <Bar dataKey="upper" stackId="s" fill="var(--primary)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
