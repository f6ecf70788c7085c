import * as React from "react";
import { cn } from "@/lib/utils";

/** A visible message block. `role="alert"` only for errors that appear after an action. */
export function Alert({ className, variant = "default", ...props }: React.ComponentProps<"div"> & { variant?: "default" | "destructive" | "success" }) {
  return (
    <div
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        variant === "destructive" && "border-destructive/40 bg-destructive/5 text-destructive",
        variant === "success" && "border-success/40 bg-success/5 text-success",
        className,
      )}
      {...props}
    />
  );
}
