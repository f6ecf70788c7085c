"use client";
// Applications created per ISO week (the last 12, the current one included), as bars, with the
// same numbers in a table ("Show as table").
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable } from "./chart-table";
import { count } from "@/lib/format";

export type WeekPoint = { week: string; start: string; count: number };

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const weekOf = (w: WeekPoint) => `week of ${dayMonth.format(new Date(w.start))}`;

export function applicationsSummary(weeks: readonly WeekPoint[]): string {
  if (!weeks.length) return "Applications per week: no data.";
  const total = weeks.reduce((sum, w) => sum + w.count, 0);
  const head = `Applications per week over the last ${weeks.length} weeks: ${count(total)} in total`;
  if (!total) return `${head}.`;
  const busiest = weeks.reduce((best, w) => (w.count > best.count ? w : best), weeks[0]);
  const current = weeks[weeks.length - 1];
  return `${head}; busiest ${weeks.length > 1 ? weekOf(busiest) : "week"} with ${count(busiest.count)}; ${count(current.count)} so far this week.`;
}

export function ApplicationsChart({ weeks }: { weeks: WeekPoint[] }) {
  const data = weeks.map((w) => ({ ...w, label: dayMonth.format(new Date(w.start)) }));
  return (
    <div className="grid gap-3">
      <div role="img" aria-label={applicationsSummary(weeks)} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" className="stroke-border" />
            {/* Every other week, evenly: twelve dates do not fit side by side in half a laptop screen. */}
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={1} tickMargin={6} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip
              cursor={{ fillOpacity: 0.3 }}
              labelFormatter={(_label, payload) => {
                const w = payload?.[0]?.payload as WeekPoint | undefined;
                return w ? `${w.week} (${weekOf(w)})` : "";
              }}
              formatter={(value) => [count(Number(value)), "Applications"]}
            />
            <Bar dataKey="count" fill="var(--primary)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption="Applications created per ISO week (weeks start on Monday, UTC)"
        columns={[{ label: "Week" }, { label: "Starting" }, { label: "Applications", numeric: true }]}
        rows={weeks.map((w) => ({ key: w.week, cells: [w.week, dayMonth.format(new Date(w.start)), count(w.count)] }))}
      />
    </div>
  );
}
