// Near-duplicate detection beside an import, in a process of its own (the import CLI and background
// import jobs; README "Duplicate detection"). The import parses on one core and writes on the other
// only part of the time; the follower uses what is left to group each batch as it commits, so the
// import ends with its groups nearly done instead of starting them. Its memory (the detector's typed
// arrays) is its own, not added to the import process's.
//
// The follower is `scripts/duplicates-rebuild.ts --follow`: syncDuplicates with a Follow that the
// parent ends by sending "finished" once its last batch (and the ads' indexes) are written. If it
// fails, the import runs the plain sync afterwards, as without a follower.
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { bulkProcessEnv } from "@/lib/env";
import type { SyncResult } from "./duplicate-store";

export type FollowerResult = SyncResult & { peakRssMb: number };

export type DuplicateFollower = {
  /** Tells the follower the import has written everything; resolves with its outcome. */
  finish(): Promise<FollowerResult>;
  /**
   * The import failed: the follower writes what it has grouped, releases the lease and exits
   * (nothing waits for it; the import's re-run groups the rest).
   */
  stop(): void;
  /** Resolves with the follower's exit code once its process has ended. */
  exited: Promise<number | null>;
};

/** The follower's niceness: the lowest CPU priority. */
const FOLLOWER_NICE = 19;

/** `afterId`: the import's ads are the ones above this id (the last ad before it began). */
export function startDuplicateFollower(url: string, afterId: number): DuplicateFollower {
  const child: ChildProcess = fork(path.resolve("scripts/duplicates-rebuild.ts"), ["--follow", "--after", String(afterId)], {
    execArgv: ["--max-old-space-size=96", "--import", "tsx"],
    env: { ...process.env, ...bulkProcessEnv(), DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    // The import is what its user waits for: the follower takes the CPU the import leaves idle, and
    // catches up when the import ends (measured: README "Duplicate detection").
    if (child.pid) os.setPriority(child.pid, FOLLOWER_NICE);
  } catch {
    // not permitted here: the follower runs at the import's priority
  }
  const outcome = new Promise<FollowerResult>((resolve, reject) => {
    child.on("message", (m: { result?: FollowerResult; error?: string }) => {
      if (m.result) resolve(m.result);
      if (m.error) reject(new Error(m.error));
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the duplicate follower stopped (exit ${code})`)));
  });
  outcome.catch(() => {}); // read by finish(); a failure before then must not go unhandled
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    exited,
    finish() {
      if (child.connected) child.send("finished");
      return outcome;
    },
    stop() {
      // Disconnecting tells it the import is over: it writes what it holds, releases the lease and exits.
      if (child.connected) child.disconnect();
    },
  };
}
