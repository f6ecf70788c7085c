// How a parsed salary reads on screen: "£20,000–£30,000 a year", "£8.50 an hour".
import type { SalaryPeriod } from "./salary";

const PER: Record<SalaryPeriod, string> = { YEAR: "a year", MONTH: "a month", WEEK: "a week", DAY: "a day", HOUR: "an hour" };

// Made once: toLocaleString with options builds a new formatter per call (~25 µs; the table
// formats dozens of salaries per page).
const WHOLE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const PENCE = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function money(n: number): string {
  return "£" + (Number.isInteger(n) ? WHOLE : PENCE).format(n);
}

export function formatSalary(s: { salaryMin: number | null; salaryMax: number | null; salaryPeriod: SalaryPeriod | null; salaryAnnual?: number | null }): string | null {
  const { salaryMin: min, salaryMax: max, salaryPeriod: period } = s;
  if (period && (min !== null || max !== null)) {
    const range = min !== null && max !== null ? (min === max ? money(min) : `${money(min)}–${money(max)}`) : min !== null ? `from ${money(min)}` : `up to ${money(max!)}`;
    return `${range} ${PER[period]}`;
  }
  return s.salaryAnnual ? `≈ ${money(s.salaryAnnual)} a year` : null;
}
