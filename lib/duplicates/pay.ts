// Pay as evidence: two ads whose pay bands do not meet are two posts (the real sample's agency
// templates differ from true reposts mostly by title and salary).
import { parseSalary } from "@/lib/import/salary";

/** Annual pay band in £; an open end is 0 / Infinity ("up to £30k", "from £20k"). */
export type PayBand = { min: number; max: number };

/** From SalaryRaw when it parses, else Adzuna's SalaryNormalized (a single annual figure). */
export function payBand(salaryRaw: string | null | undefined, salaryAnnual?: number | null): PayBand | null {
  const s = parseSalary(salaryRaw);
  if (s && (s.annualMin !== null || s.annualMax !== null)) return { min: s.annualMin ?? 0, max: s.annualMax ?? Infinity };
  return salaryAnnual && salaryAnnual > 0 ? { min: salaryAnnual, max: salaryAnnual } : null;
}

// Rounding slack (1%): hourly and weekly rates annualise to odd figures ("£13.50 an hour" is
// 25,920) that another board rounds; wider, and a template's £23,000–£25,500 home would meet its £25,974 one.
const SLACK = 0.01;

export type PayVerdict = "same" | "overlap" | "disjoint" | "unknown";

const close = (x: number, y: number) => x === y || Math.abs(x - y) <= SLACK * Math.max(x, y);

export function comparePay(a: PayBand | null, b: PayBand | null): PayVerdict {
  if (!a || !b) return "unknown";
  if (a.min > b.max * (1 + SLACK) || b.min > a.max * (1 + SLACK)) return "disjoint";
  return close(a.min, b.min) && close(a.max, b.max) ? "same" : "overlap";
}

/** "£22,464" or "£20,000–£23,000", for refusal reasons. */
export function formatPay(p: PayBand): string {
  const f = (n: number) => `£${Math.round(n).toLocaleString("en-GB")}`;
  if (p.max === Infinity) return `from ${f(p.min)}`;
  if (p.min === 0) return `up to ${f(p.max)}`;
  return p.min === p.max ? f(p.min) : `${f(p.min)}–${f(p.max)}`;
}
