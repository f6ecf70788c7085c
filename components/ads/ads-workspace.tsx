"use client";
// The screen recruiters live in: search, filters with counts, the table, bulk actions, saved
// views and column layout. The URL is the state (use-ads-url.ts); the server renders each state.
import { useMemo, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { XIcon } from "lucide-react";
import type { RowSelectionState } from "@tanstack/react-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { SearchBox } from "@/components/ui/search-box";
import type { ColumnPrefs } from "@/lib/ads/columns";
import type { AdsPage } from "@/lib/ads/find-ads";
import { resultSummary } from "@/lib/ads/result-summary";
import type { SavedViewRow } from "@/lib/ads/preferences";
import type { AdsTableParams } from "@/lib/ads/table-params";
import { PER_PAGE_OPTIONS } from "@/lib/url-params";
import { AdsFilters } from "./ads-filters";
import { AdsTable } from "./ads-table";
import { BulkBar } from "./bulk-bar";
import { ColumnMenu } from "./column-menu";
import { FilterChips } from "./filter-chips";
import { Pagination } from "@/components/ui/pagination";
import { SavedViewsMenu } from "./saved-views-menu";
import { useAdsUrl } from "./use-ads-url";
import { PageSkipLinks } from "@/components/app-shell/skip-links";

const SKIP_LINKS = [
  { to: "#ads-search", label: "Skip to search" },
  { to: "#ads-results [data-row-link]", label: "Skip to the results" },
  { to: "#ads-pages button:not([disabled])", label: "Skip to the pages" },
  { to: "#ads-filters", label: "Skip to the filters" },
];

export type AdsPermissions = { tag: boolean; close: boolean; closeCopies: boolean; export: boolean; import: boolean; createTags: boolean };

function AdsSearch({ value, hint }: { value: string; hint: string | null }) {
  const { setFilters } = useAdsUrl();
  return (
    <div className="grid gap-1">
      <SearchBox
        id="ads-search"
        label="Search ads"
        placeholder='Search titles, descriptions, companies — "exact phrase", OR, -exclude, prefix*'
        value={value}
        onSearch={(q) => setFilters({ q: q.trim() || null, sort: null })}
        help="Results update as you type. Use quotes for an exact phrase, OR between alternatives, a minus sign to exclude a word, and a star after the start of a word."
      />
      {hint && (
        <p role="status" className="text-sm text-amber-700">
          {hint}
        </p>
      )}
    </div>
  );
}

export function AdsWorkspace({
  page,
  params,
  prefs: initialPrefs,
  views,
  can,
  tags,
}: {
  page: AdsPage;
  params: AdsTableParams;
  prefs: ColumnPrefs;
  views: SavedViewRow[];
  can: AdsPermissions;
  tags: { id: number; name: string; color: string }[];
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const { latest, setState, pending } = useAdsUrl();
  const [prefs, setPrefs] = useState(initialPrefs);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const query = searchParams.toString();

  // A new view of the data: what was ticked no longer means the same thing.
  const [selectionQuery, setSelectionQuery] = useState(query);
  if (query !== selectionQuery) {
    setSelectionQuery(query);
    setSelection({});
    setAllMatching(false);
  }

  const selectedIds = useMemo(
    () =>
      Object.keys(selection)
        .filter((k) => selection[k])
        .map(Number),
    [selection],
  );
  const pages = Math.max(1, Math.ceil(page.total / params.perPage));
  const search = page.search;
  const summary = resultSummary(page.total, search);

  return (
    // The results come first in the page (and so in the tab order); the filters sit beside them on
    // wide screens and after them on narrow ones.
    <div className="grid gap-4 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <PageSkipLinks links={SKIP_LINKS} />
      <section aria-label="Ads" className="grid min-w-0 content-start gap-3 lg:col-start-2 lg:row-start-1 [&>*]:min-w-0">
        <AdsSearch value={params.q} hint={search?.hint ?? null} />
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-auto text-sm" aria-live="polite" data-testid="result-summary">
            {summary}
          </p>
          <SavedViewsMenu views={views} prefs={prefs} onApply={(v) => setPrefs(v.columns)} />
          <ColumnMenu prefs={prefs} onChange={setPrefs} />
          {can.export && (
            <Button asChild variant="outline" size="sm">
              <a href={`/api/ads/export${query ? `?${query}` : ""}`} download>
                Export CSV
              </a>
            </Button>
          )}
          <label className="flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">Rows</span>
            <NativeSelect
              className="h-8 w-20"
              value={params.perPage}
              onChange={(e) => setState({ perPage: Number(e.target.value) as 10 | 25 | 50 | 100, page: null })}
              aria-label="Rows per page"
            >
              {PER_PAGE_OPTIONS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </NativeSelect>
          </label>
        </div>
        <FilterChips page={page} params={params} />
        {can.tag && (selectedIds.length > 0 || allMatching) && (
          <BulkBar
            selectedIds={selectedIds}
            allMatching={allMatching}
            total={page.total}
            onPageCount={page.rows.length}
            query={query}
            tags={tags}
            canClose={can.close}
            canCloseCopies={can.closeCopies}
            canCreateTags={can.createTags}
            onSelectAllMatching={() => setAllMatching(true)}
            onClear={() => {
              setSelection({});
              setAllMatching(false);
            }}
            onDone={() => router.refresh()}
          />
        )}
        {page.rows.length === 0 && !query ? (
          <Alert className="py-10 text-center">
            <p className="font-medium">No ads yet.</p>
            {can.import ? (
              <p className="text-muted-foreground">
                Import Adzuna CSV files, text ads or a .zip of them under{" "}
                <Link href="/imports" className="text-primary underline underline-offset-4">
                  Imports
                </Link>
                .
              </p>
            ) : (
              <p className="text-muted-foreground">An admin imports them; they will be listed here.</p>
            )}
          </Alert>
        ) : page.rows.length === 0 ? (
          <Alert className="py-10 text-center">
            <p className="font-medium">No ads match.</p>
            <p className="text-muted-foreground">Try fewer filters or other words.</p>
            <Button variant="outline" size="sm" className="mt-3" onClick={() => router.push("/ads")}>
              <XIcon aria-hidden /> Clear search and filters
            </Button>
          </Alert>
        ) : (
          <AdsTable
            rows={page.rows}
            prefs={prefs}
            sort={latest.sort}
            onSort={(sort) => setState({ sort, page: null })}
            selection={selection}
            onSelectionChange={(s) => {
              setSelection(s);
              setAllMatching(false);
            }}
            selectable={can.tag}
            busy={pending}
            caption={`Ads, page ${params.page} of ${pages}`}
          />
        )}
        <div id="ads-pages">
          <Pagination page={latest.page} pages={pages} onPage={(p) => setState({ page: p === 1 ? null : p })} />
        </div>
      </section>
      <aside id="ads-filters" aria-label="Filters" tabIndex={-1} className="min-w-0 outline-none lg:col-start-1 lg:row-start-1">
        <AdsFilters page={page} />
      </aside>
    </div>
  );
}
