import { getDb } from "@/lib/db/client";

// Liveness for scripts and load balancers: answers 200 when the database answers. Public, and
// tells nothing beyond "up".
export async function GET() {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
