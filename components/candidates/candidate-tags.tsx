"use client";
import { TagEditor } from "@/components/tags/tag-editor";
import type { TagView } from "@/components/tags/tag-badge";
import { setCandidateTagsAction } from "@/lib/candidates/actions";

export function CandidateTags({ id, tags, allTags, canTag, canCreate }: { id: number; tags: TagView[]; allTags: TagView[]; canTag: boolean; canCreate: boolean }) {
  return (
    <TagEditor
      label="Tags on this candidate"
      tags={tags}
      allTags={allTags}
      canTag={canTag}
      canCreate={canCreate}
      onChange={(tagId, mode) => setCandidateTagsAction({ id, tagIds: mode === "add" ? [...tags.map((t) => t.id), tagId] : tags.filter((t) => t.id !== tagId).map((t) => t.id) })}
    />
  );
}
