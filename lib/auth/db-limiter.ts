// The sign-in limiter on PostgreSQL: failures are rows in "SignInFailure", so every app server on
// the database counts the same failures (README "Running on several servers"). Same rule as the
// in-memory FailureLimiter: at most `limit(key)` failures per key within the window; a key over it
// is refused until its oldest counted failure leaves the window. Old rows go as new ones arrive.
import type { Db } from "@/lib/db/client";
import type { LimitVerdict } from "./rate-limit";
import type { SignInLimiter } from "./shared-limiter";

export function databaseLimiter(db: Db, limit: (key: string) => number, windowMs: number, now: () => number = Date.now): SignInLimiter {
  return {
    async check(keys) {
      let wait = 0;
      const cutoff = new Date(now() - windowMs);
      for (const key of keys) {
        const max = limit(key);
        const recent = await db.signInFailure.findMany({ where: { key, at: { gt: cutoff } }, orderBy: { at: "desc" }, take: max, select: { at: true } });
        if (recent.length >= max) wait = Math.max(wait, recent[max - 1].at.getTime() + windowMs - now());
      }
      return (wait > 0 ? { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { ok: true }) satisfies LimitVerdict;
    },
    async fail(keys) {
      const at = new Date(now());
      await db.$transaction([
        db.signInFailure.deleteMany({ where: { at: { lt: new Date(now() - windowMs) } } }),
        db.signInFailure.createMany({ data: keys.map((key) => ({ key, at })) }),
      ]);
    },
    async reset(key) {
      await db.signInFailure.deleteMany({ where: { key } });
    },
  };
}
