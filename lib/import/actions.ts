"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { createDraftImport, discardDraft, loadDraft } from "./imports";
import { cancelImport, startImport } from "./jobs";
import { revertImport } from "./revert";

const ZImportId = z.object({ importId: z.string().min(1).max(64) });

export const createImportDraftAction = authedAction("imports:create", z.object({ kind: z.enum(["auto", "ads", "candidates"]).default("auto") }), async ({ kind }, { user }) => ({
  importId: await createDraftImport(user.id, undefined, kind),
}));

export const startImportAction = authedAction("imports:create", ZImportId, async ({ importId }, { user }) => {
  await startImport(importId, user);
  revalidatePath("/imports");
  return null;
});

export const cancelImportAction = authedAction("imports:create", ZImportId, async ({ importId }, { user }) => {
  const how = await cancelImport(importId, user);
  revalidatePath("/imports");
  revalidatePath(`/imports/${importId}`);
  return how;
});

export const discardImportAction = authedAction("imports:create", ZImportId, async ({ importId }, { user }) => {
  await loadDraft(importId, user);
  await discardDraft(importId);
  return null;
});

export const revertImportAction = authedAction("imports:revert", ZImportId, async ({ importId }, { user }) => {
  const summary = await revertImport(importId, user.id);
  revalidatePath("/imports");
  revalidatePath(`/imports/${importId}`);
  revalidatePath("/ads");
  return summary;
});
