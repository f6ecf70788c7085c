"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { TagView } from "@/components/tags/tag-badge";
import { TagPicker } from "@/components/tags/tag-picker";
import { closeCopiesAction, setStatusAction, setTagsAction } from "@/lib/ads/actions";

const count = (n: number) => n.toLocaleString("en-GB");

/** What a bulk action applies to: the ticked ads, or every ad the view matches. */
export function BulkBar({
  selectedIds,
  allMatching,
  total,
  onPageCount,
  query,
  tags,
  canClose,
  canCloseCopies,
  canCreateTags,
  onSelectAllMatching,
  onClear,
  onDone,
}: {
  selectedIds: number[];
  allMatching: boolean;
  total: number;
  onPageCount: number;
  query: string;
  tags: TagView[];
  canClose: boolean;
  canCloseCopies: boolean;
  canCreateTags: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onDone: () => void;
}) {
  const [tag, setTag] = useState<TagView | null>(null);
  // A tag made here is offered at once, before the page's own list is refreshed.
  const [made, setMade] = useState<TagView[]>([]);
  const [busy, setBusy] = useState(false);
  const target = allMatching ? { query } : { ids: selectedIds };
  const n = allMatching ? total : selectedIds.length;

  async function run(label: string, action: () => Promise<{ ok: true; data: { changed: number } } | { ok: false; error: string }>) {
    setBusy(true);
    const r = await action();
    setBusy(false);
    if (!r.ok) return toast.error(r.error);
    toast.success(`${label}: ${count(r.data.changed)} ad${r.data.changed === 1 ? "" : "s"} changed`);
    onClear();
    onDone();
  }

  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 px-3 py-2 text-sm">
      <span className="font-medium" aria-live="polite">
        {allMatching ? `All ${count(total)} matching ads selected` : `${count(selectedIds.length)} selected`}
      </span>
      {!allMatching && selectedIds.length === onPageCount && total > onPageCount && (
        <Button variant="link" size="sm" onClick={onSelectAllMatching}>
          Select all {count(total)} matching ads
        </Button>
      )}
      <span className="mx-1 h-5 w-px bg-border" aria-hidden />
      <TagPicker
        tags={[...tags, ...made]}
        canCreate={canCreateTags}
        label="Tag for the selected ads"
        buttonText={tag ? tag.name : "Choose a tag…"}
        onPick={(t, created) => {
          if (created) setMade((m) => [...m, t]);
          setTag(t);
        }}
      />
      <Button size="sm" disabled={!tag || busy} onClick={() => tag && run(`Tagged “${tag.name}”`, () => setTagsAction({ target, tagIds: [tag.id], mode: "add" }))}>
        Add tag
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={!tag || busy}
        onClick={() => tag && run(`Removed “${tag.name}”`, () => setTagsAction({ target, tagIds: [tag.id], mode: "remove" }))}
      >
        Remove tag
      </Button>
      {canClose && (
        <>
          <span className="mx-1 h-5 w-px bg-border" aria-hidden />
          <Button size="sm" variant="outline" disabled={busy} onClick={() => run("Closed", () => setStatusAction({ target, status: "CLOSED" }))}>
            Close {n === 1 ? "ad" : "ads"}
          </Button>
          <Button size="sm" variant="outline" disabled={busy} onClick={() => run("Reopened", () => setStatusAction({ target, status: "OPEN" }))}>
            Reopen
          </Button>
        </>
      )}
      {canCloseCopies && (
        <Button
          size="sm"
          variant="outline"
          disabled={busy}
          title="Close every other ad of the selected ads' duplicate groups, keeping each group's first ad open"
          onClick={() => run("Closed copies", () => closeCopiesAction({ target }))}
        >
          Close copies
        </Button>
      )}
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
