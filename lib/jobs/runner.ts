// A server's job runner: claims queued jobs while it has a free slot (JOB_CONCURRENCY), runs each in
// a child process (lib/jobs/kinds.ts), beats the heartbeat of the jobs it holds, stops those
// cancelled from any server, and takes part in the upkeep every server shares: jobs whose server
// died are queued again (they resume from their last committed batch), and the hourly upload sweep
// is queued once per hour for all servers. `npm start` runs one in its primary process;
// `npm run jobs` runs one alone (beside `npm run dev`, or on a machine that only runs jobs).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { bulkProcessEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { EXIT_LATER, JOB_SPECS } from "./kinds";
import { claimJob, enqueueJob, finishRun, heartbeat, requeueStale, setPid, type ClaimedJob, type RunEnd } from "./queue";

export type RunnerOptions = {
  /** Jobs this runner runs at once. */
  concurrency: number;
  /** A RUNNING job whose heartbeat is older than this is taken to have lost its server. */
  staleMs: number;
  /** How often to look for work (and beat heartbeats). */
  pollMs?: number;
  /** Where job logs go (data/logs). */
  logDir: string;
  /** This runner's name on the jobs it holds. */
  worker?: string;
};

type Running = { job: ClaimedJob; child: ChildProcess; cancelled: boolean; lost: boolean; releasing: boolean; ended: Promise<void> };

/** After a job asked to run later (waiting for an import to finish), it is tried again after this. */
const LATER_MS = 5_000;
const SWEEP_EVERY_MS = 3600_000;

export class JobRunner {
  readonly worker: string;
  private readonly running = new Map<number, Running>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopping = false;
  private lastUpkeep = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: RunnerOptions,
  ) {
    this.worker = opts.worker ?? `${os.hostname()}:${process.pid}`;
  }

  start(): void {
    mkdirSync(this.opts.logDir, { recursive: true });
    this.timer = setInterval(() => void this.tick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    void this.tick();
    logger.info("job runner started", { worker: this.worker, concurrency: this.opts.concurrency });
  }

  /** Jobs running now (ids). */
  active(): number[] {
    return [...this.running.keys()];
  }

  /** One pass: heartbeats, cancels, upkeep, then claims while a slot is free. Never runs twice at once. */
  tick(): Promise<void> {
    this.ticking ??= this.pass()
      .catch((e) => logger.error("job runner: a pass failed", { worker: this.worker, error: e }))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async pass(): Promise<void> {
    const { cancel, lost } = await heartbeat(this.db, this.worker, this.active());
    for (const id of cancel) this.halt(id, "cancelled");
    for (const id of lost) this.halt(id, "lost");
    const upkeepEvery = Math.min(this.opts.staleMs / 2, 15_000);
    if (Date.now() - this.lastUpkeep >= upkeepEvery) {
      this.lastUpkeep = Date.now();
      await this.upkeep();
    }
    while (!this.stopping && this.running.size < this.opts.concurrency) {
      const job = await claimJob(this.db, this.worker);
      if (!job) break;
      this.launch(job);
    }
  }

  private async upkeep(): Promise<void> {
    for (const s of await requeueStale(this.db, this.opts.staleMs)) {
      logger.warn(s.status === "QUEUED" ? "job queued again: its server stopped" : "job failed: its server stopped too often", { jobId: s.id, kind: s.kind, ref: s.ref });
      if (s.status === "FAILED") await JOB_SPECS[s.kind].settle?.(this.db, s.ref, "The job stopped several times (its server went away) and was given up. Start it again.");
    }
    await recoverOrphanImports(this.db);
    // One sweep of abandoned uploads an hour, whichever server queues it first.
    const hour = new Date(Math.floor(Date.now() / SWEEP_EVERY_MS) * SWEEP_EVERY_MS).toISOString();
    await enqueueJob(this.db, { kind: "uploads.sweep", key: `uploads.sweep:${hour}`, maxAttempts: 1 });
  }

  private launch(job: ClaimedJob): void {
    const spec = JOB_SPECS[job.kind];
    const log = openSync(path.join(this.opts.logDir, spec.log(job.ref)), "a");
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [`--max-old-space-size=${spec.heapMb}`, "--import", "tsx", spec.script, ...spec.args(job.ref)], {
        cwd: process.cwd(),
        stdio: ["ignore", log, log, "ipc"],
        env: { ...process.env, ...bulkProcessEnv(), RD_JOB_ID: String(job.id) },
      });
    } finally {
      closeSync(log);
    }
    let resolveEnded!: () => void;
    const ended = new Promise<void>((r) => (resolveEnded = r));
    const run: Running = { job, child, cancelled: false, lost: false, releasing: false, ended };
    this.running.set(job.id, run);
    logger.info("job started", { jobId: job.id, kind: job.kind, ref: job.ref, attempt: job.attempts, pid: child.pid, worker: this.worker });
    void setPid(this.db, job.id, this.worker, child.pid).catch(() => {});
    let done = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (done) return;
      done = true;
      void this.ended(run, code, signal, error).finally(resolveEnded);
    };
    child.on("exit", (code, signal) => onEnd(code, signal));
    child.on("error", (e) => onEnd(null, null, e));
  }

  private async ended(run: Running, code: number | null, signal: NodeJS.Signals | null, error?: Error): Promise<void> {
    this.running.delete(run.job.id);
    const { job } = run;
    if (run.lost) {
      logger.warn("job stopped: another server holds it now", { jobId: job.id, kind: job.kind, ref: job.ref });
      return;
    }
    const how = error ? `could not start: ${error.message}` : signal ? `killed by ${signal}` : `exit code ${code}`;
    try {
      const cancelMessage = run.cancelled ? ((await this.db.job.findUnique({ where: { id: job.id }, select: { message: true } }))?.message ?? "Cancelled.") : "";
      const end: RunEnd = run.cancelled
        ? { outcome: "cancelled", message: cancelMessage }
        : run.releasing
          ? { outcome: "released", message: `released by ${this.worker} as it stopped` }
          : code === 0
            ? { outcome: "done" }
            : code === EXIT_LATER
              ? { outcome: "later", delayMs: LATER_MS }
              : { outcome: "crashed", message: `attempt ${job.attempts} stopped (${how})` };
      const status = await finishRun(this.db, job.id, this.worker, end);
      logger[status === "FAILED" ? "error" : "info"]("job ended", { jobId: job.id, kind: job.kind, ref: job.ref, how, status });
      if (status === "FAILED") await JOB_SPECS[job.kind].settle?.(this.db, job.ref, `The job stopped ${job.attempts} times (last: ${how}) and was given up. Start it again.`);
      if (status === "CANCELLED") await JOB_SPECS[job.kind].settle?.(this.db, job.ref, cancelMessage);
    } catch (e) {
      // The row stays RUNNING with a heartbeat nobody beats: upkeep queues it again.
      logger.error("job runner: could not record a job's end", { jobId: job.id, error: e });
    }
    if (!this.stopping) void this.tick(); // a slot is free
  }

  private halt(id: number, why: "cancelled" | "lost"): void {
    const run = this.running.get(id);
    if (!run) return;
    if (why === "cancelled") run.cancelled = true;
    else run.lost = true;
    stopChild(run.child);
  }

  /**
   * Stops claiming and hands the jobs it holds back to the queue at once (their processes are
   * stopped; another server, or this one after a restart, resumes them). Resolves when all ended.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    const runs = [...this.running.values()];
    for (const r of runs) {
      r.releasing = true;
      stopChild(r.child, graceMs);
    }
    await Promise.all(runs.map((r) => r.ended));
  }
}

function stopChild(child: ChildProcess, graceMs = 5_000): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, graceMs).unref();
}

/** An import's own heartbeat (written with each batch) older than this, and no job: nobody runs it. */
const ORPHAN_IMPORT_MS = 5 * 60_000;

/**
 * Imports from the browser left QUEUED or RUNNING with no live job: queued before the job table
 * existed, or whose job gave up without its record being told. The first are queued (the key makes
 * that once); the second are marked failed. (A command-line import is its terminal's: never taken
 * over, since its process may simply be busy between batches.)
 */
export async function recoverOrphanImports(db: Db): Promise<void> {
  const cutoff = new Date(Date.now() - ORPHAN_IMPORT_MS);
  const stale = await db.import.findMany({
    where: { origin: "web", status: { in: ["QUEUED", "RUNNING"] }, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
    select: { id: true },
    take: 50,
  });
  for (const { id } of stale) {
    const job = await db.job.findUnique({ where: { key: importJobKey(id) }, select: { status: true, message: true } });
    if (!job) await enqueueJob(db, { kind: "import", ref: id, key: importJobKey(id), maxAttempts: IMPORT_ATTEMPTS });
    else if (job.status === "FAILED" || job.status === "CANCELLED") await JOB_SPECS.import.settle?.(db, id, job.message ?? "The import's job stopped.");
  }
}

/** An import has one job; it may lose its server this many times and still finish. */
export const IMPORT_ATTEMPTS = 5;
export const importJobKey = (importId: string) => `import:${importId}`;
