import { estimateLabel, estimateText } from "@/lib/salary-estimates/format";
import { cn } from "@/lib/utils";

/** An estimated salary, styled and labelled apart from a real one: "est. £24k–£31k". */
export function EstimatedSalary({ estimate, className }: { estimate: { salary: number; low: number; high: number }; className?: string }) {
  const label = estimateLabel(estimate);
  return (
    <span
      className={cn(
        "whitespace-nowrap rounded border border-dashed border-amber-600/60 bg-amber-50 px-1 text-xs italic text-amber-900 dark:bg-amber-950 dark:text-amber-100",
        className,
      )}
      title={label}
      data-estimate
    >
      <span aria-hidden>{estimateText(estimate)}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
