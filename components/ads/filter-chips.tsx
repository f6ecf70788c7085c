"use client";
import { XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { AdsPage } from "@/lib/ads/find-ads";
import { hasFilters, type AdsTableParams } from "@/lib/ads/table-params";
import { useAdsUrl } from "./use-ads-url";

type Chip = { key: string; label: string; clear: () => void };

/** The active filters as removable chips, and "Clear all". */
export function FilterChips({ page, params }: { page: AdsPage; params: AdsTableParams }) {
  const { setFilters } = useAdsUrl();
  if (!hasFilters(params)) return null;
  const f = page.facets;
  const label = (options: { value: string; label: string }[], v: string) => options.find((o) => o.value === v)?.label ?? v;
  const money = (n: number) => `£${n.toLocaleString("en-GB")}`;
  const chips: Chip[] = [
    ...params.status.map((v) => ({ key: `status-${v}`, label: label(f.status, v), clear: () => setFilters({ status: params.status.filter((x) => x !== v) }) })),
    ...params.category.map((v) => ({ key: `cat-${v}`, label: label(f.category, v), clear: () => setFilters({ category: params.category.filter((x) => x !== v) }) })),
    ...page.selected.regions.map((r) => ({ key: `region-${r.id}`, label: `In ${r.label}`, clear: () => setFilters({ region: params.region.filter((x) => x !== r.id) }) })),
    ...params.type.map((v) => ({ key: `type-${v}`, label: label(f.type, v), clear: () => setFilters({ type: params.type.filter((x) => x !== v) }) })),
    ...params.time.map((v) => ({ key: `time-${v}`, label: label(f.time, v), clear: () => setFilters({ time: params.time.filter((x) => x !== v) }) })),
    ...page.selected.companies.map((c) => ({ key: `company-${c.id}`, label: `At ${c.name}`, clear: () => setFilters({ company: params.company.filter((x) => x !== c.id) }) })),
    ...params.source.map((v) => ({ key: `source-${v}`, label: `From ${v}`, clear: () => setFilters({ source: params.source.filter((x) => x !== v) }) })),
    ...params.tags.map((t) => ({
      key: `tag-${t}`,
      label: `${params.tagMode === "none" ? "Without" : "Tagged"} ${label(f.tags, String(t))}`,
      clear: () => setFilters({ tags: params.tags.filter((x) => x !== t) }),
    })),
    ...params.dups.map((v) => ({ key: `dups-${v}`, label: label(f.duplicates, v), clear: () => setFilters({ dups: params.dups.filter((x) => x !== v) }) })),
    ...(params.apps
      ? [
          {
            key: "apps",
            label: { any: "With applications", active: "With active applications", none: "Without applications" }[params.apps],
            clear: () => setFilters({ apps: null }),
          },
        ]
      : []),
    ...(params.salaryMin !== null || params.salaryMax !== null
      ? [
          {
            key: "salary",
            label:
              (params.salaryMin !== null && params.salaryMax !== null
                ? `Salary ${money(params.salaryMin)}–${money(params.salaryMax)}`
                : params.salaryMin !== null
                  ? `Salary from ${money(params.salaryMin)}`
                  : `Salary up to ${money(params.salaryMax!)}`) + (params.est ? " (incl. estimates)" : ""),
            clear: () => setFilters({ salaryMin: null, salaryMax: null }),
          },
        ]
      : []),
  ];
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2">
      {chips.map((c) => (
        <li key={c.key}>
          <Button variant="secondary" size="sm" className="h-7 gap-1 rounded-full" onClick={c.clear} aria-label={`Remove filter: ${c.label}`}>
            {c.label} <XIcon aria-hidden className="size-3" />
          </Button>
        </li>
      ))}
      <li>
        <Button
          variant="link"
          size="sm"
          onClick={() =>
            setFilters({
              status: null,
              category: null,
              region: null,
              type: null,
              time: null,
              company: null,
              source: null,
              tags: null,
              tagMode: null,
              salaryMin: null,
              salaryMax: null,
              apps: null,
              dups: null,
            })
          }
        >
          Clear all filters
        </Button>
      </li>
    </ul>
  );
}
