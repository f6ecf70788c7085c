"use client";
// Narrows the funnel to one role, category or source: a GET form on the home page (?funnel=…),
// submitted as soon as the choice changes (next/form navigates without a full reload).
import Form from "next/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { count } from "@/lib/format";

export type ScopeChoice = { value: string; label: string; count: number };

export function FunnelScopePicker({
  value,
  roles,
  categories,
  sources,
  stuck,
}: {
  /** The current scope's URL value ("" for every application). */
  value: string;
  roles: ScopeChoice[];
  categories: ScopeChoice[];
  sources: ScopeChoice[];
  /** The stuck threshold to keep in the URL (null when it is the default). */
  stuck: number | null;
}) {
  const group = (label: string, options: ScopeChoice[]) =>
    options.length > 0 && (
      <optgroup label={label}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({count(o.count)})
          </option>
        ))}
      </optgroup>
    );
  return (
    <Form action="/" scroll={false} replace className="flex flex-wrap items-center gap-2">
      <Label htmlFor="funnel-scope" className="text-muted-foreground">
        Show
      </Label>
      <NativeSelect id="funnel-scope" name="funnel" defaultValue={value} key={value} className="w-auto max-w-80" onChange={(e) => e.currentTarget.form?.requestSubmit()}>
        <option value="">All applications</option>
        {group("Roles (most applications)", roles)}
        {group("Categories", categories)}
        {group("Sources", sources)}
      </NativeSelect>
      {stuck !== null && <input type="hidden" name="stuck" value={stuck} />}
    </Form>
  );
}
