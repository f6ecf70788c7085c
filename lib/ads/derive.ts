// Values derived from an ad's fields, computed in one place for the importer and for editing: the
// title's sort key, the top-level region of its place, and its annual salary with where that came
// from. Pure.
import { annualise, findSalaryInText, parseSalary, salaryMidpoint, type Salary, type SalaryPeriod } from "@/lib/import/salary";
import type { TextLocationFinder } from "@/lib/locations/find-in-text";
import type { TreeNode } from "@/lib/locations/resolve";
import type { LocationSource, SalarySource } from "./fields";

/** Title sort key: lower case, at most 200 characters (the table sorts titles by it). */
export function titleKey(title: string): string {
  return title.toLowerCase().slice(0, 200);
}

/** The top-level region of a place in the tree (a node knows it), or null. */
export function regionOf(place: { regionId?: number | null } | null | undefined): number | null {
  return place?.regionId ?? null;
}

export type DerivedSalary = { salary: Salary | null; annual: number | null; source: SalarySource | null; problem: string | null };

/**
 * An imported ad's salary: parsed from the salary text, else (when the file says nothing of pay)
 * found in the description; the annual figure is the file's normalised one when it has one.
 */
export function deriveImportedSalary(input: { salaryRaw: string | null; salaryNormalized: string | null; description: string }): DerivedSalary {
  let salary = parseSalary(input.salaryRaw);
  let source: SalarySource | null = salary ? "salary-text" : null;
  if (!salary && !input.salaryRaw && !input.salaryNormalized) {
    salary = findSalaryInText(input.description);
    if (salary) source = "description";
  }
  let annual = salary ? salaryMidpoint(salary) : null;
  let problem: string | null = null;
  if (input.salaryNormalized) {
    const n = Number(input.salaryNormalized.replace(/[£,\s]/g, ""));
    if (Number.isFinite(n) && n > 0 && n < 10_000_000) {
      annual = Math.round(n);
      source = "file";
    } else problem = `SalaryNormalized "${input.salaryNormalized}" is not an amount; ignored`;
  }
  return { salary, annual, source: annual === null ? null : source, problem };
}

/** An admin's salary (min/max/period): its annual midpoint, entered by an admin. */
export function deriveEditedSalary(f: { salaryMin: number | null; salaryMax: number | null; salaryPeriod: string | null }): { annual: number | null; source: SalarySource | null } {
  if (!f.salaryPeriod) return { annual: null, source: null };
  const values = [f.salaryMin, f.salaryMax].filter((v): v is number => v !== null);
  if (!values.length) return { annual: null, source: null };
  const mid = values.reduce((a, b) => a + b, 0) / values.length;
  return { annual: Math.round(annualise(mid, f.salaryPeriod as SalaryPeriod)), source: "admin" };
}

/**
 * An imported ad's place: the one its location columns resolve to; else, when the file gave no
 * location it could resolve, the place its title or description names (marked as found in the text).
 * A place found in the text never replaces a given one (lib/import/merge.ts keeps an existing ad's).
 */
export function deriveImportedLocation<N extends TreeNode>(
  resolved: N | null,
  ad: { title: string; description: string },
  finder: TextLocationFinder | null,
): { node: N | null; source: LocationSource | null } {
  if (resolved) return { node: resolved, source: "file" };
  const found = finder?.find(ad);
  return found ? { node: found.node as N, source: "text" } : { node: null, source: null };
}
