import "server-only";
// Who is asking, checked on the server for every page, action and route handler. The session
// cookie only names the user and the session; the database decides whether that session is still
// open (signing out ends it), whether the user is still active, still on the same session
// version (password reset / deactivation end old sessions) and what role they have.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/lib/db/client";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./permissions";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per-request: never prerendered at build time
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number; sid?: string } | null;
  if (!session?.uid || typeof session.sid !== "string") return null;
  const open = await getDb().userSession.findUnique({
    where: { id: session.sid },
    select: { expiresAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } } },
  });
  const user = open?.user;
  if (!open || open.revokedAt || open.expiresAt.getTime() <= Date.now()) return null;
  if (!user || user.id !== session.uid || !user.active || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages and layouts: signed out → the sign-in page; lacking the permission → 403. */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}
