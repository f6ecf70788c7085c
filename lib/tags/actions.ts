"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { ZTagFields } from "./schemas";
import { createTag, deleteTag, mergeTags, updateTag } from "./service";

const ZId = z.number().int().positive();

export const createTagAction = authedAction("tags:manage", ZTagFields, async (input, { user }) => {
  const tag = await createTag(input, user.id);
  revalidatePath("/tags");
  return tag;
});

export const updateTagAction = authedAction("tags:manage", ZTagFields.extend({ id: ZId }), async ({ id, ...input }, { user }) => {
  await updateTag(id, input, user.id);
  revalidatePath("/tags");
  return null;
});

export const mergeTagsAction = authedAction("tags:manage", z.object({ fromId: ZId, intoId: ZId }), async ({ fromId, intoId }, { user }) => {
  const result = await mergeTags(fromId, intoId, user.id);
  revalidatePath("/tags");
  return result;
});

export const deleteTagAction = authedAction("tags:manage", z.object({ id: ZId }), async ({ id }, { user }) => {
  const result = await deleteTag(id, user.id);
  revalidatePath("/tags");
  return result;
});
