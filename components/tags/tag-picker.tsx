"use client";
// Choose a tag by typing: matching tags are listed, and a name no tag has yet can be created on the
// spot (in its default colour), as every tagging tool recruiters know lets them. Used on an ad's
// page, on a candidate's and in the ads table's bulk bar.
import { useMemo, useState } from "react";
import { Command } from "cmdk";
import { PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { PickerButton } from "@/components/ui/picker-button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { createTagAction } from "@/lib/tags/actions";
import { defaultTagColor } from "@/lib/tags/colors";
import type { TagView } from "./tag-badge";

export function TagPicker({
  tags,
  exclude = [],
  canCreate,
  onPick,
  buttonText = "Add a tag…",
  label = "Tag",
  labelledBy,
}: {
  tags: TagView[];
  /** Tags not to offer (already on the record). */
  exclude?: number[];
  canCreate: boolean;
  onPick: (tag: TagView, created: boolean) => void;
  buttonText?: string;
  label?: string;
  /** The id of a visible label: the button is named by it and its own text. */
  labelledBy?: string;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [busy, setBusy] = useState(false);
  const name = q.trim().replace(/\s+/g, " ");
  const offered = useMemo(() => {
    const needle = name.toLowerCase();
    return tags.filter((t) => !exclude.includes(t.id) && (!needle || t.name.toLowerCase().includes(needle)));
  }, [tags, exclude, name]);
  const exists = tags.some((t) => t.name.toLowerCase() === name.toLowerCase());

  async function create() {
    setBusy(true);
    const r = await createTagAction({ name, color: defaultTagColor(name) });
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    pick(r.data, true);
  }
  function pick(tag: TagView, created: boolean) {
    setOpen(false);
    setQ("");
    onPick(tag, created);
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <PickerButton className="w-48" text={buttonText} label={label} labelledBy={labelledBy} />
      </PopoverTrigger>
      <PopoverContent className="p-0">
        <Command shouldFilter={false} label={canCreate ? "Find or create a tag" : "Find a tag"}>
          <Command.Input
            value={q}
            onValueChange={setQ}
            maxLength={40}
            placeholder={canCreate ? "Type to find or create a tag…" : "Type to find a tag…"}
            aria-label={canCreate ? "Find or create a tag" : "Find a tag"}
            className="w-full border-b bg-transparent px-3 py-2 text-sm outline-none placeholder:text-muted-foreground"
          />
          {/* A listbox holds options only: the "nothing here" line sits outside it. */}
          {!offered.length && !(canCreate && name) && (
            <p className="px-3 py-3 text-sm text-muted-foreground">{tags.length ? "No tag matches." : canCreate ? "No tags yet: type a name to make one." : "No tags yet."}</p>
          )}
          <Command.List className="max-h-64 overflow-y-auto p-1 empty:hidden">
            {offered.map((t) => (
              <Command.Item
                key={t.id}
                value={`tag-${t.id}`}
                onSelect={() => pick(t, false)}
                className="flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-accent"
              >
                <span className="size-2.5 rounded-full" style={{ backgroundColor: t.color }} aria-hidden />
                {t.name}
              </Command.Item>
            ))}
            {canCreate && name && !exists && (
              <Command.Item
                value="create"
                disabled={busy}
                onSelect={() => void create()}
                className="flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-accent"
              >
                <PlusIcon className="size-4" aria-hidden />
                Create tag “{name}”
              </Command.Item>
            )}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
