// npm start — the production server: one Next.js worker process per core (WEB_CONCURRENCY to
// choose), sharing the port through node:cluster. One Node process renders pages on one core; a
// desk's second core then sits idle while requests queue (see `npm run bench:load`).
//
//   npm start                      # port 3000 (PORT, or -p / --port), every interface
//   npm start -- -p 3100 -H 127.0.0.1
//   WEB_CONCURRENCY=1 npm start    # a single worker
//
// The primary only supervises: it forks the workers (scripts/serve-worker.mjs, plain Node: no
// TypeScript loader in the request path), restarts one that dies, keeps the one sign-in failure
// count they share on SQLite (lib/auth/shared-limiter.ts), runs this server's job runner
// (lib/jobs/runner.ts: imports, rebuilds, training and sweeps queued in the database, up to
// JOB_CONCURRENCY at once, each in its own process), and on SIGTERM / SIGINT hands its jobs back to
// the queue and lets the workers finish their requests and stop.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { serveLimiter, SHARED_LIMITER_ENV, signInFailureLimiter } from "@/lib/auth/shared-limiter";
import { getDb } from "@/lib/db/client";
import { dataDir, env } from "@/lib/env";
import { JobRunner } from "@/lib/jobs/runner";

nextEnv.loadEnvConfig(process.cwd(), false); // .env files, as `next start` reads them

function option(names: string[], fallback: string | undefined): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    if (names.includes(flag)) return inline ?? args[i + 1];
  }
  return fallback;
}

const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(["-H", "--hostname"], process.env.HOSTNAME);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`npm start: "${port}" is not a port number`);
  process.exit(2);
}

const limiter = signInFailureLimiter();
// SERVE_WORKER_NODE_ARGS: Node flags for the workers (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
const workerArgs = (process.env.SERVE_WORKER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
cluster.setupPrimary({ exec: path.resolve("scripts/serve-worker.mjs"), execArgv: workerArgs, silent: false });
let stopping = false;
const started = Date.now();
let restarts = 0;

function fork(): Worker {
  const w = cluster.fork({ ...process.env, PORT: String(port), ...(hostname ? { HOSTNAME: hostname } : {}), [SHARED_LIMITER_ENV]: "1" });
  serveLimiter(w, limiter);
  return w;
}

for (let i = 0; i < workers; i++) fork();
let listening = 0;
cluster.on("listening", () => {
  if (++listening === workers) console.log(`▲ Recruiter Desk on http://${hostname ?? "localhost"}:${port} — ${workers} worker process${workers === 1 ? "" : "es"}`);
});
cluster.on("exit", (w, code, signal) => {
  if (stopping) {
    if (!Object.keys(cluster.workers ?? {}).length) void jobsHandedBack.finally(() => process.exit(0));
    return;
  }
  // A worker that dies is replaced; one that cannot start at all (bad build, port taken) is not
  // restarted forever.
  console.error(`worker ${w.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
  if (++restarts > 5 * workers && Date.now() - started < 60_000) {
    console.error("workers keep stopping: giving up");
    process.exit(1);
  }
  fork();
});

const { JOB_CONCURRENCY, JOB_STALE_SECONDS } = env();
const runner = JOB_CONCURRENCY > 0 ? new JobRunner(getDb(), { concurrency: JOB_CONCURRENCY, staleMs: JOB_STALE_SECONDS * 1000, logDir: path.join(dataDir(), "logs") }) : null;
runner?.start();
let jobsHandedBack: Promise<void> = Promise.resolve();

for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    // Jobs go back to the queue at once, for another server (or this one after its restart).
    if (runner) jobsHandedBack = runner.stop().catch((e) => console.error(`could not hand the jobs back: ${(e as Error).message}`));
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), env().DRAIN_SECONDS * 1000 + 10_000).unref(); // drain, then 10 s for requests in flight
  });
}
