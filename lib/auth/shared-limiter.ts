// The sign-in limiter when the app runs as several processes (`npm start`: scripts/serve.ts forks
// one worker per core). The count of failures must be one count, or each worker would allow its
// own share: the primary process keeps the one FailureLimiter and the workers ask it over the
// cluster's IPC channel. A single process (`next dev`, `next start`, tests) keeps it in memory.
// On PostgreSQL the count is in the database instead (db-limiter.ts): it holds across servers.
import { env } from "@/lib/env";
import { FailureLimiter, type LimitVerdict } from "./rate-limit";

export type SignInLimiter = {
  check(keys: string[]): Promise<LimitVerdict>;
  fail(keys: string[]): Promise<void>;
  reset(key: string): Promise<void>;
};

/** Set by the primary for its workers. */
export const SHARED_LIMITER_ENV = "RD_SHARED_LIMITER";
const CHANNEL = "rd:sign-in-limiter";

type Op = { op: "check"; keys: string[] } | { op: "fail"; keys: string[] } | { op: "reset"; key: string };
type Call = { channel: typeof CHANNEL; id: number } & Op;
type Reply = { channel: typeof CHANNEL; id: number; verdict?: LimitVerdict; error?: string };

const isReply = (m: unknown): m is Reply => typeof m === "object" && m !== null && (m as Reply).channel === CHANNEL;
const isCall = (m: unknown): m is Call => isReply(m) && "op" in (m as object);

/** The limits: per account, and per address (an office shares one: four times an account's). */
export function signInLimits(): { limit: (key: string) => number; windowMs: number } {
  const { SIGNIN_MAX_ATTEMPTS, SIGNIN_WINDOW_SECONDS } = env();
  return { limit: (key) => (key.startsWith("ip:") ? SIGNIN_MAX_ATTEMPTS * 4 : SIGNIN_MAX_ATTEMPTS), windowMs: SIGNIN_WINDOW_SECONDS * 1000 };
}

export function signInFailureLimiter(): FailureLimiter {
  const { limit, windowMs } = signInLimits();
  return new FailureLimiter(limit, windowMs);
}

export function localLimiter(limiter: FailureLimiter): SignInLimiter {
  return {
    check: async (keys) => limiter.check(keys),
    fail: async (keys) => limiter.fail(keys),
    reset: async (key) => limiter.reset(key),
  };
}

// A cluster worker seen from the primary, or `process` in a worker.
type Port = { send?: (message: Call | Reply) => unknown; on(event: "message", listener: (message: unknown) => void): unknown };

/** A worker's limiter: every call answered by the primary (within `timeoutMs`, else refused). */
export function remoteLimiter(port: Port, timeoutMs = 5_000): SignInLimiter {
  let next = 0;
  const pending = new Map<number, { resolve: (r: Reply) => void; timer: NodeJS.Timeout }>();
  port.on("message", (m) => {
    if (!isReply(m) || isCall(m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(m.id);
    p.resolve(m);
  });
  const call = (body: Op) =>
    new Promise<Reply>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("the sign-in limiter did not answer"));
      }, timeoutMs);
      pending.set(id, { resolve, timer });
      port.send!({ ...body, channel: CHANNEL, id });
    }).then((r) => {
      if (r.error) throw new Error(r.error);
      return r;
    });
  return {
    check: async (keys) => (await call({ op: "check", keys })).verdict!,
    fail: async (keys) => void (await call({ op: "fail", keys })),
    reset: async (key) => void (await call({ op: "reset", key })),
  };
}

/** The primary's side: answers one worker's calls from the shared limiter. */
export function serveLimiter(worker: Port, limiter: FailureLimiter): void {
  worker.on("message", (m) => {
    if (!isCall(m)) return;
    const reply: Reply = { channel: CHANNEL, id: m.id };
    try {
      if (m.op === "check") reply.verdict = limiter.check(m.keys.map(String));
      else if (m.op === "fail") limiter.fail(m.keys.map(String));
      else limiter.reset(String(m.key));
    } catch (e) {
      reply.error = (e as Error).message;
    }
    worker.send?.(reply);
  });
}
