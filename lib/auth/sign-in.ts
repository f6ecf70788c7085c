// Checks an email + password for the Credentials provider: rate-limited per email and per IP,
// constant work for unknown emails, deactivated accounts refused.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { clientAddress } from "./client-ip";
import { burnPasswordCheck, verifyPassword } from "./password";
import { dialectOf } from "@/lib/db/dialect";
import { databaseLimiter } from "./db-limiter";
import { localLimiter, remoteLimiter, SHARED_LIMITER_ENV, signInFailureLimiter, signInLimits, type SignInLimiter } from "./shared-limiter";

export class SignInError extends Error {}

export type SignedIn = { id: string; email: string; name: string; sessionVersion: number };

const globalForLimiter = globalThis as unknown as { __rdSignInLimiter?: SignInLimiter };
function limiter(): SignInLimiter {
  // On PostgreSQL, in the database: one count for every server on it (db-limiter.ts).
  if (dialectOf(env().DATABASE_URL) === "postgres") {
    const { limit, windowMs } = signInLimits();
    return (globalForLimiter.__rdSignInLimiter ??= databaseLimiter(getDb(), limit, windowMs));
  }
  // Under `npm start` (several worker processes) the primary keeps the one count (shared-limiter.ts).
  if (process.env[SHARED_LIMITER_ENV] === "1" && process.send) return (globalForLimiter.__rdSignInLimiter ??= remoteLimiter(process));
  return (globalForLimiter.__rdSignInLimiter ??= localLimiter(signInFailureLimiter()));
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function checkCredentials(emailInput: unknown, passwordInput: unknown, ip: string): Promise<SignedIn | null> {
  const email = typeof emailInput === "string" ? normaliseEmail(emailInput).slice(0, 320) : "";
  const password = typeof passwordInput === "string" ? passwordInput.slice(0, 1024) : "";
  if (!email || !password) return null;

  const keys = [`email:${email}`, `ip:${ip}`];
  const verdict = await limiter().check(keys);
  if (!verdict.ok) {
    throw new SignInError(`Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} s.`);
  }

  const db = getDb();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await limiter().fail(keys);
    return null;
  }
  if (!user.active) throw new SignInError("This account has been deactivated. Ask an admin to reactivate it.");

  await limiter().reset(keys[0]);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** The caller's address for the per-address limit (lib/auth/client-ip.ts; TRUST_PROXY hops). */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  return clientAddress(headers, env().TRUST_PROXY);
}
