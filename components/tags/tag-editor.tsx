"use client";
// Tags on one record (an ad, a candidate): remove with the ×, add from a list. The caller says how
// to save (its own server action) and the editor refreshes the page after.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { XIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action";
import { dateTime } from "@/lib/format";
import { TagBadge, type TagView } from "./tag-badge";

export function TagEditor({
  label,
  tags,
  allTags,
  canTag,
  onChange,
}: {
  /** "Tags on this ad" */
  label: string;
  tags: (TagView & { by?: string | null; at?: Date })[];
  allTags: TagView[];
  canTag: boolean;
  onChange: (tagId: number, mode: "add" | "remove") => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [adding, setAdding] = useState("");
  const change = async (tag: TagView, mode: "add" | "remove") => {
    const r = await onChange(tag.id, mode);
    if (!r.ok) return toast.error(r.error);
    toast.success(mode === "add" ? `Tagged “${tag.name}”` : `Removed “${tag.name}”`);
    setAdding("");
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
      {canTag && available.length > 0 && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const t = available.find((x) => String(x.id) === adding);
            if (t) change(t, "add");
          }}
        >
          <NativeSelect className="h-8" value={adding} onChange={(e) => setAdding(e.target.value)} aria-label="Tag to add">
            <option value="">Choose a tag…</option>
            {available.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
          <Button type="submit" size="sm" disabled={!adding}>
            Add tag
          </Button>
        </form>
      )}
    </div>
  );
}
