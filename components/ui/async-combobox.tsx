"use client";
// A search-as-you-type picker: a button opens a popover with a text box and a list of results
// fetched from `url?q=` (debounced). Keyboard: type, arrows, Enter; Escape closes.
import { useEffect, useState } from "react";
import { Command } from "cmdk";
import { PickerButton } from "./picker-button";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

export type ComboOption = { id: number; label: string; detail?: string };

export function AsyncCombobox({
  url,
  label,
  placeholder,
  buttonText,
  onSelect,
  map,
  id,
  labelledBy,
}: {
  url: string;
  /** Names the search box in the popover (and the button when there is no `labelledBy`). */
  label: string;
  /** The id of the visible heading or label of the picker: the button is named by it and its own text. */
  labelledBy?: string;
  placeholder: string;
  buttonText: string;
  onSelect: (o: ComboOption) => void;
  map: (row: Record<string, unknown>) => ComboOption;
  id?: string;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [loading, setLoading] = useState(false);

  // Fewer than two letters ask for nothing and show nothing.
  const asking = q.trim().length >= 2;
  const shownOptions = asking ? options : [];
  useEffect(() => {
    if (!asking) return;
    const ctrl = new AbortController();
    const t = setTimeout(async () => {
      setLoading(true);
      try {
        const res = await fetch(`${url}?q=${encodeURIComponent(q)}`, { signal: ctrl.signal });
        if (res.ok) setOptions(((await res.json()) as Record<string, unknown>[]).map(map));
      } catch {
        // aborted or offline: keep the last results
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [asking, q, url, map]);

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <PickerButton id={id} className="w-full" text={buttonText} label={label} labelledBy={labelledBy} />
      </PopoverTrigger>
      <PopoverContent className="p-0">
        <Command shouldFilter={false} label={label}>
          <Command.Input
            value={q}
            onValueChange={setQ}
            placeholder={placeholder}
            aria-label={label}
            className="w-full border-b bg-transparent px-3 py-2 text-sm outline-none placeholder:text-muted-foreground"
          />
          {/* A listbox holds options only: the status line sits outside it (and is announced). */}
          {!shownOptions.length && (
            <p role="status" className="px-3 py-3 text-sm text-muted-foreground">
              {q.trim().length < 2 ? "Type at least 2 letters." : loading ? "Searching…" : "Nothing found."}
            </p>
          )}
          <Command.List className="max-h-64 overflow-y-auto p-1 empty:hidden">
            {shownOptions.map((o) => (
              <Command.Item
                key={o.id}
                value={String(o.id)}
                onSelect={() => {
                  onSelect(o);
                  setOpen(false);
                  setQ("");
                }}
                className="flex cursor-default flex-col items-start rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-accent"
              >
                <span>{o.label}</span>
                {o.detail && <span className="text-xs text-muted-foreground">{o.detail}</span>}
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
