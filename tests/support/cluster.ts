// Several production servers on one database, behind a small round-robin proxy: the harness of the
// two-server test (tests/e2e/two-servers.spec.ts) and of `bench:load`'s two-server mode.
// Each server is `npm start` (scripts/serve.ts) with its own data folder and the shared UPLOAD_DIR,
// as on separate machines. The proxy does what a load balancer in front of them does (the README's
// nginx sample): it sends each request to the next server that says it is ready
// (/api/health/ready, checked every 250 ms), and one that refuses the connection is skipped (the
// request goes to the next: nothing reached the dead one). A request already sent to a server that
// dies before answering cannot be replayed safely: the proxy answers 502 and records it as in flight
// on that server.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ServerOptions = { name: string; port: number; env: Record<string, string> };

export class AppServer {
  child: ChildProcess | null = null;
  readonly url: string;
  private exited: Promise<void> = Promise.resolve();
  log = "";

  constructor(readonly opts: ServerOptions) {
    this.url = `http://localhost:${opts.port}`;
  }

  get name() {
    return this.opts.name;
  }

  /** The primary's pid (its job runner's name on the jobs it holds ends in it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(this.opts.port)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", ...this.opts.env },
    });
    this.child = child;
    const keep = (d: Buffer) => (this.log = (this.log + d.toString()).slice(-20_000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.log}`);
      const ok = await fetch(`${this.url}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (i > 900) throw new Error(`${this.name} was not ready within 90 s:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: the whole server stops at once, as when its machine dies (its workers and jobs follow their primary). */
  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
    // Its worker and job processes notice the primary is gone and stop; wait until the port is free.
    for (let i = 0; i < 100; i++) {
      const open = await fetch(`${this.url}/api/health`).then(
        () => true,
        () => false,
      );
      if (!open) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name}: still answering 10 s after SIGKILL`);
  }

  /** SIGTERM: a graceful stop (drains for DRAIN_SECONDS, hands its jobs back). */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited;
  }
}

export type ProxyStats = {
  /** Requests answered, by server name. */
  served: Record<string, number>;
  /** Connections refused by a server (sent on to the next). */
  refused: number;
  /** Requests sent to a server that died before answering: what was in flight on it. */
  inFlightLost: { server: string; method: string; path: string }[];
  /** Answered 502 because no server could take the request. */
  noServer: number;
};

export class RoundRobinProxy {
  private server: http.Server | null = null;
  private next = 0;
  private ready = new Map<AppServer, boolean>();
  private checker: NodeJS.Timeout | null = null;
  readonly stats: ProxyStats = { served: {}, refused: 0, inFlightLost: [], noServer: 0 };
  url = "";

  constructor(private readonly upstreams: AppServer[]) {}

  async listen(port: number): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://localhost:${(this.server.address() as AddressInfo).port}`;
    await this.check();
    this.checker = setInterval(() => void this.check(), 250);
    return this.url;
  }

  private async check() {
    await Promise.all(
      this.upstreams.map(async (u) => {
        const ok = await fetch(`${u.url}/api/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        this.ready.set(u, ok);
      }),
    );
  }

  /** Servers in the order to try: ready ones round-robin, then the others (a stale "down" may be wrong). */
  private order(): AppServer[] {
    const n = this.upstreams.length;
    const start = this.next++ % n;
    const rotated = Array.from({ length: n }, (_, i) => this.upstreams[(start + i) % n]);
    return [...rotated.filter((u) => this.ready.get(u)), ...rotated.filter((u) => !this.ready.get(u))];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "127.0.0.1", "x-forwarded-proto": "http" };
    for (const u of this.order()) {
      const outcome = await new Promise<"answered" | "refused" | "lost">((resolve) => {
        const up = http.request(`${u.url}${req.url}`, { method: req.method, headers, agent: false }, (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          upRes.on("end", () => resolve("answered"));
          upRes.on("error", () => resolve("lost"));
          upRes.on("close", () => !upRes.complete && resolve("lost")); // the server died mid-answer
        });
        up.on("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED" ? "refused" : "lost"));
        up.end(body);
      });
      if (outcome === "answered") {
        this.stats.served[u.name] = (this.stats.served[u.name] ?? 0) + 1;
        return;
      }
      if (outcome === "refused") {
        this.stats.refused++;
        this.ready.set(u, false);
        continue;
      }
      this.stats.inFlightLost.push({ server: u.name, method: req.method ?? "GET", path: req.url ?? "" });
      if (!res.headersSent) res.writeHead(502).end("the server died while answering");
      else res.destroy();
      return;
    }
    this.stats.noServer++;
    res.writeHead(502).end("no server could take the request");
  }

  async close(): Promise<void> {
    if (this.checker) clearInterval(this.checker);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
