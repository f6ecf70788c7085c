// Checks an email + password for the Credentials provider: rate-limited per email and per IP,
// constant work for unknown emails, deactivated accounts refused.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { burnPasswordCheck, verifyPassword } from "./password";
import { FailureLimiter } from "./rate-limit";

export class SignInError extends Error {}

export type SignedIn = { id: string; email: string; name: string; sessionVersion: number };

const globalForLimiter = globalThis as unknown as { __rdSignInLimiter?: FailureLimiter };
function limiter(): FailureLimiter {
  const { SIGNIN_MAX_ATTEMPTS, SIGNIN_WINDOW_SECONDS } = env();
  // An office shares one address: allow an IP four times what one account gets.
  globalForLimiter.__rdSignInLimiter ??= new FailureLimiter(
    (key) => (key.startsWith("ip:") ? SIGNIN_MAX_ATTEMPTS * 4 : SIGNIN_MAX_ATTEMPTS),
    SIGNIN_WINDOW_SECONDS * 1000,
  );
  return globalForLimiter.__rdSignInLimiter;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function checkCredentials(emailInput: unknown, passwordInput: unknown, ip: string): Promise<SignedIn | null> {
  const email = typeof emailInput === "string" ? normaliseEmail(emailInput).slice(0, 320) : "";
  const password = typeof passwordInput === "string" ? passwordInput.slice(0, 1024) : "";
  if (!email || !password) return null;

  const keys = [`email:${email}`, `ip:${ip}`];
  const verdict = limiter().check(keys);
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
    limiter().fail(keys);
    return null;
  }
  if (!user.active) throw new SignInError("This account has been deactivated. Ask an admin to reactivate it.");

  limiter().reset(keys[0]);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** The caller's address, from the proxy header `next start` sets, else a shared bucket. */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | string[] | undefined);
  const raw = get("x-forwarded-for") ?? get("x-real-ip");
  const first = (Array.isArray(raw) ? raw[0] : raw)?.split(",")[0]?.trim();
  return first || "unknown";
}
