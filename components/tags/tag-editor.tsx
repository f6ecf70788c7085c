"use client";
// Tags on one record (an ad, a candidate): remove with the ×, add by typing (an existing tag, or a
// new one made on the spot). The caller says how to save (its own server action) and the editor
// refreshes the page after.
import { useRouter } from "next/navigation";
import { XIcon } from "lucide-react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action";
import { dateTime } from "@/lib/format";
import { TagBadge, type TagView } from "./tag-badge";
import { TagPicker } from "./tag-picker";

export function TagEditor({
  label,
  tags,
  allTags,
  canTag,
  canCreate,
  onChange,
}: {
  /** "Tags on this ad" */
  label: string;
  tags: (TagView & { by?: string | null; at?: Date })[];
  allTags: TagView[];
  canTag: boolean;
  /** May make new tags (tags:manage). */
  canCreate: boolean;
  onChange: (tagId: number, mode: "add" | "remove") => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const change = async (tag: TagView, mode: "add" | "remove") => {
    const r = await onChange(tag.id, mode);
    if (!r.ok) return toast.error(r.error);
    toast.success(mode === "add" ? `Tagged “${tag.name}”` : `Removed “${tag.name}”`);
    router.refresh();
  };
  const available = allTags.filter((t) => !tags.some((x) => x.id === t.id));
  return (
    <div className="grid gap-3">
      {tags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={label}>
          {tags.map((t) => (
            <li key={t.id}>
              <TagBadge tag={t} className="gap-1" title={t.at ? `${t.by ? `By ${t.by}, ` : ""}${dateTime.format(new Date(t.at))}` : undefined}>
                {canTag && (
                  <button type="button" onClick={() => change(t, "remove")} aria-label={`Remove tag ${t.name}`} className="rounded-sm hover:bg-white/20">
                    <XIcon className="size-3" aria-hidden />
                  </button>
                )}
              </TagBadge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No tags yet.</p>
      )}
      {canTag && (available.length > 0 || canCreate) && (
        <TagPicker tags={allTags} exclude={tags.map((t) => t.id)} canCreate={canCreate} onPick={(t) => void change(t, "add")} label={label} buttonText="Add a tag…" />
      )}
    </div>
  );
}
