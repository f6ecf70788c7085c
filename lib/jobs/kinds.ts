// What each kind of job runs, and what its record says when the job gives up or is cancelled.
// Every job runs in a child process of the runner (never on a request's event loop), with its own
// heap limit: the same scripts an admin can run by hand.
import type { Db } from "@/lib/db/client";
import type { JobKind } from "./queue";

export type JobSpec = {
  script: string;
  args: (ref: string) => string[];
  /** --max-old-space-size for its process, MB. */
  heapMb: number;
  /** Its log file's name under data/logs/. */
  log: (ref: string) => string;
  /** The job stopped for good (attempts used up, or cancelled): say so on the record it works on. */
  settle?: (db: Db, ref: string, message: string) => Promise<unknown>;
};

const importSettle = (db: Db, ref: string, message: string) =>
  db.import.updateMany({ where: { id: ref, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", message, finishedAt: new Date() } });

export const JOB_SPECS: Record<JobKind, JobSpec> = {
  import: {
    script: "scripts/import.ts",
    args: (ref) => ["--job", ref],
    heapMb: 96,
    log: (ref) => `import-${ref}.log`,
    settle: importSettle,
  },
  "duplicates.rebuild": {
    script: "scripts/duplicates-rebuild.ts",
    args: (ref) => ["--job", ref],
    heapMb: 96,
    log: (ref) => `duplicates-${ref}.log`,
    settle: (db, ref, message) =>
      db.duplicateRun.updateMany({ where: { id: ref, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", message, finishedAt: new Date() } }),
  },
  "salary.train": {
    script: "scripts/train-salary.ts",
    args: (ref) => ["--job", ref],
    heapMb: 256,
    log: () => "salary-training.log",
    settle: (db, ref, message) =>
      db.salaryModel.updateMany({ where: { id: Number(ref), status: { in: ["QUEUED", "TRAINING"] } }, data: { status: "FAILED", phase: null, message } }),
  },
  "salary.after-import": { script: "scripts/train-salary.ts", args: () => ["--after-import"], heapMb: 256, log: () => "salary-training.log" },
  "uploads.sweep": { script: "scripts/sweep-uploads.ts", args: () => [], heapMb: 128, log: () => "uploads-sweep.log" },
};

/** Exit code a job's process uses to say "not now: queue me again shortly" (EX_TEMPFAIL). */
export const EXIT_LATER = 75;
/** Exit code of a job's process that stopped because its runner went away. */
export const EXIT_RUNNER_GONE = 70;
