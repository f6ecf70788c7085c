// next-auth configuration: Credentials sign-in, JWT sessions that expire, our own sign-in page.
// The JWT carries only the user id, the session version and the session's id; role, active state
// and whether the session was ended are read from the database on every request
// (lib/auth/session.ts), so changes take effect at the next request. next-auth's own log lines go
// through the app's JSON logger.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret, env } from "@/lib/env";
import { logger } from "@/lib/log";
import { safeCallbackPath } from "./callback-url";
import { endSession, startSession } from "./sessions";
import { checkCredentials, clientIp } from "./sign-in";

/** next-auth's codes for a request it refuses as expected (a forged, stale or damaged cookie). */
const EXPECTED_REFUSALS = new Set(["JWT_SESSION_ERROR", "SESSION_ERROR", "CSRF_TOKEN_MISMATCH"]);

export function authOptions(): NextAuthOptions {
  const maxAge = Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge, updateAge: Math.min(3600, maxAge) },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => checkCredentials(credentials?.email, credentials?.password, clientIp(req?.headers)),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; sessionVersion: number };
          token.sub = u.id;
          token.sv = u.sessionVersion;
          token.sid = await startSession(u.id, maxAge);
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.sub, sv: token.sv, sid: token.sid } as typeof session;
      },
      // Only the app's own pages, wherever next-auth would send the browser next.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
    logger: {
      error(code, metadata) {
        if (EXPECTED_REFUSALS.has(code)) return logger.warn("sign-in session refused", { code });
        const error = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
        logger.error("next-auth error", { code, error: error instanceof Error ? error : String((error as { message?: string })?.message ?? code) });
      },
      warn(code) {
        logger.warn("next-auth warning", { code });
      },
      debug(code) {
        logger.debug("next-auth", { code });
      },
    },
  };
}
