"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { ZCreateCandidate, ZUpdateCandidate } from "./schemas";
import { createCandidate, eraseCandidate, mergeCandidates, setCandidateTags, updateCandidate } from "./service";

const ZId = z.number().int().positive();

export const createCandidateAction = authedAction("candidates:write", ZCreateCandidate, async ({ fields, confirmDuplicate }, { user }) => {
  const created = await createCandidate(fields, user.id, { confirmDuplicate });
  revalidatePath("/candidates");
  return created;
});

export const updateCandidateAction = authedAction("candidates:write", ZUpdateCandidate, async ({ id, version, fields }, { user }) => {
  const saved = await updateCandidate(id, version, fields, user.id);
  revalidatePath(`/candidates/${id}`);
  revalidatePath("/candidates");
  return saved;
});

export const setCandidateTagsAction = authedAction("candidates:write", z.object({ id: ZId, tagIds: z.array(ZId).max(50) }), async ({ id, tagIds }, { user }) => {
  await setCandidateTags(id, tagIds, user.id);
  revalidatePath(`/candidates/${id}`);
  return null;
});

export const mergeCandidatesAction = authedAction("candidates:merge", z.object({ fromId: ZId, intoId: ZId }), async ({ fromId, intoId }, { user }) => {
  const result = await mergeCandidates(fromId, intoId, user.id);
  revalidatePath("/candidates", "layout");
  return result;
});

export const eraseCandidateAction = authedAction("candidates:erase", z.object({ id: ZId }), async ({ id }, { user }) => {
  await eraseCandidate(id, user.id);
  revalidatePath("/candidates", "layout");
  return null;
});
