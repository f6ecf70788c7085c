// The ads table's columns: ids, labels, which sort key a header drives, and the per-user layout
// (order and hidden columns) with its validation. Shared by the table and the server.
import { z } from "zod";
import type { SortKey } from "./table-params";

export const AD_COLUMN_IDS = [
  "title",
  "company",
  "location",
  "category",
  "contract",
  "salary",
  "source",
  "tags",
  "applications",
  "duplicates",
  "status",
  "created",
  "updated",
] as const;
export type AdColumnId = (typeof AD_COLUMN_IDS)[number];

export const AD_COLUMN_LABELS: Record<AdColumnId, string> = {
  title: "Title",
  company: "Company",
  location: "Location",
  category: "Category",
  contract: "Contract",
  salary: "Salary",
  source: "Source",
  tags: "Tags",
  applications: "Applications",
  duplicates: "Duplicates",
  status: "Status",
  created: "Imported",
  updated: "Updated",
};

export const SORTABLE: Partial<Record<AdColumnId, Exclude<SortKey, "relevance">>> = { title: "title", salary: "salary", created: "created", updated: "updated" };

export type ColumnPrefs = { order: AdColumnId[]; hidden: AdColumnId[] };
// What fits at 1280px; the rest is a click away in the Columns menu.
export const DEFAULT_COLUMN_PREFS: ColumnPrefs = { order: [...AD_COLUMN_IDS], hidden: ["contract", "source", "created", "duplicates"] };

export const ZColumnPrefs = z.object({
  order: z.array(z.enum(AD_COLUMN_IDS)).max(AD_COLUMN_IDS.length * 2),
  hidden: z.array(z.enum(AD_COLUMN_IDS)).max(AD_COLUMN_IDS.length * 2),
});

/** Every column exactly once, in the saved order then the rest; the title is never hidden. */
export function normaliseColumnPrefs(input: unknown): ColumnPrefs {
  const parsed = ZColumnPrefs.safeParse(input);
  if (!parsed.success) return DEFAULT_COLUMN_PREFS;
  const order = [...new Set([...parsed.data.order, ...AD_COLUMN_IDS])];
  const hidden = [...new Set(parsed.data.hidden)].filter((c) => c !== "title");
  return { order, hidden };
}
