// Text extraction off the event loop: documents are read in worker threads with a wall-clock limit
// and a memory limit per document, and a thread that passes either is killed (and replaced when
// next needed). A request never parses a file itself, so a hostile upload costs one bounded
// thread, never the server's responsiveness. At most MAX_RUNNING documents are read at once per
// process; more wait their turn (up to MAX_WAITING, then the reader says it is busy). Idle threads
// stay a little while (a bulk import reads many files) and then stop.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DEFAULT_READ_LIMITS, kindOf, normaliseText, SMALLER, type ReadLimits } from "./readers";
import type { WorkerReply, WorkerRequest } from "./worker";

export type SandboxLimits = ReadLimits & {
  /** wall-clock time one document may take once its worker is ready */
  timeoutMs: number;
  /** a worker's JavaScript heap */
  heapMb: number;
  /** bytes of the file itself */
  maxBytes: number;
};

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { ...DEFAULT_READ_LIMITS, timeoutMs: 10_000, heapMb: 192, maxBytes: 5 * 1024 ** 2 };

export type Extracted = { ok: true; text: string } | { ok: false; message: string };

// One document at a time per process: `npm start` runs a process per core, and a request loop
// must keep a core's share for itself.
const MAX_RUNNING = 1;
const MAX_WAITING = 32;
const IDLE_MS = 30_000;
const BOOT_MS = 30_000;

/**
 * The worker's start: the boot file in the project root (the server's, the CLI's and the tests'
 * working folder), imported by a one-line script. Given as code (eval) rather than as a path, so
 * the bundler does not try to bundle the worker (and tsx, which it loads) into the server.
 */
const workerScript = () => `import(${JSON.stringify(pathToFileURL(path.join(process.cwd(), "lib", "extract", "worker-boot.mjs")).href)})`;

/** One worker thread, reused for document after document until it is killed or sits idle. */
class ExtractWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<boolean>;
  private pending: { id: number; resolve: (r: Extracted) => void } | null = null;
  private idle: NodeJS.Timeout | null = null;
  dead = false;
  private death: Extracted = { ok: false, message: "the file could not be read" };

  constructor(
    readonly heapMb: number,
    private readonly onGone: (w: ExtractWorker) => void,
  ) {
    this.worker = new Worker(workerScript(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(4, Math.round(heapMb / 8)), stackSizeMb: 4 },
      stdout: true, // pdf.js and mammoth may print: nothing of theirs reaches the server's log
      stderr: true,
    });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), BOOT_MS);
      this.worker.once("message", (m) => {
        clearTimeout(timer);
        resolve(m === "ready");
      });
      this.worker.once("exit", () => resolve(false));
    });
    this.worker.on("message", (m: WorkerReply | "ready") => {
      if (m === "ready" || !this.pending || m.id !== this.pending.id) return;
      const { resolve } = this.pending;
      this.pending = null;
      resolve(m.ok ? m : { ok: false, message: m.expected ? m.message : "the file could not be read" });
    });
    this.worker.on("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") this.death = { ok: false, message: `it needs more than ${heapMb} MB of memory to read — ${SMALLER}` };
    });
    this.worker.on("exit", () => this.kill(this.death));
  }

  async read(request: WorkerRequest, timeoutMs: number): Promise<Extracted> {
    if (this.idle) clearTimeout(this.idle);
    if (!(await this.ready)) {
      this.kill();
      return { ok: false, message: "the file reader could not start; try again" };
    }
    const result = await new Promise<Extracted>((resolve) => {
      this.pending = { id: request.id, resolve };
      const timer = setTimeout(() => this.kill({ ok: false, message: `it took longer than ${+(timeoutMs / 1000).toFixed(1)} s to read — ${SMALLER}` }), timeoutMs);
      const done = resolve;
      this.pending.resolve = (r) => {
        clearTimeout(timer);
        done(r);
      };
      this.worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
    });
    if (!this.dead) this.idle = setTimeout(() => this.kill(), IDLE_MS).unref();
    return result;
  }

  /** Stops the thread; a document it was reading gets `answer`. */
  kill(answer: Extracted = this.death) {
    if (this.idle) clearTimeout(this.idle);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(answer);
    if (this.dead) return;
    this.dead = true;
    this.onGone(this);
    void this.worker.terminate();
  }
}

const idleWorkers: ExtractWorker[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 0;

function takeWorker(heapMb: number): ExtractWorker {
  const i = idleWorkers.findIndex((w) => w.heapMb === heapMb && !w.dead);
  if (i >= 0) return idleWorkers.splice(i, 1)[0];
  return new ExtractWorker(heapMb, (gone) => {
    const at = idleWorkers.indexOf(gone);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
}

async function withTurn<T>(fn: () => Promise<T>): Promise<T | "busy"> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) return "busy";
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * The tidied text of a .txt, .pdf or .docx file, or why it cannot be had, written for the person
 * who uploaded it (without the file's name: the caller adds it).
 */
export async function extractText(fileName: string, bytes: Uint8Array, overrides: Partial<SandboxLimits> = {}): Promise<Extracted> {
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...overrides };
  const kind = kindOf(fileName);
  if (!kind) return { ok: false, message: "only .txt, .pdf and .docx files can be read" };
  if (bytes.length === 0) return { ok: false, message: "the file is empty" };
  if (bytes.length > limits.maxBytes) return { ok: false, message: `larger than ${+(limits.maxBytes / 1024 ** 2).toFixed(1)} MB` };

  const { timeoutMs, heapMb, maxBytes: _maxBytes, ...readLimits } = limits;
  const outcome = await withTurn(async () => {
    const worker = takeWorker(heapMb);
    const result = await worker.read({ id: ++nextId, kind, bytes: bytes.slice(), limits: readLimits }, timeoutMs);
    if (!worker.dead) idleWorkers.push(worker);
    return result;
  });
  if (outcome === "busy") return { ok: false, message: "the file reader is busy; try again in a minute" };
  if (!outcome.ok) return outcome;
  const text = normaliseText(outcome.text, limits.maxChars);
  if (!text) return { ok: false, message: kind === "pdf" ? "no text found (is it a scanned image?)" : "no text found" };
  return { ok: true, text };
}
