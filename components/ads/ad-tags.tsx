"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { XIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { setTagsAction } from "@/lib/ads/actions";
import { dateTime } from "@/lib/format";

type Tag = { id: number; name: string; color: string };

export function AdTags({ adId, tags, allTags, canTag }: { adId: number; tags: (Tag & { by: string | null; at: Date })[]; allTags: Tag[]; canTag: boolean }) {
  const router = useRouter();
  const [adding, setAdding] = useState("");
  const change = async (tagId: number, mode: "add" | "remove", name: string) => {
    const r = await setTagsAction({ target: { ids: [adId] }, tagIds: [tagId], mode });
    if (!r.ok) return toast.error(r.error);
    toast.success(mode === "add" ? `Tagged “${name}”` : `Removed “${name}”`);
    setAdding("");
    router.refresh();
  };
  const available = allTags.filter((t) => !tags.some((x) => x.id === t.id));
  return (
    <div className="grid gap-3">
      {tags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Tags on this ad">
          {tags.map((t) => (
            <li key={t.id}>
              <Badge style={{ backgroundColor: t.color }} className="gap-1 border-transparent text-white" title={`${t.by ? `By ${t.by}, ` : ""}${dateTime.format(new Date(t.at))}`}>
                {t.name}
                {canTag && (
                  <button type="button" onClick={() => change(t.id, "remove", t.name)} aria-label={`Remove tag ${t.name}`} className="rounded-sm hover:bg-white/20">
                    <XIcon className="size-3" aria-hidden />
                  </button>
                )}
              </Badge>
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
            if (t) change(t.id, "add", t.name);
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
