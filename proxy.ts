// First line of defence: requests without a valid session cookie go to the sign-in page (pages)
// or get 401 (API). It only checks the cookie's signature and expiry; every page, action and
// route handler still checks the user, their role and their session version on the server.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A fresh nonce per request: Next reads the policy from the request headers and puts the nonce
  // on its own scripts; the browser gets the same policy on the response.
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const pass = () => {
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    const res = NextResponse.next({ request: { headers } });
    res.headers.set("Content-Security-Policy", csp);
    return res;
  };
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + "/"))) return pass();

  const token = await getToken({ req: request, secret: authSecret() });
  if (token) return pass();

  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Uploads skip the proxy: Next buffers a request body for the proxy (10 MB cap), which would
  // truncate a large file; that route handler checks the session itself.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/imports/[^/]+/files).*)"],
};
