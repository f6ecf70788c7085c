// Worker thread body for parallelEvents(): reads and normalises, posting events in chunks and
// waiting for acknowledgements so at most MAX_IN_FLIGHT chunks are queued.
import { parentPort, workerData } from "node:worker_threads";
import { localEvents, type PipelineEvent } from "./events";
import { EVENTS_PER_MESSAGE, MAX_IN_FLIGHT } from "./parallel-events";
import type { ImportFile } from "./sources";
import type { LocationRow } from "./writer";

const port = parentPort!;
let inFlight = 0;
let resume: (() => void) | null = null;
port.on("message", () => {
  inFlight--;
  resume?.();
});

async function send(events: PipelineEvent[]) {
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (resume = r));
  resume = null;
  inFlight++;
  port.postMessage({ events });
}

const { files, locations } = workerData as { files: ImportFile[]; locations: LocationRow[] };
try {
  let chunk: PipelineEvent[] = [];
  for await (const ev of localEvents(files, locations)) {
    chunk.push(ev);
    if (chunk.length >= EVENTS_PER_MESSAGE || ev.type === "fileEnd") {
      await send(chunk);
      chunk = [];
    }
  }
  if (chunk.length) await send(chunk);
  port.postMessage({ done: true });
} catch (e) {
  port.postMessage({ error: (e as Error).message });
}
