// Shared by the forms (zodResolver) and the server actions (parsed again there).
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const MIN_PASSWORD_LENGTH = 10;

const ZPassword = z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200, "Use at most 200 characters");

export const ZCreateUser = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(320)),
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  role: z.enum(ROLES, "Choose a role"),
  password: ZPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

const ZUserId = z.string().min(1).max(64);

export const ZChangeRole = z.object({ userId: ZUserId, role: z.enum(ROLES) });
export const ZSetActive = z.object({ userId: ZUserId, active: z.boolean() });
export const ZResetPassword = z.object({ userId: ZUserId, password: ZPassword });
export type TResetPassword = z.infer<typeof ZResetPassword>;
