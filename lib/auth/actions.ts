"use server";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { getDb } from "@/lib/db/client";
import { recordChange } from "@/lib/events/record-change";
import { endAllSessions } from "./sessions";

/** Ends every session of the signed-in user, on every device (this one too). */
export const signOutEverywhereAction = authedAction("account:sessions", z.object({}).strict(), async (_input, { user }) => {
  const ended = await endAllSessions(user.id);
  await recordChange(getDb(), { action: "user.sign-out-everywhere", actorId: user.id, entityId: user.id, changes: { sessions: ended } });
  return { ended };
});
