import type { Metadata } from "next";
import { InsightsChart } from "@/components/salary/insights-chart";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/session";
import { categoryLabel, count } from "@/lib/format";
import { longPounds } from "@/lib/salary-estimates/format";
import { MAX_TITLE, MIN_ADS, salaryInsights } from "@/lib/salary-estimates/insights";

export const metadata: Metadata = { title: "Salary insights" };

const CHART_ROWS = 12;
const TABLE_ROWS = 200;

export default async function SalariesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("ads:read");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const title = one(sp.title).slice(0, MAX_TITLE);
  const category = one(sp.category);
  const all = await salaryInsights({ title });
  const categories = [...new Set(all.rows.map((r) => r.category ?? ""))].sort((a, b) => (categoryLabel(a) ?? a).localeCompare(categoryLabel(b) ?? b));
  const rows = category ? all.rows.filter((r) => (r.category ?? "") === category) : all.rows;
  const label = (r: (typeof rows)[number]) => `${categoryLabel(r.category) ?? "No category"} · ${r.region ?? "No region"}`;
  const chartRows = rows.slice(0, CHART_ROWS).map((r) => ({ ...r, label: label(r) }));
  const covered = rows.reduce((n, r) => n + r.ads, 0);
  return (
    <div className="grid max-w-6xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">Salary insights</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          What the agency&apos;s own ads pay: the median and the middle half (lower to upper quartile) of real salaries by category and region, with how many ads each figure rests
          on. Estimates are never counted; groups of fewer than {MIN_ADS} ads are left out.
        </p>
      </div>
      <form role="search" aria-label="Salary insights" className="flex flex-wrap items-end gap-3" method="get">
        <div className="grid gap-1">
          <label htmlFor="insights-title" className="text-sm font-medium">
            Job title has the words
          </label>
          <Input id="insights-title" name="title" defaultValue={title} placeholder="e.g. staff nurse" maxLength={MAX_TITLE} className="w-64" />
        </div>
        <div className="grid gap-1">
          <label htmlFor="insights-category" className="text-sm font-medium">
            Category
          </label>
          <select id="insights-category" name="category" defaultValue={category} className="h-9 rounded-md border bg-background px-2 text-sm">
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c) ?? "No category"}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Show</Button>
      </form>
      <p className="text-sm" aria-live="polite">
        {count(all.ads)} ads with a real salary{title ? ` whose title has “${title}”` : ""}; the figures below rest on {count(covered)} of them in {count(rows.length)}{" "}
        {rows.length === 1 ? "group" : "groups"}.
      </p>
      {rows.length ? (
        <>
          <SectionCard title={`Median and middle half${rows.length > CHART_ROWS ? ` (the ${CHART_ROWS} groups with the most ads)` : ""}`}>
            <InsightsChart rows={chartRows} />
          </SectionCard>
          <SectionCard title="All groups">
            <Table>
              <TableCaption>
                Real annual salaries by category and region{title ? ` for titles with “${title}”` : ""}, most ads first{rows.length > TABLE_ROWS ? ` (first ${TABLE_ROWS})` : ""}.
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Category</TableHead>
                  <TableHead scope="col">Region</TableHead>
                  <TableHead scope="col" numeric>
                    Median
                  </TableHead>
                  <TableHead scope="col" numeric>
                    Lower quartile
                  </TableHead>
                  <TableHead scope="col" numeric>
                    Upper quartile
                  </TableHead>
                  <TableHead scope="col" numeric>
                    Ads
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.slice(0, TABLE_ROWS).map((r) => (
                  <TableRow key={`${r.category}-${r.regionId}`}>
                    <TableCell>{categoryLabel(r.category) ?? "No category"}</TableCell>
                    <TableCell>{r.region ?? "No region"}</TableCell>
                    <TableCell numeric>{longPounds(r.median)}</TableCell>
                    <TableCell numeric>{longPounds(r.q1)}</TableCell>
                    <TableCell numeric>{longPounds(r.q3)}</TableCell>
                    <TableCell numeric>{count(r.ads)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </SectionCard>
        </>
      ) : (
        <p className="text-sm text-muted-foreground">
          No group has {MIN_ADS} or more ads with a real salary{title ? " for that title" : ""}. Try fewer words.
        </p>
      )}
    </div>
  );
}
