// next-auth configuration: Credentials sign-in, JWT sessions that expire, our own sign-in page.
// The JWT carries only the user id and session version; role and active state are read from the
// database on every request (lib/auth/session.ts), so changes take effect at the next request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret, env } from "@/lib/env";
import { checkCredentials, clientIp } from "./sign-in";

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
      jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; sessionVersion: number };
          token.sub = u.id;
          token.sv = u.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.sub, sv: token.sv } as typeof session;
      },
    },
  };
}
