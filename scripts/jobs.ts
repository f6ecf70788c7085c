// A job runner on its own: `npm run jobs`. `npm start` already runs one in each server; run this
// beside `npm run dev` (which has none), or on a machine that should only run background work
// (imports, duplicate rebuilds, salary training, upload sweeps) for the app servers it shares the
// database with. JOB_CONCURRENCY jobs at once; Ctrl-C hands running jobs back to the queue.
import path from "node:path";
import nextEnv from "@next/env";
import { getDb } from "@/lib/db/client";
import { dataDir, env } from "@/lib/env";
import { JobRunner } from "@/lib/jobs/runner";

nextEnv.loadEnvConfig(process.cwd(), false);
const { JOB_CONCURRENCY, JOB_STALE_SECONDS } = env();
const runner = new JobRunner(getDb(), { concurrency: Math.max(1, JOB_CONCURRENCY), staleMs: JOB_STALE_SECONDS * 1000, logDir: path.join(dataDir(), "logs") });
runner.start();
console.log(`job runner ${runner.worker}: up to ${Math.max(1, JOB_CONCURRENCY)} job(s) at once; logs in ${path.join(dataDir(), "logs")}`);
for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.once(sig, () => {
    console.log("handing running jobs back to the queue…");
    void runner.stop().finally(() => process.exit(0));
  });
}
