"use client";
// Which columns show, and in what order; saved for the user as they change it. Moving is by
// buttons (keyboard and screen-reader friendly), not only by dragging.
import { useRef } from "react";
import { ArrowDownIcon, ArrowUpIcon, Columns3Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { saveColumnsAction } from "@/lib/ads/actions";
import { AD_COLUMN_LABELS, type AdColumnId, type ColumnPrefs } from "@/lib/ads/columns";

export function ColumnMenu({ prefs, onChange }: { prefs: ColumnPrefs; onChange: (p: ColumnPrefs) => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  function update(next: ColumnPrefs) {
    onChange(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const r = await saveColumnsAction(next);
      if (!r.ok) toast.error(r.error);
    }, 500);
  }
  const move = (id: AdColumnId, by: -1 | 1) => {
    const order = [...prefs.order];
    const i = order.indexOf(id);
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    update({ ...prefs, order });
  };
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3Icon aria-hidden /> Columns
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-64 p-2" aria-label="Columns">
        <ul className="grid gap-0.5">
          {prefs.order.map((id, i) => (
            <li key={id} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-accent">
              <Checkbox
                id={`col-${id}`}
                checked={!prefs.hidden.includes(id)}
                disabled={id === "title"}
                onCheckedChange={(c) => update({ ...prefs, hidden: c === true ? prefs.hidden.filter((h) => h !== id) : [...prefs.hidden, id] })}
              />
              <label htmlFor={`col-${id}`} className="flex-1">
                {AD_COLUMN_LABELS[id]}
              </label>
              <Button variant="ghost" size="icon" className="size-6" disabled={i === 0} onClick={() => move(id, -1)} aria-label={`Move ${AD_COLUMN_LABELS[id]} up`}>
                <ArrowUpIcon aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                className="size-6"
                disabled={i === prefs.order.length - 1}
                onClick={() => move(id, 1)}
                aria-label={`Move ${AD_COLUMN_LABELS[id]} down`}
              >
                <ArrowDownIcon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
