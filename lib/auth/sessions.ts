// Signed-in sessions on the server. The session cookie (a JWT) names its session row; every
// request checks that row (lib/auth/session.ts), so signing out ends the session everywhere the
// cookie was copied, at once, and "sign out everywhere" ends every session of the user.
import { getDb, type Db } from "@/lib/db/client";

/** A new session for a user who just signed in; expired rows of anyone are cleared on the way. */
export async function startSession(userId: string, maxAgeSeconds: number, db: Db = getDb()): Promise<string> {
  const now = Date.now();
  await db.userSession.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const { id } = await db.userSession.create({ data: { userId, expiresAt: new Date(now + maxAgeSeconds * 1000) }, select: { id: true } });
  return id;
}

/** Ends one session (signing out). Ending an unknown or ended one is a no-op. */
export async function endSession(sessionId: string, db: Db = getDb()): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of the user, on every device; the next request of each is signed out. */
export async function endAllSessions(userId: string, db: Db = getDb()): Promise<number> {
  const { count } = await db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}
