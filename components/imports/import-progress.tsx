"use client";
// The second screen of an import: live progress, polled from /api/imports/:id until the job ends.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress";
import { bytes, count, duration } from "@/lib/format";
import { cancelImportAction } from "@/lib/import/actions";
import type { ImportView } from "@/lib/import/imports";
import { ImportStatusBadge } from "./import-status-badge";
import { Stat } from "./problem-list";

export function ImportProgress({ initial }: { initial: ImportView }) {
  const router = useRouter();
  const [imp, setImp] = useState(initial);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const tick = async () => {
      try {
        const res = await fetch(`/api/imports/${initial.id}`, { cache: "no-store" });
        if (res.ok && live) {
          const next = (await res.json()) as ImportView;
          setImp(next);
          setNow(Date.now());
          if (next.status !== "QUEUED" && next.status !== "RUNNING") {
            router.refresh();
            return;
          }
        }
      } catch {
        // a dropped poll is retried on the next tick
      }
      if (live) timer = setTimeout(tick, 1000);
    };
    let timer = setTimeout(tick, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [initial.id, router]);

  const started = imp.startedAt ? new Date(imp.startedAt).getTime() : null;
  const elapsed = started ? Math.max(0.001, (now - started) / 1000) : 0;
  const frac = imp.bytesTotal ? imp.bytesDone / imp.bytesTotal : 0;
  const rate = elapsed ? imp.rowsDone / elapsed : 0;
  const left = frac > 0 && elapsed ? (elapsed / frac) * (1 - frac) : NaN;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ImportStatusBadge status={imp.status} /> {imp.status === "QUEUED" ? "Waiting to start…" : "Importing…"}
        </CardTitle>
        <CardDescription>You can leave this page; the import carries on and this page picks it up again.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ProgressBar label="Import progress" value={imp.bytesDone} max={imp.bytesTotal || 1} valueText={`${Math.round(frac * 100)}%, ${count(imp.rowsDone)} rows`} />
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-live="polite">
          <Stat label="Rows done" value={count(imp.rowsDone)} />
          <Stat label="Read" value={`${bytes(imp.bytesDone)} of ${bytes(imp.bytesTotal)}`} />
          <Stat label="Rate" value={rate ? `${count(Math.round(rate))} rows/s` : "–"} />
          <Stat label="Time left" value={Number.isFinite(left) ? duration(left) : "–"} />
        </dl>
        <div>
          <ConfirmDialog
            trigger="Stop import"
            title="Stop this import?"
            description="It stops within a few seconds, on whichever server runs it. Rows already written are kept; you can revert the import to remove them."
            confirmLabel="Stop import"
            onConfirm={async () => {
              const r = await cancelImportAction({ importId: imp.id });
              if (!r.ok) {
                toast.error(r.error);
                return false;
              }
              toast.success(r.data === "cancelled" ? "Import stopped." : "Stopping the import…");
              router.refresh();
            }}
          />
        </div>
      </CardContent>
    </Card>
  );
}
