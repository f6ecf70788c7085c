import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURES, FeatureHasher, FeatureVector, type FeatureLabel, type SalaryAd } from "./features";

const hasher = new FeatureHasher({ ...DEFAULT_FEATURES, hashBits: 18 });
const ad: SalaryAd = {
  title: "Staff Nurse - Nights",
  description: "Staff nurse required for nights. Nights pay enhanced. Nurse with NMC pin.",
  company: "Acme Care",
  category: "Healthcare & Nursing Jobs",
  contractType: "FULL_TIME",
  contractTime: null,
  source: "careworx.co.uk",
  locationPath: "UK~London~East London~Mile End",
};

function extract(a: SalaryAd) {
  const x = new FeatureVector();
  const labels: FeatureLabel[] = [];
  hasher.extract(a, x, labels);
  return { x, labels, entries: labels.map((l, i) => ({ ...l, index: x.index[i], value: x.value[i] })) };
}

describe("FeatureHasher", () => {
  it("labels every entry with its field and words", () => {
    const { x, labels, entries } = extract(ad);
    expect(labels).toHaveLength(x.n);
    const texts = (field: string) => entries.filter((e) => e.field === field).map((e) => e.text);
    expect(texts("title")).toEqual(["staff", "nurse", "nights", "staff nurse", "nurse nights"]);
    expect(texts("description")).toContain("nights pay");
    expect(texts("description")).not.toContain("for"); // a stop word alone says nothing...
    expect(texts("description")).toContain("required for"); // ...but pairs keep it
    expect(texts("location")).toEqual(["London", "London › East London", "London › East London › Mile End"]);
    expect(texts("contract type")).toEqual(["full_time"]);
    expect(texts("contract time")).toEqual(["(none)"]);
    expect(texts("company")).toEqual(["acme care"]);
  });

  it("gives each text kind unit length times its weight, a repeated word more but not proportionally", () => {
    const { entries } = extract(ad);
    const words = entries.filter((e) => e.field === "description" && !e.text.includes(" "));
    const norm = Math.sqrt(words.reduce((s, e) => s + e.value ** 2, 0));
    expect(norm).toBeCloseTo(DEFAULT_FEATURES.descriptionWeight, 10);
    const nights = words.find((e) => e.text === "nights")!.value; // twice
    const pay = words.find((e) => e.text === "pay")!.value; // once
    expect(nights / pay).toBeCloseTo(1 + Math.log(2), 10);
  });

  it("keeps the same word in the title and the description apart, and is the same every time", () => {
    const { entries } = extract(ad);
    const nurse = entries.filter((e) => e.text === "nurse");
    expect(nurse.map((e) => e.field)).toEqual(["title", "description"]);
    expect(nurse[0].index).not.toBe(nurse[1].index);
    expect(extract(ad).x.index.subarray(0, 50)).toEqual(extract({ ...ad }).x.index.subarray(0, 50));
  });

  it("tells same-named places apart by their path, and marks a missing location", () => {
    const a = extract({ ...ad, locationPath: "UK~South East England~Surrey~Richmond" }).entries.filter((e) => e.field === "location");
    const b = extract({ ...ad, locationPath: "UK~Yorkshire And The Humber~North Yorkshire~Richmond" }).entries.filter((e) => e.field === "location");
    expect(a.at(-1)!.index).not.toBe(b.at(-1)!.index);
    expect(extract({ ...ad, locationPath: null }).labels.filter((l) => l.field === "location")).toEqual([{ field: "location", text: "(unknown)" }]);
  });

  it("copes with an empty ad", () => {
    const { x } = extract({ title: "", description: "" });
    expect(x.n).toBe(5); // category, contract type and time, source and "location unknown"; no company
  });

  it("refuses a hash size it cannot hold", () => {
    expect(() => new FeatureHasher({ ...DEFAULT_FEATURES, hashBits: 30 })).toThrow(/hashBits/);
  });
});
