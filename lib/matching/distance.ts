// How near two places are on the UK location tree ("UK~Region~County~Town~District" paths): same
// town > same county > same region > elsewhere. Plain TypeScript over the paths.

export type Nearness = "same-town" | "same-county" | "same-region" | "elsewhere" | "unknown";

/** Depth of the deepest place both paths lie in (0: only the country; -1: not even that). */
export function commonDepth(a: string, b: string): number {
  const pa = a.split("~");
  const pb = b.split("~");
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return i - 1;
}

/**
 * Nearness of a job's place and a person's. One inside the other counts at the level of the larger
 * one when that is a town or county ("Leeds" and "Headingley, Leeds": same town); a whole region
 * named as the place (an ad "London", a person in Hackney) counts as the same county; the country
 * alone says nothing.
 */
export function nearness(adPath: string | null | undefined, personPath: string | null | undefined): Nearness {
  if (!adPath || !personPath) return "unknown";
  const d = commonDepth(adPath, personPath);
  const shallower = Math.min(adPath.split("~").length, personPath.split("~").length) - 1;
  if (d === shallower) {
    // one contains the other
    if (d >= 3) return "same-town";
    if (d === 2) return "same-town";
    if (d === 1) return "same-county";
    return "unknown";
  }
  if (d >= 3) return "same-town";
  if (d === 2) return "same-county";
  if (d === 1) return "same-region";
  return "elsewhere";
}

/** The location factor's value (0–1) for a nearness, and whether relocation lifted it. */
export const NEARNESS_VALUE: Record<Nearness, number> = { "same-town": 1, "same-county": 0.7, "same-region": 0.4, elsewhere: 0, unknown: 0.3 };
/** Someone willing to relocate is never scored below this for a job elsewhere. */
export const RELOCATION_FLOOR = 0.5;

export function locationValue(n: Nearness, willingToRelocate: boolean): { value: number; relocation: boolean } {
  const base = NEARNESS_VALUE[n];
  if (willingToRelocate && base < RELOCATION_FLOOR && n !== "unknown") return { value: RELOCATION_FLOOR, relocation: true };
  return { value: base, relocation: false };
}
