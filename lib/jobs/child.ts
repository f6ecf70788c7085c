// For a job's own process (started by lib/jobs/runner.ts with an IPC channel): stop when the runner
// goes away, as when its server is killed, so another server can take the job over cleanly instead
// of two processes writing the same import. Work is committed in whole batches, so stopping at any
// point loses nothing that was committed.
import { EXIT_RUNNER_GONE } from "./kinds";

/** True when this process was started by a job runner. */
export function isJobChild(): boolean {
  return typeof process.send === "function" && !!process.env.RD_JOB_ID;
}

export function stopWithRunner(): void {
  if (!isJobChild()) return;
  process.channel?.unref(); // the channel alone does not keep the process alive
  process.on("disconnect", () => {
    console.error("the job runner went away: stopping (another server resumes the job)");
    process.exit(EXIT_RUNNER_GONE);
  });
}
