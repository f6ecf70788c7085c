"use client";
// The rebuild button and the latest rebuild's progress (polled while it runs).
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ProgressBar } from "@/components/ui/progress";
import { rebuildDuplicatesAction } from "@/lib/ads/actions";
import type { DuplicateRunView } from "@/lib/ads/duplicate-runs";
import { dateTime } from "@/lib/format";

export function DuplicatesRebuild({ run }: { run: DuplicateRunView | null }) {
  const router = useRouter();
  const running = run?.status === "QUEUED" || run?.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [running, router]);
  return (
    <section aria-labelledby="rebuild-heading" className="grid gap-3 rounded-lg border p-4">
      <h2 id="rebuild-heading" className="font-semibold">
        Rebuild the groups
      </h2>
      {running ? (
        <div className="grid gap-2" aria-live="polite">
          <p className="text-sm">{run.status === "QUEUED" ? "Starting…" : `Grouping ads: ${run.done.toLocaleString("en-GB")} of ${run.total.toLocaleString("en-GB")}`}</p>
          <ProgressBar
            label="Rebuild progress"
            value={run.done}
            max={run.total || 1}
            valueText={`${run.done.toLocaleString("en-GB")} of ${run.total.toLocaleString("en-GB")} ads`}
          />
        </div>
      ) : (
        run && (
          <Alert variant={run.status === "FAILED" ? "destructive" : "default"}>
            Last rebuild {dateTime.format(new Date(run.createdAt))}: {run.status === "SUCCEEDED" ? "finished" : "failed"}
            {run.message ? ` — ${run.message}` : ""}.
          </Alert>
        )
      )}
      <div>
        <ConfirmDialog
          trigger="Rebuild groups"
          title="Rebuild every duplicate group?"
          description="Every ad is compared again from scratch; “Not a duplicate” marks are kept. On a large database this takes a minute or two; the ads stay usable meanwhile."
          confirmLabel="Rebuild"
          variant="default"
          triggerVariant="default"
          disabled={running}
          onConfirm={async () => {
            const r = await rebuildDuplicatesAction({});
            if (!r.ok) {
              toast.error(r.error);
              return false;
            }
            toast.success("Rebuild started");
            router.refresh();
          }}
        />
      </div>
    </section>
  );
}
