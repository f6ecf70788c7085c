// Finds every near-duplicate group again from scratch (README "Duplicate detection"):
//   npm run duplicates:rebuild            forgets the groups (keeps admins' "not a duplicate" marks)
//                                         and places every ad again, in arrival order
//   npm run duplicates:rebuild -- --sync  only brings groups up to date (what every import does)
// For existing databases, after changing the detector's threshold, or after many marks. Prints
// progress, the outcome, the time and the peak memory. The admin page's button runs the same.
// `--job <id>`: a rebuild started from the admin page; progress and outcome go to its DuplicateRun row.
// `--follow --after <id>`: runs beside an import that forked it (lib/ads/duplicate-follower.ts), grouping its ads as
// they commit until the import sends "finished"; the outcome goes back as a message.
import { env } from "@/lib/env";
import { stopWithRunner } from "@/lib/jobs/child";
import { DupConn, syncDuplicates, type SyncProgress } from "@/lib/ads/duplicate-store";
import { Sql, timestamp } from "@/lib/db/sql";

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

/** The follower's side of lib/ads/duplicate-follower.ts. */
async function follow(url: string, after: number) {
  let finished = false;
  let wake: (() => void) | null = null;
  process.on("message", (m) => {
    if (m === "finished") finished = true;
    wake?.();
  });
  // The import is gone (killed, or it failed) once the channel is closed: write what is held and
  // release the lease at once, so its re-run's follower does not wait for it; that run groups the
  // rest. Read from the channel itself, not from a "disconnect" event: an import killed while this
  // process was still starting closed it before any listener was there (likely at nice 19), and
  // this process then followed nothing forever, holding the lease.
  const gone = () => !process.connected;
  process.on("disconnect", () => wake?.());
  const r = await syncDuplicates(url, {
    follow: {
      finished: () => finished || gone(),
      wait: () => new Promise<void>((resolve) => setTimeout((wake = resolve), 250)),
      after,
      abandoned: gone,
    },
  });
  if (!gone()) await tell({ result: { ...r, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) } });
}

const tell = (message: object) => new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));

async function main() {
  const { DATABASE_URL } = env();
  if (process.argv.includes("--follow")) {
    try {
      const after = Number(process.argv[process.argv.indexOf("--after") + 1]);
      if (!process.argv.includes("--after") || !Number.isInteger(after) || after < 0) throw new Error("--follow needs --after <the last ad id before the import>");
      await follow(DATABASE_URL, after);
    } catch (e) {
      if (process.connected) await tell({ error: (e as Error).message });
      else throw e;
    }
    return;
  }
  const rebuild = !process.argv.includes("--sync");
  const jobAt = process.argv.indexOf("--job");
  const job = jobAt >= 0 ? process.argv[jobAt + 1] : null;
  if (job) stopWithRunner();
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
