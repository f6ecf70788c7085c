import { Badge } from "@/components/ui/badge";

/** A stage name, coloured by what it means: open (neutral), hired (green), rejected / withdrawn (muted). */
export function StageBadge({ stage }: { stage: { name: string; kind: string } }) {
  const variant = stage.kind === "HIRED" ? "success" : stage.kind === "OPEN" ? "outline" : "secondary";
  return <Badge variant={variant}>{stage.name}</Badge>;
}
