"use client";
// The ads table: TanStack Table v9 with server-side sorting and pagination (the URL holds them),
// column visibility and order from the user's saved layout, and row selection for bulk actions.
import { useMemo } from "react";
import Link from "next/link";
import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
} from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { TagList } from "@/components/tags/tag-badge";
import { Checkbox } from "@/components/ui/checkbox";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { contractLabel } from "@/lib/ads/fields";
import { AD_COLUMN_LABELS, SORTABLE, type AdColumnId, type ColumnPrefs } from "@/lib/ads/columns";
import type { AdRow } from "@/lib/ads/find-ads";
import type { SortParam } from "@/lib/ads/table-params";
import { formatSalary } from "@/lib/import/salary-format";
import { EstimatedSalary } from "@/components/salary/estimated-salary";
import type { SalaryPeriod } from "@/lib/import/salary";
import { categoryLabel, sourceLabel } from "@/lib/format";
import { paramFromSorting, sortingFromParam } from "@/lib/table-sort";
import { cn } from "@/lib/utils";
import { Snippet } from "@/components/ui/snippet";

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature, columnVisibilityFeature, columnOrderingFeature });
const helper = createColumnHelper<typeof features, AdRow>();
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

// Row links do not prefetch: Next.js would fetch every ad page in view (up to 100 server renders
// per table view, ~9 ms of server CPU each) for the one or two a recruiter opens.
function cells(): Record<AdColumnId, (ad: AdRow) => React.ReactNode> {
  return {
    title: (ad) => (
      <div className="grid min-w-44 max-w-sm gap-0.5">
        <Link prefetch={false} href={`/ads/${ad.id}`} className="font-medium text-primary underline-offset-4 hover:underline focus-visible:underline" data-row-link>
          {ad.title}
        </Link>
        {ad.snippet && (
          <p className="line-clamp-2 text-xs text-muted-foreground">
            <Snippet text={ad.snippet} />
          </p>
        )}
      </div>
    ),
    company: (ad) => (ad.company ? <span className="line-clamp-2 min-w-20 max-w-40 break-words">{ad.company.name}</span> : <span className="text-muted-foreground">—</span>),
    location: (ad) => (
      <span className="line-clamp-2 max-w-36" title={ad.location ? `${ad.location}${ad.locationSource === "text" ? " (found in the ad's text)" : ""}` : undefined}>
        {ad.location ?? "—"}
        {ad.location && ad.locationSource === "text" && <span className="ml-1 text-xs italic text-muted-foreground">(from text)</span>}
      </span>
    ),
    category: (ad) => categoryLabel(ad.category) ?? "—",
    contract: (ad) => contractLabel(ad.contractType, ad.contractTime) ?? "—",
    salary: (ad) => {
      const real = formatSalary({ ...ad, salaryPeriod: ad.salaryPeriod as SalaryPeriod | null });
      if (real || !ad.estimate) return <span className="whitespace-nowrap">{real ?? "—"}</span>;
      return <EstimatedSalary estimate={ad.estimate} />;
    },
    source: (ad) => sourceLabel(ad.source) ?? "—",
    tags: (ad) => (
      <div className="max-w-40">
        <TagList tags={ad.tags} />
      </div>
    ),
    applications: (ad) =>
      ad.applications.total ? (
        <Link
          prefetch={false}
          href={`/ads/${ad.id}/pipeline`}
          className="whitespace-nowrap text-primary underline-offset-4 hover:underline"
          aria-label={`${ad.applications.total} applications, ${ad.applications.active} active: open the pipeline`}
        >
          {ad.applications.total} <span className="text-muted-foreground">· {ad.applications.active} active</span>
        </Link>
      ) : (
        <span className="text-muted-foreground">0</span>
      ),
    duplicates: (ad) =>
      ad.duplicates ? (
        <Link
          prefetch={false}
          href={`/ads/${ad.id}#copies`}
          className="whitespace-nowrap tabular-nums text-primary underline-offset-4 hover:underline"
          aria-label={`${ad.duplicates} ads of one vacancy: see the copies`}
        >
          {ad.duplicates}
        </Link>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
    status: (ad) => (ad.status === "OPEN" ? <Badge variant="success">Open</Badge> : <Badge variant="secondary">Closed</Badge>),
    created: (ad) => <span className="whitespace-nowrap">{date.format(new Date(ad.createdAt))}</span>,
    updated: (ad) => <span className="whitespace-nowrap">{date.format(new Date(ad.updatedAt))}</span>,
  };
}

export function AdsTable({
  rows,
  prefs,
  sort,
  onSort,
  selection,
  onSelectionChange,
  selectable,
  busy,
  caption,
}: {
  rows: AdRow[];
  prefs: ColumnPrefs;
  sort: SortParam;
  onSort: (sort: SortParam) => void;
  selection: RowSelectionState;
  onSelectionChange: (s: RowSelectionState) => void;
  selectable: boolean;
  busy: boolean;
  caption: string;
}) {
  const columns = useMemo(() => {
    const render = cells();
    return helper.columns([
      helper.display({
        id: "select",
        header: ({ table }) => (
          <Checkbox
            aria-label="Select all ads on this page"
            checked={table.getIsAllRowsSelected() ? true : table.getIsSomeRowsSelected() ? "indeterminate" : false}
            onCheckedChange={(c) => table.toggleAllRowsSelected(c === true)}
          />
        ),
        cell: ({ row }) => <Checkbox aria-label={`Select ${row.original.title}`} checked={row.getIsSelected()} onCheckedChange={(c) => row.toggleSelected(c === true)} />,
      }),
      ...(Object.keys(render) as AdColumnId[]).map((id) =>
        // Sortable columns carry an accessor (TanStack sorts only those); the server does the sorting.
        // Dates and salary start newest / highest first; text A→Z.
        SORTABLE[id]
          ? helper.accessor(() => null, { id, header: AD_COLUMN_LABELS[id], cell: ({ row }) => render[id](row.original), sortDescFirst: id !== "title" })
          : helper.display({ id, header: AD_COLUMN_LABELS[id], cell: ({ row }) => render[id](row.original) }),
      ),
    ]);
  }, []);

  const columnVisibility = useMemo(() => ({ select: selectable, ...Object.fromEntries(prefs.hidden.map((c) => [c, false])) }), [prefs.hidden, selectable]);
  const columnOrder = useMemo(() => ["select", ...prefs.order], [prefs.order]);
  const sorting = useMemo(() => sortingFromParam(sort, Object.values(SORTABLE)), [sort]);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => String(r.id),
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: selectable,
    state: { rowSelection: selection, columnVisibility, columnOrder, sorting },
    onSortingChange: (updater) => {
      const next = paramFromSorting(typeof updater === "function" ? updater(sorting) : updater);
      if (next) onSort(next as SortParam);
    },
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === "function" ? updater(selection) : updater),
  });

  // Arrow keys move between rows (to the row's title link), for keyboard users working down a list.
  function onKeyDown(e: React.KeyboardEvent<HTMLTableSectionElement>) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")];
    const i = links.findIndex((l) => l === document.activeElement || l.closest("tr")?.contains(document.activeElement));
    if (i === -1) return;
    const next = links[e.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0)];
    e.preventDefault();
    next.focus();
  }

  return (
    <div id="ads-results" className={cn("overflow-x-auto rounded-lg border transition-opacity", busy && "opacity-60")} aria-busy={busy}>
      <Table>
        <TableCaption className="sr-only">{caption}</TableCaption>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) =>
                header.column.id === "select" ? (
                  <TableHead key={header.id} className="w-8 px-2">
                    <table.FlexRender header={header} />
                  </TableHead>
                ) : (
                  <ColumnHeader key={header.id} column={header.column} label={AD_COLUMN_LABELS[header.column.id as AdColumnId]} className="px-2" />
                ),
              )}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody onKeyDown={onKeyDown}>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id} className="px-2 align-top">
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
