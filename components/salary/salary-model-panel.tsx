"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress";
import { retrainSalaryModelAction, salaryTrainingStatusAction } from "@/lib/salary-estimates/actions";
import type { TrainingRun } from "@/lib/salary-estimates/overview";

const running = (r: TrainingRun | null) => r?.status === "QUEUED" || r?.status === "TRAINING";

/** The retrain button and, while a training runs, its progress (polled once a second). */
export function SalaryModelPanel({ initialRun, hasModel }: { initialRun: TrainingRun | null; hasModel: boolean }) {
  const router = useRouter();
  const [run, setRun] = useState(initialRun);
  const [starting, setStarting] = useState(false);
  const active = running(run);

  // A refresh brought the server's latest run: show it (set during render, not in an effect).
  const [shownInitial, setShownInitial] = useState(initialRun);
  if (initialRun !== shownInitial) {
    setShownInitial(initialRun);
    setRun(initialRun);
  }

  useEffect(() => {
    if (!active) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const r = await salaryTrainingStatusAction({}).catch(() => null);
      if (!live) return;
      if (r?.ok) {
        setRun(r.data);
        if (!running(r.data)) {
          router.refresh();
          return;
        }
      }
      timer = setTimeout(tick, 1000);
    };
    timer = setTimeout(tick, 1000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [active, router]);

  async function retrain() {
    setStarting(true);
    const r = await retrainSalaryModelAction({});
    setStarting(false);
    if (!r.ok) return toast.error(r.error);
    const status = await salaryTrainingStatusAction({});
    if (status.ok) setRun(status.data);
  }

  return (
    <div className="grid gap-3">
      {active && run ? (
        <div className="grid max-w-xl gap-2" aria-live="polite">
          <p className="text-sm font-medium">
            {run.status === "QUEUED" ? "Training is queued" : "Training the salary model"}: {run.phase ?? "starting"}
          </p>
          <ProgressBar label="Salary model training" value={run.progress} max={100} valueText={`${run.progress}%: ${run.phase ?? "starting"}`} />
          <p className="text-xs text-muted-foreground">You can leave this page: training runs in the background and the estimates change when it ends.</p>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={retrain} disabled={starting}>
            {starting ? "Starting…" : hasModel ? "Retrain now" : "Train the model"}
          </Button>
          {run?.status === "FAILED" && (
            <Alert variant="destructive" role="alert" className="max-w-xl">
              The last training failed: {run.message ?? "see the server log"}
            </Alert>
          )}
        </div>
      )}
    </div>
  );
}
