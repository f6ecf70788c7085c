"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { AsyncCombobox, type ComboOption } from "@/components/ui/async-combobox";
import { Checkbox } from "@/components/ui/checkbox";
import { Input, NativeSelect } from "@/components/ui/input";
import type { AdsPage, FacetOption } from "@/lib/ads/find-ads";
import { TAG_MODES } from "@/lib/ads/table-params";
import { APPLICATION_FILTERS } from "@/lib/url-params";
import { useAdsUrl } from "./use-ads-url";

const count = (n: number) => n.toLocaleString("en-GB");

function FacetGroup({
  title,
  options,
  selected,
  onToggle,
  initiallyShown = 8,
}: {
  title: string;
  options: FacetOption[];
  /** What the URL says is ticked: it changes at the click, before the server answers. */
  selected: readonly (string | number)[];
  onToggle: (value: string, checked: boolean) => void;
  initiallyShown?: number;
}) {
  const [all, setAll] = useState(false);
  const id = useId();
  const shown = all ? options : options.slice(0, initiallyShown);
  if (!options.length) return null;
  return (
    // min-w-0: a fieldset is as wide as its content by default, which pushed the counts out.
    <fieldset className="grid min-w-0 gap-1.5">
      <legend className="mb-1 text-sm font-semibold">{title}</legend>
      {shown.map((o) => {
        const inputId = `${id}-${o.value}`;
        return (
          <div key={o.value} className="flex items-center gap-2 text-sm">
            <Checkbox id={inputId} checked={selected.map(String).includes(o.value)} onCheckedChange={(c) => onToggle(o.value, c === true)} aria-describedby={`${inputId}-count`} />
            <label htmlFor={inputId} className={`min-w-0 flex-1 truncate ${o.count === 0 && !o.selected ? "text-muted-foreground" : ""}`} title={o.label}>
              {o.label}
            </label>
            <span id={`${inputId}-count`} className="tabular-nums text-xs text-muted-foreground" aria-label={`${count(o.count)} ads`}>
              {count(o.count)}
            </span>
          </div>
        );
      })}
      {options.length > initiallyShown && (
        <Button variant="link" size="sm" className="h-auto justify-start p-0" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? "Show fewer" : `Show all ${options.length}`}
        </Button>
      )}
    </fieldset>
  );
}

const toggle = <T extends string | number>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

function SalaryFilter() {
  const { state, setFilters } = useAdsUrl();
  const [min, setMin] = useState(state.salaryMin?.toString() ?? "");
  const [max, setMax] = useState(state.salaryMax?.toString() ?? "");
  // The URL changed (a chip removed, a view applied): the boxes show it (set during render, not in an effect).
  const urlKey = `${state.salaryMin ?? ""}-${state.salaryMax ?? ""}`;
  const [shownKey, setShownKey] = useState(urlKey);
  if (urlKey !== shownKey) {
    setShownKey(urlKey);
    setMin(state.salaryMin?.toString() ?? "");
    setMax(state.salaryMax?.toString() ?? "");
  }
  const asNumber = (v: string) => {
    const n = Number(v.replace(/[£,\sk]/gi, "")) * (/k$/i.test(v.trim()) ? 1000 : 1);
    return v.trim() && Number.isFinite(n) && n > 0 ? Math.round(n) : null;
  };
  const apply = () => setFilters({ salaryMin: asNumber(min), salaryMax: asNumber(max) });
  const estimatesId = "salary-include-estimates";
  return (
    <form
      className="grid gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <fieldset className="grid min-w-0 gap-1.5">
        <legend className="mb-1 text-sm font-semibold">Salary (a year, £)</legend>
        <div className="flex items-center gap-2">
          <Input aria-label="Minimum salary" inputMode="numeric" placeholder="Min" value={min} onChange={(e) => setMin(e.target.value)} onBlur={apply} className="h-8" />
          <span aria-hidden>–</span>
          <Input aria-label="Maximum salary" inputMode="numeric" placeholder="Max" value={max} onChange={(e) => setMax(e.target.value)} onBlur={apply} className="h-8" />
        </div>
        <label htmlFor={estimatesId} className="flex items-center gap-2 text-sm">
          <input id={estimatesId} type="checkbox" className="size-4 accent-primary" checked={state.est} onChange={(e) => setFilters({ est: e.target.checked ? true : null })} />
          Include estimates
          <span className="text-xs text-muted-foreground">(filter and sort)</span>
        </label>
      </fieldset>
    </form>
  );
}

const mapPlace = (r: Record<string, unknown>): ComboOption => ({ id: Number(r.id), label: String(r.name), detail: String(r.label) });
const mapCompany = (r: Record<string, unknown>): ComboOption => ({ id: Number(r.id), label: String(r.name) });

export function AdsFilters({ page }: { page: AdsPage }) {
  const { state, setFilters } = useAdsUrl();
  const f = page.facets;
  return (
    <div className="grid gap-5">
      <FacetGroup title="Status" options={f.status} selected={state.status} onToggle={(v, on) => setFilters({ status: toggle(state.status, v as "open" | "closed", on) })} />
      <FacetGroup title="Category" options={f.category} selected={state.category} onToggle={(v, on) => setFilters({ category: toggle(state.category, v, on) })} />
      <FacetGroup title="Region" options={f.region} selected={state.region} initiallyShown={12} onToggle={(v, on) => setFilters({ region: toggle(state.region, Number(v), on) })} />
      <div className="grid gap-1.5">
        <span className="text-sm font-semibold" id="place-filter">
          Town or area
        </span>
        <AsyncCombobox
          url="/api/locations"
          label="Find a place"
          labelledBy="place-filter"
          placeholder="Town, county or area…"
          buttonText="Find a place…"
          map={mapPlace}
          onSelect={(o) => setFilters({ region: toggle(state.region, o.id, true) })}
        />
      </div>
      <FacetGroup
        title="Contract type"
        options={f.type}
        selected={state.type}
        onToggle={(v, on) => setFilters({ type: toggle(state.type, v as "full_time" | "part_time" | "none", on) })}
      />
      <FacetGroup
        title="Contract time"
        options={f.time}
        selected={state.time}
        onToggle={(v, on) => setFilters({ time: toggle(state.time, v as "permanent" | "contract" | "none", on) })}
      />
      <SalaryFilter />
      <div className="grid gap-1.5">
        <span className="text-sm font-semibold" id="company-filter">
          Company
        </span>
        <AsyncCombobox
          url="/api/companies"
          label="Filter by company"
          labelledBy="company-filter"
          placeholder="Company name…"
          buttonText="Choose a company…"
          map={mapCompany}
          onSelect={(o) => setFilters({ company: toggle(state.company, o.id, true) })}
        />
      </div>
      <label className="grid gap-1.5 text-sm">
        <span className="font-semibold">Applications</span>
        <NativeSelect className="h-8" value={state.apps ?? ""} onChange={(e) => setFilters({ apps: (e.target.value || null) as (typeof APPLICATION_FILTERS)[number] | null })}>
          <option value="">Any</option>
          <option value="any">With applications</option>
          <option value="active">With active applications</option>
          <option value="none">Without applications</option>
        </NativeSelect>
      </label>
      <FacetGroup title="Duplicates" options={f.duplicates} selected={state.dups} onToggle={(v, on) => setFilters({ dups: toggle(state.dups, v as "has" | "one", on) })} />
      <FacetGroup title="Source" options={f.source} selected={state.source} onToggle={(v, on) => setFilters({ source: toggle(state.source, v, on) })} />
      {f.tags.length > 0 && (
        <div className="grid gap-2">
          <FacetGroup title="Tags" options={f.tags} selected={state.tags} onToggle={(v, on) => setFilters({ tags: toggle(state.tags, Number(v), on) })} />
          <label className="grid gap-1 text-sm">
            <span className="text-muted-foreground">Ads with</span>
            <NativeSelect className="h-8" value={state.tagMode} onChange={(e) => setFilters({ tagMode: e.target.value as (typeof TAG_MODES)[number] })} aria-label="Tag match">
              <option value="any">any of the ticked tags</option>
              <option value="all">all of the ticked tags</option>
              <option value="none">none of the ticked tags</option>
            </NativeSelect>
          </label>
        </div>
      )}
    </div>
  );
}
