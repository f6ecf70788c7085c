"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { addNote, createApplication, moveApplication, renameStage, reorderStages, setRating } from "./applications";

const ZId = z.number().int().positive();

export const createApplicationAction = authedAction("applications:write", z.object({ candidateId: ZId, adId: ZId }), async ({ candidateId, adId }, { user }) => {
  const app = await createApplication(candidateId, adId, user.id);
  revalidatePath(`/candidates/${candidateId}`);
  revalidatePath(`/ads/${adId}`, "layout");
  return app;
});

export const moveApplicationAction = authedAction(
  "applications:write",
  z.object({
    id: ZId,
    toStageId: ZId,
    version: ZId,
    reason: z.string().max(100).nullish(),
    note: z.string().trim().max(2000, "Use at most 2,000 characters").nullish(),
  }),
  async (input, { user }) => {
    const moved = await moveApplication(input, user.id);
    revalidatePath(`/applications/${input.id}`);
    return moved;
  },
);

export const setRatingAction = authedAction("applications:write", z.object({ id: ZId, rating: z.number().int().min(1).max(5).nullable() }), async ({ id, rating }, { user }) => {
  await setRating(id, rating, user.id);
  revalidatePath(`/applications/${id}`);
  return null;
});

export const addNoteAction = authedAction(
  "applications:write",
  z.object({ id: ZId, body: z.string().trim().min(1, "Write a note").max(5000, "Use at most 5,000 characters") }),
  async ({ id, body }, { user }) => {
    const note = await addNote(id, body, user.id);
    revalidatePath(`/applications/${id}`);
    return note;
  },
);

export const renameStageAction = authedAction(
  "stages:manage",
  z.object({ id: ZId, name: z.string().trim().min(1, "Name the stage").max(40, "Use at most 40 characters") }),
  async ({ id, name }, { user }) => {
    await renameStage(id, name, user.id);
    revalidatePath("/", "layout");
    return null;
  },
);

export const reorderStagesAction = authedAction("stages:manage", z.object({ ids: z.array(ZId).min(1).max(20) }), async ({ ids }, { user }) => {
  await reorderStages(ids, user.id);
  revalidatePath("/", "layout");
  return null;
});
