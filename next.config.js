// Fixed security headers on every response; the per-request Content-Security-Policy (with its
// nonce) is set by proxy.ts (lib/security/csp.ts).
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers honour it over HTTPS only; on http://localhost it is ignored.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  // forbidden() gives refused pages a real 403 (app/forbidden.tsx). A candidate's CV (up to
  // 200,000 characters) travels in a server action: room for it, still far below abuse sizes.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  // Native and WebAssembly modules stay as plain Node requires on the server.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
