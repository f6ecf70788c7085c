"use client";
// The pipeline funnel: one bar per stage (open stages in board order, then Hired) with how many
// applications reached it or a later stage. The same numbers are in a table for screen readers
// and for anyone who prefers to read them ("Show as table").
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable } from "./chart-table";
import { count } from "@/lib/format";

export type FunnelChartStep = { stageId: number; name: string; reached: number; conversion: number | null };

const ONE_DECIMAL = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const percent = (p: number | null) => (p === null ? "–" : `${ONE_DECIMAL.format(p)}%`);

export function funnelSummary(steps: readonly FunnelChartStep[], scopeLabel: string): string {
  const parts = steps.map((s, i) => (i === 0 ? `${s.name} ${count(s.reached)}` : `${s.name} ${count(s.reached)} (${percent(s.conversion)})`));
  return `Pipeline funnel, ${scopeLabel}: ${parts.join(", ")}.`;
}

export function FunnelChart({ steps, scopeLabel }: { steps: FunnelChartStep[]; scopeLabel: string }) {
  const data = steps.map((s) => ({ ...s, label: s === steps[0] ? count(s.reached) : `${count(s.reached)} · ${percent(s.conversion)}` }));
  return (
    <div className="grid gap-3">
      <div role="img" aria-label={funnelSummary(steps, scopeLabel)} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 96, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
            <Tooltip
              cursor={{ fillOpacity: 0.3 }}
              formatter={(value, _name, item) => {
                const step = item.payload as FunnelChartStep;
                return [`${count(Number(value))} (${percent(step.conversion)} of the first stage)`, "Reached"];
              }}
            />
            <Bar dataKey="reached" fill="var(--primary)" radius={[0, 4, 4, 0]} isAnimationActive={false}>
              <LabelList dataKey="label" position="right" className="fill-foreground text-xs" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={`Applications that reached each stage or a later one, ${scopeLabel}`}
        columns={[{ label: "Stage" }, { label: "Reached", numeric: true }, { label: "Of the first stage", numeric: true }]}
        rows={steps.map((s) => ({ key: s.stageId, cells: [s.name, count(s.reached), percent(s.conversion)] }))}
      />
    </div>
  );
}
