"use client";
// A native checkbox with the design system's look. The table and the facet lists render dozens of
// these on every page, so it is one <input> (no button + hidden input + icon per box): a browser
// checkbox is keyboard-, form- and screen-reader-ready as it is, and "indeterminate" is its own
// property (set after render, as HTML has no attribute for it).
import * as React from "react";
import { cn } from "@/lib/utils";

type CheckedState = boolean | "indeterminate";

export function Checkbox({
  className,
  checked,
  onCheckedChange,
  ref,
  ...props
}: Omit<React.ComponentProps<"input">, "type" | "checked" | "onChange"> & {
  checked?: CheckedState;
  onCheckedChange?: (checked: boolean) => void;
}) {
  const mixed = checked === "indeterminate";
  const setRef = React.useCallback(
    (el: HTMLInputElement | null) => {
      if (el) el.indeterminate = mixed;
      if (typeof ref === "function") ref(el);
      else if (ref) ref.current = el;
    },
    [mixed, ref],
  );
  return (
    <input
      type="checkbox"
      ref={setRef}
      checked={checked === true}
      onChange={(e) => onCheckedChange?.(e.currentTarget.checked)}
      className={cn("size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed disabled:opacity-50", className)}
      {...props}
    />
  );
}
