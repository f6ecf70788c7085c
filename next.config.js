/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() gives refused pages a real 403 (app/forbidden.tsx). A candidate's CV (up to
  // 200,000 characters) travels in a server action: room for it, still far below abuse sizes.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  // Native and WebAssembly modules stay as plain Node requires on the server.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
