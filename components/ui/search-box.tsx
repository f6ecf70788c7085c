"use client";
// A search box that searches as you type (debounced) or on Enter, and shows what the URL says
// when that changes (back/forward, a saved view).
import { useId, useRef, useState } from "react";
import { SearchIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { Input } from "./input";

export const SEARCH_DEBOUNCE_MS = 350;

export function SearchBox({
  label,
  placeholder,
  value,
  onSearch,
  help,
  className,
  id,
}: {
  label: string;
  placeholder: string;
  value: string;
  onSearch: (q: string) => void;
  /** Read to screen readers with the box (the syntax, say). */
  help?: string;
  className?: string;
  /** The input's id (a page's skip link goes to it). */
  id?: string;
}) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const helpId = useId();
  // The URL's value changed under us (a chip removed, back button): show it.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText(value);
  }
  const submit = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    onSearch(q);
  };
  return (
    <form
      role="search"
      className={cn("relative", className)}
      onSubmit={(e) => {
        e.preventDefault();
        submit(text);
      }}
    >
      <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        id={id}
        aria-label={label}
        aria-describedby={help ? helpId : undefined}
        placeholder={placeholder}
        className="pl-8"
        value={text}
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => submit(q), SEARCH_DEBOUNCE_MS);
        }}
      />
      {help && (
        <p id={helpId} className="sr-only">
          {help}
        </p>
      )}
    </form>
  );
}
