import { describe, expect, it } from "vitest";
import { formatSalary } from "./salary-format";

describe("formatSalary", () => {
  it.each([
    [{ salaryMin: 20000, salaryMax: 30000, salaryPeriod: "YEAR" as const }, "£20,000–£30,000 a year"],
    [{ salaryMin: 8.5, salaryMax: 8.5, salaryPeriod: "HOUR" as const }, "£8.50 an hour"],
    [{ salaryMin: null, salaryMax: 16000, salaryPeriod: "YEAR" as const }, "up to £16,000 a year"],
    [{ salaryMin: 150, salaryMax: null, salaryPeriod: "DAY" as const }, "from £150 a day"],
    [{ salaryMin: null, salaryMax: null, salaryPeriod: null, salaryAnnual: 25000 }, "≈ £25,000 a year"],
    [{ salaryMin: null, salaryMax: null, salaryPeriod: null }, null],
  ])("%j → %s", (input, text) => {
    expect(formatSalary(input)).toBe(text);
  });
});
