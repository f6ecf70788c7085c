// Users: listing and the admin operations. The last active admin can never be demoted or
// deactivated; that check and the change happen in one serializable transaction.
import { UserError } from "@/lib/errors";
import { recordChange } from "@/lib/events/record-change";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { getDb, Prisma, type Db } from "@/lib/db/client";
import type { TCreateUser } from "./schemas";

export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastSignInAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;
export type UserRow = Prisma.UserGetPayload<{ select: typeof userListSelect }>;

export function listUsers(): Promise<UserRow[]> {
  return getDb().user.findMany({ select: userListSelect, orderBy: [{ active: "desc" }, { name: "asc" }] });
}

export async function createUser(input: TCreateUser, actorId: string | null, db: Db = getDb()): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: userListSelect,
      });
      await recordChange(tx, { action: "user.create", actorId, entityId: user.id, changes: { email: [null, user.email], role: [null, user.role] } });
      return user;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new UserError(`A user with the email ${input.email} already exists.`, "CONFLICT", { field: "email" });
    }
    throw e;
  }
}

async function otherActiveAdmins(tx: Pick<Db, "user">, userId: string) {
  return tx.user.count({ where: { role: "ADMIN", active: true, id: { not: userId } } });
}

async function loadUser(tx: Pick<Db, "user">, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, active: true } });
  if (!user) throw new UserError("That user no longer exists.", "NOT_FOUND");
  return user;
}

const serializable = { isolationLevel: Prisma.TransactionIsolationLevel.Serializable };

export async function changeRole(userId: string, role: Role, actorId: string, db: Db = getDb()): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    if (user.role === role) return;
    if (user.role === "ADMIN" && user.active && (await otherActiveAdmins(tx, userId)) === 0) {
      throw new UserError("The last active admin cannot be demoted. Make someone else an admin first.", "CONFLICT");
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordChange(tx, { action: "user.change-role", actorId, entityId: userId, changes: { role: [user.role, role] } });
  }, serializable);
}

export async function setActive(userId: string, active: boolean, actorId: string, db: Db = getDb()): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    if (user.active === active) return;
    if (!active && user.role === "ADMIN" && (await otherActiveAdmins(tx, userId)) === 0) {
      throw new UserError("The last active admin cannot be deactivated.", "CONFLICT");
    }
    // Deactivation also bumps the session version: any live session stops at its next request.
    await tx.user.update({ where: { id: userId }, data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) } });
    await recordChange(tx, { action: active ? "user.reactivate" : "user.deactivate", actorId, entityId: userId });
  }, serializable);
}

export async function resetPassword(userId: string, password: string, actorId: string, db: Db = getDb()): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await loadUser(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordChange(tx, { action: "user.reset-password", actorId, entityId: userId });
  });
}
