// Finds every near-duplicate group again from scratch (README "Duplicate detection"):
//   npm run duplicates:rebuild            forgets the groups (keeps admins' "not a duplicate" marks)
//                                         and places every ad again, in arrival order
//   npm run duplicates:rebuild -- --sync  only brings groups up to date (what every import does)
// For existing databases, after changing the detector's threshold, or after many marks. Prints
// progress, the outcome, the time and the peak memory. The admin page's button runs the same.
// `--job <id>`: a rebuild started from the admin page; progress and outcome go to its DuplicateRun row.
import { env } from "@/lib/env";
import { DupConn, syncDuplicates, type SyncProgress } from "@/lib/ads/duplicate-store";
import { Sql, timestamp } from "@/lib/db/sql";

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

async function main() {
  const { DATABASE_URL } = env();
  const rebuild = !process.argv.includes("--sync");
  const jobAt = process.argv.indexOf("--job");
  const job = jobAt >= 0 ? process.argv[jobAt + 1] : null;
  const conn = job ? await DupConn.open(DATABASE_URL) : null;
  const setRun = async (sets: string, ...args: unknown[]) => {
    if (conn) await conn.run(Sql.of(`UPDATE "DuplicateRun" SET ${sets}, "heartbeatAt" = ? WHERE "id" = ?`, ...args, timestamp(conn.dialect), job));
  };
  await setRun(`"status" = 'RUNNING', "done" = 0, "total" = 0`);
  const started = Date.now();
  let last = 0;
  let pending = Promise.resolve();
  const onProgress = (p: SyncProgress) => {
    pending = pending.then(() => setRun(`"done" = ?, "total" = ?`, p.done, p.total)).catch(() => {});
    if (Date.now() - last < 2000 && p.phase === "detecting" && p.done < p.total) return;
    last = Date.now();
    console.error(p.phase === "loading" ? "loading the stored state…" : `${p.phase}: ${fmt(p.done)} / ${fmt(p.total)} ads`);
  };
  let r;
  try {
    r = await syncDuplicates(DATABASE_URL, { rebuild, onProgress });
    await pending;
  } catch (e) {
    await pending;
    await setRun(`"status" = 'FAILED', "message" = ?, "finishedAt" = ?`, `stopped by an error: ${(e as Error).message}`, conn ? timestamp(conn.dialect) : null);
    await conn?.close();
    throw e;
  }
  await setRun(
    `"status" = 'SUCCEEDED', "message" = ?, "finishedAt" = ?`,
    `${fmt(r.fingerprinted + r.unchanged)} ads grouped in ${(r.ms / 1000).toFixed(1)} s`,
    conn ? timestamp(conn.dialect) : null,
  );
  await conn?.close();
  const secs = (Date.now() - started) / 1000;
  console.log(
    `${rebuild ? "Rebuilt" : "Synced"} near-duplicate groups: ${fmt(r.fingerprinted)} ads fingerprinted, ${fmt(r.unchanged)} unchanged, ${fmt(r.removed)} gone, ` +
      `${fmt(r.marks)} marks applied in ${secs.toFixed(1)} s, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
