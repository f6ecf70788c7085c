import { databaseAnswers } from "@/lib/health";

// Liveness for scripts and load balancers: answers 200 when the database answers. Public, and
// tells nothing beyond "up".
export async function GET() {
  return (await databaseAnswers()) ? Response.json({ ok: true }) : Response.json({ ok: false }, { status: 503 });
}
