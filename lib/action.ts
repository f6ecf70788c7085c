import "server-only";
// The one wrapper every server action goes through: authenticate, authorise, parse the input with
// its zod schema, run, and return a typed result. A server action is a public POST endpoint, so
// none of these steps may be left to the page that shows the button.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { logger } from "@/lib/log";
import { UserError, type ErrorCode } from "@/lib/errors";

export type ActionError = {
  ok: false;
  error: string;
  code: ErrorCode;
  fieldErrors?: Record<string, string>;
  details?: unknown;
};
export type ActionResult<T> = { ok: true; data: T } | ActionError;

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

export function authedAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, code: "UNAUTHENTICATED", error: "Your session has ended. Sign in again." };
    if (!can(user.role, permission)) return { ok: false, code: "FORBIDDEN", error: "You do not have permission to do that." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return { ok: false, code: "INVALID", error: Object.values(fieldErrors)[0] ?? "Invalid input.", fieldErrors };
    }
    try {
      return { ok: true, data: await run(parsed.data, { user }) };
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof UserError) return { ok: false, code: e.code, error: e.message, details: e.details };
      logger.error("action failed", { permission, user: user.id, error: e });
      return { ok: false, code: "FAILED", error: "Something went wrong. Try again; if it keeps failing, tell an admin." };
    }
  };
}
