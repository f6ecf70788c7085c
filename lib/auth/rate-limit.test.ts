import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

function limiter(max: (k: string) => number = () => 3) {
  let now = 1_000_000;
  const l = new FailureLimiter(max, 60_000, () => now);
  return { l, tick: (ms: number) => (now += ms) };
}

describe("FailureLimiter", () => {
  it("allows attempts until the limit, then says how long to wait", () => {
    const { l, tick } = limiter();
    const keys = ["email:a@x.uk", "ip:1.2.3.4"];
    for (let i = 0; i < 3; i++) {
      expect(l.check(keys)).toEqual({ ok: true });
      l.fail(keys);
      tick(10_000);
    }
    // failures at t=0, 10s, 20s; now t=30s: the first leaves the window at 60s
    expect(l.check(keys)).toEqual({ ok: false, retryAfterSeconds: 30 });
    tick(30_000);
    expect(l.check(keys)).toEqual({ ok: true });
  });

  it("limits per email and per IP independently", () => {
    const { l } = limiter((k) => (k.startsWith("ip:") ? 4 : 2));
    l.fail(["email:a@x.uk", "ip:9.9.9.9"]);
    l.fail(["email:a@x.uk", "ip:9.9.9.9"]);
    expect(l.check(["email:a@x.uk", "ip:8.8.8.8"]).ok).toBe(false);
    expect(l.check(["email:b@x.uk", "ip:9.9.9.9"]).ok).toBe(true);
    l.fail(["email:b@x.uk", "ip:9.9.9.9"]);
    l.fail(["email:c@x.uk", "ip:9.9.9.9"]);
    expect(l.check(["email:d@x.uk", "ip:9.9.9.9"]).ok).toBe(false);
  });

  it("forgets an email's failures after a successful sign-in", () => {
    const { l } = limiter();
    for (let i = 0; i < 3; i++) l.fail(["email:a@x.uk"]);
    expect(l.check(["email:a@x.uk"]).ok).toBe(false);
    l.reset("email:a@x.uk");
    expect(l.check(["email:a@x.uk"]).ok).toBe(true);
  });

  it("stays bounded in memory", () => {
    const now = 0;
    const l = new FailureLimiter(
      () => 3,
      60_000,
      () => now,
      100,
    );
    for (let i = 0; i < 1000; i++) l.fail([`ip:${i}`]);
    expect((l as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(100);
  });
});
