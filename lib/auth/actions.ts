"use server";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit";
import { endAllSessions } from "./sessions";

/** Ends every session of the signed-in user, on every device (this one too). */
export const signOutEverywhereAction = authedAction("account:sessions", z.object({}).strict(), async (_input, { user }) => {
  const ended = await endAllSessions(user.id);
  await recordAudit(getDb(), { actorId: user.id, entity: "user", entityId: user.id, action: "sign-out-everywhere", changes: { sessions: ended } });
  return { ended };
});
