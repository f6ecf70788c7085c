// One worker of `npm start` (scripts/serve.ts forks these): the Next.js production server on the
// shared port. Plain Node, so the request path runs without a TypeScript loader.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT);
const hostname = process.env.HOSTNAME || undefined;
const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
/** lib/auth/client-ip.ts reads the peer's address from here; a client cannot set it. */
const SOCKET_ADDRESS_HEADER = "x-rd-socket-address";
const server = http.createServer((req, res) => {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res).catch((e) => {
    console.error(e);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 65_000; // longer than common proxies' idle timeouts
server.listen(port, hostname);

// On SIGTERM: /api/health/ready answers 503 at once (lib/health.ts), requests are still served for
// DRAIN_SECONDS so a load balancer notices and sends them elsewhere, then the requests in flight
// finish and the process goes.
const drainMs = Number(process.env.DRAIN_SECONDS || 0) * 1000;
process.on("SIGTERM", () => {
  if (globalThis.__rdDraining) return;
  globalThis.__rdDraining = true;
  setTimeout(() => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 8_000).unref();
  }, drainMs);
});
