import * as React from "react";
import { cn } from "@/lib/utils";

export function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div className="relative w-full overflow-x-auto">
      <table className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}
export function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead className={cn("[&_tr]:border-b bg-muted/40", className)} {...props} />;
}
export function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}
export function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return <tr className={cn("border-b transition-colors hover:bg-muted/40 data-[state=selected]:bg-muted", className)} {...props} />;
}
/** `numeric`: a column of figures, right-aligned with even digit widths. */
type Numeric = { numeric?: boolean };
export function TableHead({ className, numeric, ...props }: React.ComponentProps<"th"> & Numeric) {
  return <th className={cn("h-10 px-3 text-left align-middle font-medium text-muted-foreground whitespace-nowrap", numeric && "text-right", className)} {...props} />;
}
export function TableCell({ className, numeric, ...props }: React.ComponentProps<"td"> & Numeric) {
  return <td className={cn("px-3 py-2 align-middle", numeric && "text-right tabular-nums", className)} {...props} />;
}
export function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return <caption className={cn("mt-3 text-sm text-muted-foreground", className)} {...props} />;
}
