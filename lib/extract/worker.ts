// The extraction worker's body: reads documents one at a time with readers.ts's limits and posts
// each answer back. The parent (sandbox.ts) owns the clock and the memory limit, and kills this
// thread (never to be reused) when either is passed.
import { parentPort } from "node:worker_threads";
import { ExtractError, readDocument, type DocumentKind, type ReadLimits } from "./readers";

export type WorkerRequest = { id: number; kind: DocumentKind; bytes: Uint8Array; limits: ReadLimits };
export type WorkerReply = { id: number; ok: true; text: string } | { id: number; ok: false; message: string; expected: boolean };

const port = parentPort!;
port.on("message", async ({ id, kind, bytes, limits }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, text: await readDocument(kind, bytes, limits) };
  } catch (e) {
    reply = e instanceof ExtractError ? { id, ok: false, message: e.message, expected: true } : { id, ok: false, message: String((e as Error)?.message ?? e), expected: false };
  }
  port.postMessage(reply);
});
port.postMessage("ready");
