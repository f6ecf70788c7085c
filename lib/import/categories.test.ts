import { describe, expect, it } from "vitest";
import { categoryFromFolder, normaliseCategory } from "./categories";

describe("categoryFromFolder", () => {
  it.each([
    ["Healthcare_Nursing", "Healthcare & Nursing Jobs"],
    ["Accounting_Finance", "Accounting & Finance Jobs"],
    ["Engineering", "Engineering Jobs"],
    ["Sales", "Sales Jobs"],
    ["PR_Advertising_Marketing", "PR, Advertising & Marketing Jobs"],
    ["Energy_Oil_Gas", "Energy, Oil & Gas Jobs"],
    ["IT", "IT Jobs"],
    ["Green_Energy", "Green & Energy Jobs"],
    ["Widgets", "Widgets Jobs"],
  ])("%s → %s", (folder, category) => {
    expect(categoryFromFolder(folder)).toBe(category);
  });

  it("gives nothing for an empty name", () => {
    expect(categoryFromFolder("  ")).toBeNull();
  });
});

describe("normaliseCategory", () => {
  it("matches Adzuna's spelling and keeps unknown categories as written", () => {
    expect(normaliseCategory("healthcare & nursing jobs")).toBe("Healthcare & Nursing Jobs");
    expect(normaliseCategory("  IT   Jobs ")).toBe("IT Jobs");
    expect(normaliseCategory("Underwater Basket Weaving")).toBe("Underwater Basket Weaving");
    expect(normaliseCategory("")).toBeNull();
  });
});
