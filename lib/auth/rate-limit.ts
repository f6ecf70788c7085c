// Failed sign-in limiter: at most `max` failures per key within `windowMs`; a key over the limit is
// refused until its oldest counted failure leaves the window. Keys are "email:<address>" and
// "ip:<address>". Kept in memory, in one process (with several workers, the primary's: shared-limiter.ts).

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class FailureLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly limits: (key: string) => number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  check(keys: string[]): LimitVerdict {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key);
      const max = this.limits(key);
      if (list.length >= max) {
        wait = Math.max(wait, list[list.length - max] + this.windowMs - this.now());
      }
    }
    return wait > 0 ? { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { ok: true };
  }

  fail(keys: string[]): void {
    if (this.failures.size >= this.maxKeys) {
      // Forget the oldest keys first (Map keeps insertion order).
      for (const k of [...this.failures.keys()].slice(0, this.maxKeys / 10)) this.failures.delete(k);
    }
    const t = this.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key), t]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
