// Salary model training, in a process of its own (the web app never trains on a request):
//   npx tsx scripts/train-salary.ts              train now, printing progress (also `--now`)
//   npx tsx scripts/train-salary.ts --job <id>   run a queued training (a job runner starts it: lib/jobs)
//   npx tsx scripts/train-salary.ts --after-import   after an import: queue a (debounced) training when enough
//                                                    ads changed, else estimate the new salary-less ads
import { getDb } from "@/lib/db/client";
import { stopWithRunner } from "@/lib/jobs/child";
import { EXIT_LATER } from "@/lib/jobs/kinds";
import { afterImport, requestTraining, runJob } from "@/lib/salary-estimates/jobs";

const args = process.argv.slice(2);
const db = getDb();
stopWithRunner();

async function main(): Promise<number> {
  const job = args.indexOf("--job");
  if (job >= 0) {
    const id = Number(args[job + 1]);
    if (!Number.isInteger(id)) throw new Error("--job needs a model id");
    // Not its time yet, or an import is running: the runner queues it again shortly.
    return (await runJob(db, id, { once: true })) === "later" ? EXIT_LATER : 0;
  }
  if (args.includes("--after-import")) {
    console.log(`after import: ${await afterImport(db)}`);
    return 0;
  }
  const id = await requestTraining({ reason: "admin", queueJob: false }, db);
  const timer = setInterval(async () => {
    const r = await db.salaryModel.findUnique({ where: { id }, select: { progress: true, phase: true } });
    if (r) console.error(`${String(r.progress).padStart(3)}% ${r.phase ?? ""}`);
  }, 2000);
  await runJob(db, id, { pollMs: 200 });
  clearInterval(timer);
  const m = await db.salaryModel.findUnique({ where: { id }, select: { status: true, message: true, adsUsed: true, adsEstimated: true, measures: true, byteSize: true } });
  console.log(JSON.stringify({ id, ...m }, null, 2));
  return m?.status === "READY" ? 0 : 1;
}

main().then(
  async (code) => {
    await db.$disconnect();
    process.exit(code);
  },
  async (e) => {
    console.error(`salary training failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
