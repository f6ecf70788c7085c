import { Badge } from "@/components/ui/badge";
import type { ImportView } from "@/lib/import/imports";

const LABELS: Record<ImportView["status"], [string, "default" | "secondary" | "outline" | "destructive" | "success" | "warning"]> = {
  DRAFT: ["Preview", "outline"],
  QUEUED: ["Queued", "secondary"],
  RUNNING: ["Running", "default"],
  SUCCEEDED: ["Finished", "success"],
  FAILED: ["Failed", "destructive"],
  REVERTED: ["Reverted", "secondary"],
};

export function ImportStatusBadge({ status, errors }: { status: ImportView["status"]; errors?: number }) {
  const [label, variant] = LABELS[status];
  // Finished, but some rows were refused: not the all-clear green.
  if (status === "SUCCEEDED" && errors) return <Badge variant="warning">{`${label} with ${errors.toLocaleString("en-GB")} error${errors === 1 ? "" : "s"}`}</Badge>;
  return <Badge variant={variant}>{label}</Badge>;
}
