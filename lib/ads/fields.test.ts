import { describe, expect, it } from "vitest";
import { AD_FIELDS, contractLabel, EXPORT_HEADER, IMPORT_COLUMNS, MERGE_FIELDS } from "./fields";
import { deriveEditedSalary, deriveImportedSalary, titleKey } from "./derive";

describe("the one list of an ad's fields", () => {
  it("lists each field once, and builds the import's columns, the merge and the export from it", () => {
    expect(new Set(AD_FIELDS.map((f) => f.key)).size).toBe(AD_FIELDS.length);
    expect(IMPORT_COLUMNS.map((c) => c.name)).toEqual([
      "title",
      "titleKey",
      "companyId",
      "locationId",
      "regionId",
      "locationRaw",
      "locationNormalized",
      "category",
      "contractType",
      "contractTime",
      "salaryRaw",
      "salaryMin",
      "salaryMax",
      "salaryPeriod",
      "salaryAnnual",
      "salarySource",
      "locationSource",
      "source",
    ]);
    for (const f of MERGE_FIELDS) expect(AD_FIELDS.find((x) => x.key === f)?.merged).toBe(true);
    expect(EXPORT_HEADER).toEqual([
      "Adzuna Id",
      "Title",
      "Company",
      "Location",
      "Category",
      "Contract type",
      "Contract time",
      "Salary min",
      "Salary max",
      "Salary period",
      "Annual salary",
      "Annual salary from",
      "Location from",
      "Salary estimate",
      "Estimate low",
      "Estimate high",
      "Source",
      "Status",
      "Duplicate group",
      "Tags",
      "Imported",
      "Updated",
      "Description",
    ]);
  });

  it("names contracts in words", () => {
    expect(contractLabel("FULL_TIME", "PERMANENT")).toBe("Full time, Permanent");
    expect(contractLabel(null, "CONTRACT")).toBe("Contract");
    expect(contractLabel(null, null)).toBeNull();
  });
});

describe("derived values", () => {
  it("keeps where an annual salary came from", () => {
    expect(deriveImportedSalary({ salaryRaw: "20000 - 30000/annum", salaryNormalized: "25000", description: "" })).toMatchObject({ annual: 25000, source: "file" });
    expect(deriveImportedSalary({ salaryRaw: "£20,000 - £30,000 per annum", salaryNormalized: null, description: "" })).toMatchObject({ annual: 25000, source: "salary-text" });
    expect(deriveImportedSalary({ salaryRaw: null, salaryNormalized: null, description: "Salary: £30,000 per annum plus benefits." })).toMatchObject({
      annual: 30000,
      source: "description",
    });
    expect(deriveImportedSalary({ salaryRaw: null, salaryNormalized: null, description: "Competitive salary." })).toMatchObject({ annual: null, source: null });
    expect(deriveImportedSalary({ salaryRaw: null, salaryNormalized: "lots", description: "" })).toMatchObject({
      annual: null,
      source: null,
      problem: 'SalaryNormalized "lots" is not an amount; ignored',
    });
    expect(deriveEditedSalary({ salaryMin: 10, salaryMax: 12, salaryPeriod: "HOUR" })).toEqual({ annual: 21120, source: "admin" });
    expect(deriveEditedSalary({ salaryMin: null, salaryMax: null, salaryPeriod: "YEAR" })).toEqual({ annual: null, source: null });
  });

  it("sorts titles by a lower-case key", () => {
    expect(titleKey("Staff Nurse")).toBe("staff nurse");
    expect(titleKey("x".repeat(300))).toHaveLength(200);
  });
});
