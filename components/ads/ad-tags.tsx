"use client";
import { TagEditor } from "@/components/tags/tag-editor";
import type { TagView } from "@/components/tags/tag-badge";
import { setTagsAction } from "@/lib/ads/actions";

export function AdTags({
  adId,
  tags,
  allTags,
  canTag,
  canCreate,
}: {
  adId: number;
  tags: (TagView & { by: string | null; at: Date })[];
  allTags: TagView[];
  canTag: boolean;
  canCreate: boolean;
}) {
  return (
    <TagEditor
      label="Tags on this ad"
      tags={tags}
      allTags={allTags}
      canTag={canTag}
      canCreate={canCreate}
      onChange={(tagId, mode) => setTagsAction({ target: { ids: [adId] }, tagIds: [tagId], mode })}
    />
  );
}
