import "server-only";
// The route-handler twin of authedAction: authenticate and authorise before the handler runs.
// Refusals are JSON with 401 / 403, never a redirect (these are called by scripts and fetch()).
import { logger } from "@/lib/log";
import { UserError } from "@/lib/errors";
import { can, type Permission } from "./permissions";
import { getCurrentUser, type SessionUser } from "./session";

type Handler<C> = (req: Request, ctx: C & { user: SessionUser }) => Promise<Response>;

const STATUS: Record<string, number> = { INVALID: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

export function withPermission<C extends object>(permission: Permission, handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
    if (!can(user.role, permission)) return Response.json({ error: "You do not have permission to do that." }, { status: 403 });
    try {
      return await handler(req, { ...ctx, user });
    } catch (e) {
      if (e instanceof UserError) return Response.json({ error: e.message }, { status: STATUS[e.code] ?? 400 });
      logger.error("route failed", { url: req.url, user: user.id, error: e });
      return Response.json({ error: "Something went wrong." }, { status: 500 });
    }
  };
}
