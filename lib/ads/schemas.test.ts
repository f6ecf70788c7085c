import { describe, expect, it } from "vitest";
import { ZAdFields, type TAdFieldsInput } from "./schemas";

const form: TAdFieldsInput = {
  title: "  Staff Nurse ",
  description: "Days, Leeds.",
  company: "",
  locationId: "",
  category: "Healthcare & Nursing Jobs",
  contractType: "FULL_TIME",
  contractTime: "",
  salaryMin: "£24,000",
  salaryMax: "28000",
  salaryPeriod: "YEAR",
  status: "OPEN",
};

describe("the ad edit form", () => {
  it("turns form strings into typed values; empty optional fields become null", () => {
    expect(ZAdFields.parse(form)).toEqual({
      title: "Staff Nurse",
      description: "Days, Leeds.",
      company: null,
      locationId: null,
      category: "Healthcare & Nursing Jobs",
      contractType: "FULL_TIME",
      contractTime: null,
      salaryMin: 24000,
      salaryMax: 28000,
      salaryPeriod: "YEAR",
      status: "OPEN",
    });
  });

  it("names the field that is wrong", () => {
    const r = ZAdFields.safeParse({ ...form, title: " ", salaryMin: "lots", contractType: "SOMETIMES" });
    expect(r.success).toBe(false);
    if (r.success) return;
    const byField = Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField.title).toBe("Enter a title");
    expect(byField.salaryMin).toBe("Enter an amount in pounds, e.g. 28000 or 12.50");
    expect(byField.contractType).toBeDefined();
  });

  it("needs a period with a salary, and min ≤ max", () => {
    const r = ZAdFields.safeParse({ ...form, salaryPeriod: "", salaryMin: "30000", salaryMax: "20000" });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.path.join("."))).toEqual(["salaryMax", "salaryPeriod"]);
  });
});
