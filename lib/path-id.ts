// One meaning of "the id in the path" for every [id] page and route: a whole number 1 … 2³¹−1 written
// in plain digits (not 1e3, not 007x, not beyond Prisma's Int); anything else is "no such page".
import { notFound } from "next/navigation";
import { positiveInt } from "@/lib/url-params";

/** The id, or null when the path segment is not one. */
export function parsePathId(segment: string): number | null {
  return positiveInt.parse(segment);
}

/** For pages: the id from the route's params, or Next's 404 page. */
export async function pathId(params: Promise<{ id: string }>): Promise<number> {
  const id = parsePathId((await params).id);
  if (id === null) notFound();
  return id;
}
