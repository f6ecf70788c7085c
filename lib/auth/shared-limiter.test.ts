import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";
import { remoteLimiter, serveLimiter } from "./shared-limiter";

/** A primary and `n` workers joined as node:cluster joins them (messages are copied, and asynchronous). */
function cluster(n: number, limiter: FailureLimiter) {
  return Array.from({ length: n }, () => {
    const toWorker = new EventEmitter();
    const toPrimary = new EventEmitter();
    const copy = (m: unknown) => JSON.parse(JSON.stringify(m)) as unknown;
    const primarySide = { send: (m: unknown) => void setImmediate(() => toWorker.emit("message", copy(m))), on: (e: "message", f: (m: unknown) => void) => toPrimary.on(e, f) };
    const workerSide = { send: (m: unknown) => void setImmediate(() => toPrimary.emit("message", copy(m))), on: (e: "message", f: (m: unknown) => void) => toWorker.on(e, f) };
    serveLimiter(primarySide, limiter);
    return remoteLimiter(workerSide);
  });
}

describe("the sign-in limiter shared by worker processes", () => {
  it("counts failures from every worker against one limit", async () => {
    const workers = cluster(3, new FailureLimiter(() => 4, 60_000));
    const keys = ["email:a@x.uk", "ip:1.2.3.4"];
    for (let i = 0; i < 4; i++) {
      expect(await workers[i % 3].check(keys)).toEqual({ ok: true });
      await workers[i % 3].fail(keys);
    }
    // Each worker saw at most two failures, yet every worker now refuses.
    for (const w of workers) expect(await w.check(keys)).toMatchObject({ ok: false });
    expect(await workers[0].check(["email:other@x.uk"])).toEqual({ ok: true });
  });

  it("forgets an account's failures when it signs in, whichever worker served it", async () => {
    const [a, b] = cluster(2, new FailureLimiter(() => 2, 60_000));
    await a.fail(["email:a@x.uk"]);
    await b.reset("email:a@x.uk");
    await a.fail(["email:a@x.uk"]);
    expect(await b.check(["email:a@x.uk"])).toEqual({ ok: true });
  });

  it("refuses rather than waits forever when the primary does not answer", async () => {
    const silent = remoteLimiter({ send: () => {}, on: () => {} }, 20);
    await expect(silent.check(["email:a@x.uk"])).rejects.toThrow("did not answer");
  });
});
