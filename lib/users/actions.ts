"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { ZChangeRole, ZCreateUser, ZResetPassword, ZSetActive } from "./schemas";
import { changeRole, createUser, resetPassword, setActive } from "./service";

export const createUserAction = authedAction("users:manage", ZCreateUser, async (input, { user }) => {
  const created = await createUser(input, user.id);
  revalidatePath("/admin/users");
  return { id: created.id, email: created.email };
});

export const changeRoleAction = authedAction("users:manage", ZChangeRole, async ({ userId, role }, { user }) => {
  await changeRole(userId, role, user.id);
  revalidatePath("/admin/users");
  return null;
});

export const setActiveAction = authedAction("users:manage", ZSetActive, async ({ userId, active }, { user }) => {
  await setActive(userId, active, user.id);
  revalidatePath("/admin/users");
  return null;
});

export const resetPasswordAction = authedAction("users:manage", ZResetPassword, async ({ userId, password }, { user }) => {
  await resetPassword(userId, password, user.id);
  return null;
});
