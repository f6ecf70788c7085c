// A chart's text alternative: the same numbers as a real table, behind "Show as table".
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type ChartTableColumn = { label: string; numeric?: boolean };

/** The first cell of each row is its header (a row label); the rest are data cells. */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: ChartTableColumn[]; rows: { key: string | number; cells: React.ReactNode[] }[] }) {
  const align = (c: ChartTableColumn | undefined) => (c?.numeric ? "text-right tabular-nums" : undefined);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show as table</summary>
      <Table className="mt-2">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.label} scope="col" className={align(c)}>
                {c.label}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableHead scope="row" className="font-normal text-foreground">
                {r.cells[0]}
              </TableHead>
              {r.cells.slice(1).map((cell, i) => (
                <TableCell key={i} className={align(columns[i + 1])}>
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  );
}
