"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { setTags, type AdTarget } from "@/lib/tags/service";
import { updateAd } from "./ad";
import { setStatus } from "./bulk";
import { startRebuild } from "./duplicate-runs";
import { closeCopies, markNotDuplicate } from "./duplicates";
import { ZColumnPrefs } from "./columns";
import { matchingAds } from "./find-ads";
import { deleteView, saveColumnPrefs, saveView } from "./preferences";
import { ZUpdateAd } from "./schemas";
import { loadAdsTableParams } from "./table-params";

const MAX_IDS = 1000;
/** A selection: ticked ids, or "every ad this view matches" (the view's URL query). */
const ZTarget = z.union([z.object({ ids: z.array(z.number().int().positive()).min(1, "Select at least one ad").max(MAX_IDS) }), z.object({ query: z.string().max(4000) })]);

async function resolveTarget(target: z.infer<typeof ZTarget>): Promise<AdTarget> {
  if ("ids" in target) return { ids: target.ids };
  const { from, where } = await matchingAds(loadAdsTableParams(target.query));
  return { from: from.sql, where };
}

export const saveColumnsAction = authedAction("ads:read", ZColumnPrefs, async (prefs, { user }) => saveColumnPrefs(user.id, prefs));

export const saveViewAction = authedAction(
  "views:manage",
  z.object({ name: z.string().trim().min(1, "Name the view").max(60, "Use at most 60 characters"), query: z.string().max(4000), columns: ZColumnPrefs }),
  async (input, { user }) => saveView(user.id, input),
);

export const deleteViewAction = authedAction("views:manage", z.object({ id: z.number().int().positive() }), async ({ id }, { user }) => {
  await deleteView(user.id, id);
  return null;
});

export const setTagsAction = authedAction(
  "ads:tag",
  z.object({ target: ZTarget, tagIds: z.array(z.number().int().positive()).min(1, "Choose a tag").max(20), mode: z.enum(["add", "remove"]) }),
  async ({ target, tagIds, mode }, { user }) => {
    const result = await setTags(await resolveTarget(target), tagIds, mode, user, "ids" in target && target.ids.length === 1 ? "EDIT" : "BULK");
    revalidatePath("/ads", "layout");
    return result;
  },
);

export const setStatusAction = authedAction("ads:close", z.object({ target: ZTarget, status: z.enum(["OPEN", "CLOSED"]) }), async ({ target, status }, { user }) => {
  const result = await setStatus(await resolveTarget(target), status, user.id);
  revalidatePath("/ads", "layout");
  return result;
});

export const updateAdAction = authedAction("ads:edit", ZUpdateAd, async ({ id, version, fields }, { user }) => {
  const result = await updateAd(id, version, fields, user.id);
  revalidatePath(`/ads/${id}`);
  revalidatePath("/ads");
  return result;
});

export const markNotDuplicateAction = authedAction(
  "duplicates:manage",
  z.object({ adId: z.number().int().positive(), otherId: z.number().int().positive() }),
  async ({ adId, otherId }, { user }) => {
    await markNotDuplicate(adId, otherId, user.id);
    revalidatePath(`/ads/${adId}`);
    revalidatePath(`/ads/${otherId}`);
    revalidatePath("/ads");
    return null;
  },
);

export const closeCopiesAction = authedAction("duplicates:manage", z.object({ target: ZTarget }), async ({ target }, { user }) => {
  const result = await closeCopies(await resolveTarget(target), user.id);
  revalidatePath("/ads", "layout");
  return result;
});

export const rebuildDuplicatesAction = authedAction("duplicates:manage", z.object({}), async (_input, { user }) => {
  const run = await startRebuild(user.id);
  revalidatePath("/admin/duplicates");
  return run;
});
