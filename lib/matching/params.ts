// What a matches request may ask for (the JSON routes and the two page sections): validated, capped.
import { z } from "zod";
import { MAX_LIMIT } from "./matches";

export const ZMatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  minScore: z.coerce.number().min(0).max(100).default(0),
  region: z.coerce.number().int().positive().optional(),
});
export type TMatchQuery = z.output<typeof ZMatchQuery>;

/** A URL's search params as a match query: { ok, query } or the first problem's message. */
export function parseMatchQuery(params: URLSearchParams): { ok: true; query: TMatchQuery } | { ok: false; error: string } {
  const raw = Object.fromEntries([...params].filter(([k]) => ["limit", "offset", "minScore", "region"].includes(k)));
  const r = ZMatchQuery.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, error: `${issue.path.join(".") || "query"}: ${issue.message}` };
  }
  return { ok: true, query: r.data };
}
