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
// count they share (lib/auth/shared-limiter.ts), sweeps abandoned upload drafts at start-up and
// every hour (scripts/sweep-uploads.ts, in a child process), and on SIGTERM / SIGINT lets the
// workers finish their requests and stop.
import { spawn } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { serveLimiter, SHARED_LIMITER_ENV, signInFailureLimiter } from "@/lib/auth/shared-limiter";
import { env } from "@/lib/env";

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
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
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

const SWEEP_EVERY_MS = 3600_000;
function sweepUploads() {
  if (stopping) return;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/sweep-uploads.ts"], { stdio: ["ignore", "inherit", "inherit"], env: process.env });
  child.on("error", (e) => console.error(`upload sweep could not start: ${e.message}`));
}
setTimeout(sweepUploads, 5_000).unref();
setInterval(sweepUploads, SWEEP_EVERY_MS).unref();

for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), env().DRAIN_SECONDS * 1000 + 10_000).unref(); // drain, then 10 s for requests in flight
  });
}
