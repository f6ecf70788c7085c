"use client";
// The candidates table: server-driven (the URL is the state; the server sends one page), with a
// debounced full-text search, source and application filters, sorting and paging.
import Link from "next/link";
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import { TagList } from "@/components/tags/tag-badge";
import { NativeSelect } from "@/components/ui/input";
import { SearchBox } from "@/components/ui/search-box";
import { useUrlState } from "@/components/ui/use-url-state";
import { Pagination } from "@/components/ui/pagination";
import { PageSkipLinks } from "@/components/app-shell/skip-links";
import { Snippet } from "@/components/ui/snippet";
import { Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from "@/components/ui/table";
import type { CandidateRow, CandidatesPage } from "@/lib/candidates/find-candidates";
import { candidatesTableParsers, normaliseCandidatesTableParams, type CandidateSort, type CandidatesTableParams } from "@/lib/candidates/table-params";
import { paramFromSorting, sortingFromParam } from "@/lib/table-sort";
import { cn } from "@/lib/utils";

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, CandidateRow>();
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
const count = (n: number) => n.toLocaleString("en-GB");

const useCandidatesUrl = () => useUrlState(candidatesTableParsers, normaliseCandidatesTableParams);

const SKIP_LINKS = [
  { to: "#candidates-search", label: "Skip to search" },
  { to: "#candidates-results [data-row-link]", label: "Skip to the results" },
  { to: "#candidates-pages button:not([disabled])", label: "Skip to the pages" },
];

const SORTABLE = ["name", "updated"];

export function CandidatesTable({ page, params, tags }: { page: CandidatesPage; params: CandidatesTableParams; tags: { id: number; name: string }[] }) {
  const { latest, setState, setFilters, pending } = useCandidatesUrl();

  const columns = helper.columns([
    // Sortable columns carry an accessor (TanStack sorts only those); the server does the sorting.
    helper.accessor(() => null, {
      id: "name",
      header: "Name",
      sortDescFirst: false,
      cell: ({ row: { original: c } }) => (
        <div className="grid min-w-48 max-w-md gap-0.5">
          <Link prefetch={false} href={`/candidates/${c.id}`} className="font-medium text-primary underline-offset-4 hover:underline focus-visible:underline" data-row-link>
            {c.name}
          </Link>
          {c.currentTitle && <span className="text-xs text-muted-foreground">{c.currentTitle}</span>}
          {c.snippet && (
            <p className="line-clamp-2 text-xs text-muted-foreground">
              <Snippet text={c.snippet} />
            </p>
          )}
        </div>
      ),
    }),
    helper.display({
      id: "contact",
      header: "Contact",
      cell: ({ row: { original: c } }) => (
        <div className="grid text-sm">
          <span>{c.email ?? "—"}</span>
          {c.phone && <span className="text-muted-foreground">{c.phone}</span>}
        </div>
      ),
    }),
    helper.display({ id: "location", header: "Location", cell: ({ row }) => row.original.location ?? "—" }),
    helper.display({ id: "source", header: "Source", cell: ({ row }) => row.original.source ?? "—" }),
    helper.display({ id: "tags", header: "Tags", cell: ({ row }) => <TagList tags={row.original.tags} /> }),
    helper.display({
      id: "applications",
      header: "Applications",
      cell: ({ row: { original: c } }) => (
        <span className="whitespace-nowrap" aria-label={`${c.applications.total} applications, ${c.applications.active} active`}>
          {c.applications.total} <span className="text-muted-foreground">({c.applications.active} active)</span>
        </span>
      ),
    }),
    helper.accessor(() => null, {
      id: "updated",
      header: "Updated",
      sortDescFirst: true,
      cell: ({ row }) => <span className="whitespace-nowrap">{date.format(new Date(row.original.updatedAt))}</span>,
    }),
  ]);
  const sorting = sortingFromParam(latest.sort, SORTABLE);
  const table = useTable({
    features,
    columns,
    data: page.rows,
    getRowId: (r) => String(r.id),
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = paramFromSorting(typeof updater === "function" ? updater(sorting) : updater);
      if (next) setState({ sort: next as CandidateSort, page: null });
    },
  });

  const pages = Math.max(1, Math.ceil(page.total / params.perPage));
  const noun = page.total === 1 ? "candidate" : "candidates";
  const summary = page.search ? `${count(page.total)} matching ${noun}${page.search.capped ? " (best 5,000 matches)" : ""}` : `${count(page.total)} ${noun}`;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <PageSkipLinks links={SKIP_LINKS} />
        <SearchBox
          id="candidates-search"
          className="min-w-64 flex-1"
          label="Search candidates"
          placeholder='Search names, titles and CVs — "exact phrase", OR, -exclude, prefix*'
          value={params.q}
          onSearch={(q) => setFilters({ q: q.trim() || null, sort: null })}
        />
        <label className="grid gap-1 text-sm">
          <span className="font-medium">Source</span>
          <NativeSelect className="h-9" value={params.source[0] ?? ""} onChange={(e) => setFilters({ source: e.target.value ? [e.target.value] : null })}>
            <option value="">Any source</option>
            {page.sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.value} ({count(s.count)})
              </option>
            ))}
          </NativeSelect>
        </label>
        {tags.length > 0 && (
          <label className="grid gap-1 text-sm">
            <span className="font-medium">Tag</span>
            <NativeSelect className="h-9" value={params.tags[0] ?? ""} onChange={(e) => setFilters({ tags: e.target.value ? [Number(e.target.value)] : null })}>
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </NativeSelect>
          </label>
        )}
        <label className="grid gap-1 text-sm">
          <span className="font-medium">Applications</span>
          <NativeSelect className="h-9" value={params.apps ?? ""} onChange={(e) => setFilters({ apps: (e.target.value || null) as CandidatesTableParams["apps"] })}>
            <option value="">Any number</option>
            <option value="any">At least one</option>
            <option value="active">Active ones</option>
            <option value="none">None</option>
          </NativeSelect>
        </label>
      </div>
      {page.search?.hint && (
        <p role="status" className="text-sm text-amber-700">
          {page.search.hint}
        </p>
      )}
      <p className="text-sm text-muted-foreground" data-testid="result-summary" aria-live="polite">
        {summary}
      </p>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">
          {page.search || params.source.length || params.tags.length || params.apps ? "No candidates match. Try fewer words or filters." : "No candidates yet. Add the first one."}
        </div>
      ) : (
        <div id="candidates-results" className={cn("overflow-x-auto rounded-lg border transition-opacity", pending && "opacity-60")} aria-busy={pending}>
          <Table>
            <TableCaption className="sr-only">Candidates, {summary}</TableCaption>
            <TableHeader>
              {table.getHeaderGroups().map((g) => (
                <TableRow key={g.id}>
                  {g.headers.map((h) => (
                    <ColumnHeader key={h.id} column={h.column} label={String(h.column.columnDef.header)} />
                  ))}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {table.getRowModel().rows.map((row) => (
                <TableRow key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <TableCell key={cell.id} className="align-top">
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <div id="candidates-pages">
        <Pagination page={latest.page} pages={pages} onPage={(p) => setState({ page: p })} />
      </div>
    </div>
  );
}
