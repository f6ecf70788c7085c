"use client";
// One sortable column header for every table (after tablecn's data-table-column-header): it reads
// TanStack's sorting state for the column and toggles it; the table maps that state to the URL.
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from "lucide-react";
import { TableHead } from "@/components/ui/table";
import { cn } from "@/lib/utils";

/** What the header needs of a TanStack column (any table's features and row type). */
type SortableColumn = { getCanSort(): boolean; getIsSorted(): false | "asc" | "desc"; toggleSorting(desc?: boolean): void; getNextSortingOrder(): false | "asc" | "desc" };

export function ColumnHeader({ column, label, className, children }: { column: SortableColumn; label: string; className?: string; children?: React.ReactNode }) {
  if (!column.getCanSort()) return <TableHead className={className}>{children ?? label}</TableHead>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUpIcon : sorted === "desc" ? ArrowDownIcon : ArrowUpDownIcon;
  return (
    <TableHead aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className={className}>
      <button
        type="button"
        onClick={() => column.toggleSorting(column.getNextSortingOrder() === "desc")}
        className="inline-flex items-center gap-1 rounded hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {label}
        <Icon className={cn("size-3.5", !sorted && "opacity-40")} aria-hidden />
        <span className="sr-only">{sorted ? `, sorted ${sorted === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </button>
    </TableHead>
  );
}
