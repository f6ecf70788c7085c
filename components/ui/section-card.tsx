// The record pages' building blocks: a titled card, and a list of label → value facts.
import { cn } from "@/lib/utils";
import { Card, CardContent, CardHeader, CardTitle } from "./card";

export function SectionCard({
  title,
  children,
  className,
  contentClassName,
  id,
}: {
  title: string;
  children: React.ReactNode;
  className?: string;
  contentClassName?: string;
  id?: string;
}) {
  return (
    <Card className={className} id={id}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}

/** One fact; an empty value shows a dash. Put them in a <dl>. */
export function Fact({ label, children, className }: { label: string; children?: React.ReactNode; className?: string }) {
  const empty = children === null || children === undefined || children === "" || children === false;
  return (
    // minmax(0, 1fr) and overflow-wrap: anywhere: a long email or URL wraps instead of widening the page.
    <div className={cn("grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1.5 text-sm", className)}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="[overflow-wrap:anywhere]">{empty ? <span className="text-muted-foreground">—</span> : children}</dd>
    </div>
  );
}
