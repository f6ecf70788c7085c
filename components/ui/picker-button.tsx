"use client";
// The button that opens a picker (a popover with a search box and a list). Its accessible name
// holds its visible text (WCAG 2.5.3, label in name): the visible label it is named by and its own
// text, or "<label>: <text>" when there is no visible label.
import { useId } from "react";
import { ChevronsUpDownIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "./button";

export function PickerButton({
  text,
  label,
  labelledBy,
  className,
  ...props
}: Omit<React.ComponentProps<typeof Button>, "children"> & { text: string; label: string; labelledBy?: string }) {
  const textId = useId();
  const name = labelledBy ? { "aria-labelledby": `${labelledBy} ${textId}` } : { "aria-label": text.startsWith(label) ? text : `${label}: ${text}` };
  return (
    <Button variant="outline" size="sm" className={cn("justify-between font-normal", className)} {...props} {...name}>
      <span id={textId} className="truncate">
        {text}
      </span>
      <ChevronsUpDownIcon className="opacity-50" aria-hidden />
    </Button>
  );
}
