// localEvents() in a worker thread, for the CLI and background jobs (run under tsx). The web
// server never loads this module.
import { Worker } from "node:worker_threads";
import type { PipelineEvent } from "./events";
import type { ImportFile } from "./sources";
import type { LocationRow } from "./writer";

/** Messages in flight from the worker before it waits for the main thread to catch up. */
export const MAX_IN_FLIGHT = 4;
export const EVENTS_PER_MESSAGE = 500;

/**
 * localEvents() in a worker thread. Backpressure keeps memory flat: the worker stops after
 * MAX_IN_FLIGHT unacknowledged messages.
 */
export async function* parallelEvents(files: ImportFile[], locations: LocationRow[]): AsyncGenerator<PipelineEvent> {
  const worker = new Worker(new URL("./events-worker-boot.mjs", import.meta.url), {
    workerData: { files, locations },
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 },
  });
  const queue: PipelineEvent[][] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on("message", (m: { events?: PipelineEvent[]; done?: boolean; error?: string }) => {
    if (m.events) queue.push(m.events);
    if (m.done) done = true;
    if (m.error) failure = new Error(m.error);
    wake?.();
  });
  worker.on("error", (e) => {
    failure = e;
    wake?.();
  });
  worker.on("exit", (code) => {
    if (!done && !failure) failure = new Error(`the parsing worker stopped (exit ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      while (!queue.length && !done && !failure) await new Promise<void>((r) => (wake = r));
      wake = null;
      const events = queue.shift();
      if (events) {
        worker.postMessage("ack");
        yield* events;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
    }
  } finally {
    await worker.terminate();
  }
}
