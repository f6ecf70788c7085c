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
