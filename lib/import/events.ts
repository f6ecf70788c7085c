// The read-and-normalise half of the pipeline as one stream of events for all files. It runs
// in-process (tests, previews) or in a worker thread (parallelEvents) so that parsing and
// normalising use the second core while the main thread writes to the database.
import { Worker } from "node:worker_threads";
import { LocationResolver } from "@/lib/locations/resolve";
import { normaliseAd } from "./normalise";
import { readImportFile, type ImportFile, type SourceEvent } from "./sources";
import type { ImportProblem, MergePolicy, NormalisedAd } from "./types";
import type { LocationRow } from "./writer";

export type AdEvent = { type: "ad"; ad: NormalisedAd; policy: MergePolicy; file: string; line: number; problems: ImportProblem[]; unresolved: boolean };
export type PipelineEvent = (Exclude<SourceEvent, { type: "ad" }> | AdEvent | { type: "fileEnd" }) & { fileIndex: number };

export async function* localEvents(files: ImportFile[], locations: LocationRow[]): AsyncGenerator<PipelineEvent> {
  const resolver = new LocationResolver(locations);
  for (const [fileIndex, file] of files.entries()) {
    for await (const ev of readImportFile(file)) {
      if (ev.type === "ad") {
        const n = normaliseAd(ev.ad, resolver);
        yield { type: "ad", ad: n.ad, policy: ev.policy, file: ev.ad.file, line: ev.ad.line, problems: n.problems, unresolved: n.unresolvedLocation, fileIndex };
      } else yield { ...ev, fileIndex };
    }
    yield { type: "fileEnd", fileIndex };
  }
}

/** Messages in flight from the worker before it waits for the main thread to catch up. */
const MAX_IN_FLIGHT = 4;
export const EVENTS_PER_MESSAGE = 500;

/**
 * localEvents() in a worker thread. Backpressure keeps memory flat: the worker stops after
 * MAX_IN_FLIGHT unacknowledged messages.
 */
export async function* parallelEvents(files: ImportFile[], locations: LocationRow[]): AsyncGenerator<PipelineEvent> {
  const worker = new Worker(new URL("./events-worker-boot.mjs", import.meta.url), { workerData: { files, locations }, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
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

export { MAX_IN_FLIGHT };
