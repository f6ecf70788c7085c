"use client";
// Admins rename the open stages and move them up or down (buttons: keyboard- and screen-reader-
// friendly); the order is saved as a whole, refused if someone else changed the list meanwhile.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { renameStageAction, reorderStagesAction } from "@/lib/pipeline/actions";
import type { StageLike } from "@/lib/pipeline/stages";

export function StagesEditor({ stages }: { stages: StageLike[] }) {
  const router = useRouter();
  const open = stages.filter((s) => s.kind === "OPEN");
  const closing = stages.filter((s) => s.kind !== "OPEN");
  const [names, setNames] = useState(() => Object.fromEntries(open.map((s) => [s.id, s.name])));

  const reorder = async (index: number, delta: -1 | 1) => {
    const ids = open.map((s) => s.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    const r = await reorderStagesAction({ ids });
    if (!r.ok) return toast.error(r.error);
    toast.success(`${open[index].name} moved ${delta < 0 ? "up" : "down"}`);
    router.refresh();
  };
  const rename = async (s: StageLike) => {
    const r = await renameStageAction({ id: s.id, name: names[s.id] ?? "" });
    if (!r.ok) return toast.error(r.error);
    toast.success(`Renamed to ${names[s.id]}`);
    router.refresh();
  };

  return (
    <div className="grid gap-4">
      <ol className="grid gap-2" aria-label="Open stages, in order">
        {open.map((s, i) => (
          <li key={s.id} className="flex items-center gap-2 rounded-md border p-2">
            <span className="w-6 text-center text-sm tabular-nums text-muted-foreground">{i + 1}</span>
            <form
              className="flex flex-1 gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void rename(s);
              }}
            >
              <Input aria-label={`Name of stage ${i + 1}`} value={names[s.id] ?? ""} onChange={(e) => setNames({ ...names, [s.id]: e.target.value })} maxLength={40} />
              <Button type="submit" size="sm" variant="outline" disabled={(names[s.id] ?? "").trim() === s.name}>
                Rename
              </Button>
            </form>
            <Button size="icon" variant="ghost" className="size-8" aria-label={`Move ${s.name} up`} disabled={i === 0} onClick={() => reorder(i, -1)}>
              <ArrowUpIcon aria-hidden />
            </Button>
            <Button size="icon" variant="ghost" className="size-8" aria-label={`Move ${s.name} down`} disabled={i === open.length - 1} onClick={() => reorder(i, 1)}>
              <ArrowDownIcon aria-hidden />
            </Button>
          </li>
        ))}
      </ol>
      <p className="text-sm text-muted-foreground">Then, always: {closing.map((s) => s.name).join(", ")}.</p>
    </div>
  );
}
