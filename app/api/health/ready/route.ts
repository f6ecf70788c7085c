import { readiness } from "@/lib/health";

// Readiness for a load balancer: 200 while this server should get requests; 503 once it is
// draining after SIGTERM (scripts/serve-worker.mjs: it still answers requests for DRAIN_SECONDS,
// so the balancer can stop sending them) or when the database does not answer. Public.
export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
