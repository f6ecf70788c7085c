/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() gives refused pages a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  // Native and WebAssembly modules stay as plain Node requires on the server.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
