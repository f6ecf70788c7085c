"use client";
// A search-as-you-type picker: a button opens a popover with a text box and a list of results
// fetched from `url?q=` (debounced). Keyboard: type, arrows, Enter; Escape closes.
import { useEffect, useState } from "react";
import { Command } from "cmdk";
import { ChevronsUpDownIcon } from "lucide-react";
import { Button } from "./button";
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
}: {
  url: string;
  label: string;
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

  useEffect(() => {
    if (q.trim().length < 2) {
      setOptions([]);
      return;
    }
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
  }, [q, url, map]);

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button id={id} variant="outline" size="sm" className="w-full justify-between font-normal" aria-label={label}>
          <span className="truncate">{buttonText}</span>
          <ChevronsUpDownIcon className="opacity-50" aria-hidden />
        </Button>
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
          <Command.List className="max-h-64 overflow-y-auto p-1">
            {q.trim().length < 2 ? (
              <div className="px-2 py-3 text-sm text-muted-foreground">Type at least 2 letters.</div>
            ) : loading && !options.length ? (
              <Command.Loading>
                <div className="px-2 py-3 text-sm text-muted-foreground">Searching…</div>
              </Command.Loading>
            ) : (
              <Command.Empty className="px-2 py-3 text-sm text-muted-foreground">Nothing found.</Command.Empty>
            )}
            {options.map((o) => (
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
