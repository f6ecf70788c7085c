import { getDb } from "@/lib/db/client";

/** True when the database answers a trivial query (the health route's whole question). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** Set by scripts/serve-worker.mjs when the process got SIGTERM and is draining. */
const globalForDrain = globalThis as unknown as { __rdDraining?: boolean };

/** Whether this server should get new requests (the readiness route's question). */
export async function readiness(): Promise<{ ready: true } | { ready: false; reason: "draining" | "database" }> {
  if (globalForDrain.__rdDraining) return { ready: false, reason: "draining" };
  return (await databaseAnswers()) ? { ready: true } : { ready: false, reason: "database" };
}
