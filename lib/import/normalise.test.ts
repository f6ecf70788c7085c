import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { LocationResolver, toTreeNodes } from "@/lib/locations/resolve";
import { parseLocationTree } from "@/lib/locations/tree";
import { mapContractTime, mapContractType, normaliseAd } from "./normalise";
import { parseSalary, salaryMidpoint } from "./salary";
import type { SourceAd } from "./types";

const nodes = toTreeNodes(parseLocationTree(readFileSync(path.resolve("seeds/location-tree.csv"), "utf8")));
const byId = new Map(nodes.map((n) => [n.id, n]));
const resolver = new LocationResolver(nodes);
const pathOf = (id: number | null) => (id === null ? null : byId.get(id)!.path);

type Row = Record<string, string>;
const sample: Row[] = parse(readFileSync(path.resolve("../shared/data/adzuna/Train_rev1_sample.csv")), { columns: true, relax_column_count: true, bom: true });
const row = (id: string) =>
  sample.find((r) => r.Id === id) ??
  (() => {
    throw new Error(`no row ${id} in the sample`);
  })();

function sourceAd(r: Row, line = 2): SourceAd {
  const v = (k: string) => (r[k]?.trim() ? r[k].trim() : null);
  return {
    kind: "csv",
    file: "sample.csv",
    line,
    externalId: Number(r.Id),
    title: r.Title.trim(),
    description: r.FullDescription.trim(),
    company: v("Company"),
    locationRaw: v("LocationRaw"),
    locationNormalized: v("LocationNormalized"),
    contractType: v("ContractType"),
    contractTime: v("ContractTime"),
    category: v("Category"),
    salaryRaw: v("SalaryRaw"),
    salaryNormalized: v("SalaryNormalized"),
    source: v("SourceName"),
  };
}
const first = sourceAd(row("12612628"));

describe("contract values", () => {
  it.each([
    ["full_time", "FULL_TIME"],
    ["Full-Time", "FULL_TIME"],
    ["part_time", "PART_TIME"],
    ["PART TIME", "PART_TIME"],
  ])("ContractType %j → %s", (v, want) => expect(mapContractType(v)).toBe(want));
  it.each([
    ["permanent", "PERMANENT"],
    ["contract", "CONTRACT"],
    ["Temp", "CONTRACT"],
    ["fixed-term", "CONTRACT"],
  ])("ContractTime %j → %s", (v, want) => expect(mapContractTime(v)).toBe(want));

  it("maps every value in the real sample", () => {
    for (const r of sample) {
      expect(mapContractType(r.ContractType || null)).not.toBeUndefined();
      expect(mapContractTime(r.ContractTime || null)).not.toBeUndefined();
    }
  });

  it("leaves an unknown value empty with a warning naming the field", () => {
    const n = normaliseAd({ ...first, contractType: "zero_hours", contractTime: "seasonal" }, resolver);
    expect(n.ad.contractType).toBeNull();
    expect(n.ad.contractTime).toBeNull();
    expect(n.problems).toEqual([
      { file: "sample.csv", line: 2, field: "ContractType", severity: "warning", message: 'unknown ContractType "zero_hours" (expected full_time or part_time); left empty' },
      { file: "sample.csv", line: 2, field: "ContractTime", severity: "warning", message: 'unknown ContractTime "seasonal" (expected permanent or contract); left empty' },
    ]);
    expect(normaliseAd(first, resolver).problems).toEqual([]);
  });
});

describe("salary", () => {
  it("parses SalaryRaw and takes the annual figure from SalaryNormalized", () => {
    const n = normaliseAd(first, resolver).ad;
    expect(n).toMatchObject({ salaryRaw: "20000 - 30000/annum 20-30K", salaryMin: 20000, salaryMax: 30000, salaryPeriod: "YEAR", salaryAnnual: 25000 });
  });

  it("prefers SalaryNormalized to the parsed midpoint when they differ (real rows)", () => {
    const differing = sample.filter((r) => {
      const s = parseSalary(r.SalaryRaw);
      return s && r.SalaryNormalized && salaryMidpoint(s) !== Number(r.SalaryNormalized);
    });
    expect(differing.length).toBeGreaterThan(10);
    for (const r of differing.slice(0, 50)) {
      const n = normaliseAd(sourceAd(r), resolver).ad;
      expect(n.salaryAnnual).toBe(Math.round(Number(r.SalaryNormalized)));
      expect(n.salaryMin).toBe(parseSalary(r.SalaryRaw)!.min);
    }
  });

  it("uses the parsed midpoint when SalaryNormalized is missing, and warns when it is not an amount", () => {
    expect(normaliseAd({ ...first, salaryNormalized: null }, resolver).ad.salaryAnnual).toBe(25000);
    const bad = normaliseAd({ ...first, salaryNormalized: "n/a" }, resolver);
    expect(bad.ad.salaryAnnual).toBe(25000);
    expect(bad.problems).toEqual([expect.objectContaining({ field: "SalaryNormalized", severity: "warning", message: 'SalaryNormalized "n/a" is not an amount; ignored' })]);
  });

  const withPay = { ...first, description: "Senior analyst needed. Salary: £32,000 per annum plus bonus." };
  it("looks for a salary in the description only when SalaryRaw and SalaryNormalized are both absent", () => {
    const both = normaliseAd({ ...withPay, salaryRaw: null, salaryNormalized: null }, resolver).ad;
    expect(both).toMatchObject({ salaryRaw: null, salaryMin: 32000, salaryPeriod: "YEAR", salaryAnnual: 32000 });
    // SalaryRaw present but without an amount: the description is not searched.
    const competitive = normaliseAd({ ...withPay, salaryRaw: "Competitive", salaryNormalized: null }, resolver).ad;
    expect(competitive).toMatchObject({ salaryRaw: "Competitive", salaryMin: null, salaryMax: null, salaryPeriod: null, salaryAnnual: null });
    // Only SalaryNormalized present: it gives the annual figure, the description is not searched.
    const normOnly = normaliseAd({ ...withPay, salaryRaw: null, salaryNormalized: "30000" }, resolver).ad;
    expect(normOnly).toMatchObject({ salaryMin: null, salaryPeriod: null, salaryAnnual: 30000 });
  });
});

describe("location", () => {
  it.each([
    ["12612628", "UK~South East England~Surrey~Dorking"], // "Dorking, Surrey, Surrey" / Dorking
    ["12612830", "UK~Scotland~Glasgow"], // "Glasgow, Scotland, Scotland" / Glasgow
    ["12612844", "UK~South East England~Hampshire"], // "Hampshire, South East, South East" / Hampshire
  ])("resolves sample ad %s to %s", (id, want) => {
    const n = normaliseAd(sourceAd(row(id)), resolver);
    expect(pathOf(n.ad.locationId)).toBe(want);
    expect(n.unresolvedLocation).toBe(false);
  });

  it('refines Adzuna\'s "UK" with the town named in LocationRaw (real rows)', () => {
    const uk = sample.filter((r) => r.LocationNormalized === "UK");
    expect(uk.length).toBeGreaterThan(5);
    // "Croydon, Surrey" / UK → Croydon; "Stevenage Hertfordshire South East" / UK → Stevenage.
    expect(pathOf(normaliseAd(sourceAd(row("28216382")), resolver).ad.locationId)).toBe("UK~London~Croydon");
    expect(pathOf(normaliseAd(sourceAd(row("27740574")), resolver).ad.locationId)).toBe("UK~Eastern England~Hertfordshire~Stevenage");
    const refined = uk.map((r) => normaliseAd(sourceAd(r), resolver).ad.locationId).filter((id) => id !== null && byId.get(id)!.depth > 0);
    expect(refined.length).toBeGreaterThan(uk.length / 2);
  });

  it('keeps "UK" when LocationRaw names no place in it', () => {
    const n = normaliseAd({ ...first, locationNormalized: "UK", locationRaw: "UK" }, resolver);
    expect(pathOf(n.ad.locationId)).toBe("UK");
    expect(normaliseAd({ ...first, locationNormalized: "UK", locationRaw: "Anywhere, nationwide" }, resolver).ad.locationId).toBe(n.ad.locationId);
  });

  it("counts a location it cannot place as unresolved, and no location as nothing to resolve", () => {
    const lost = normaliseAd({ ...first, locationNormalized: "Atlantis", locationRaw: "Atlantis Ocean Base" }, resolver);
    expect(lost.ad).toMatchObject({ locationId: null, locationRaw: "Atlantis Ocean Base", locationNormalized: "Atlantis" });
    expect(lost.unresolvedLocation).toBe(true);
    const none = normaliseAd({ ...first, locationNormalized: null, locationRaw: "   " }, resolver);
    expect(none.ad.locationId).toBeNull();
    expect(none.unresolvedLocation).toBe(false);
  });

  it("resolves almost every row of the sample", () => {
    const unresolved = sample.filter((r) => r.Title.trim() && normaliseAd(sourceAd(r), resolver).unresolvedLocation);
    expect(unresolved.length).toBeLessThan(sample.length * 0.01);
  });
});

describe("tidying and hashing", () => {
  it("tidies text: single-spaced lines, paragraphs kept, category spelled as Adzuna does", () => {
    const n = normaliseAd(
      { ...first, title: "  Engineering   Systems\tAnalyst ", description: "One  \r\n\r\n\r\n\r\nTwo\r\nThree   ", category: "engineering jobs", company: " Gregory  Martin " },
      resolver,
    ).ad;
    expect(n).toMatchObject({ title: "Engineering Systems Analyst", description: "One\n\nTwo\nThree", category: "Engineering Jobs", companyName: "Gregory Martin" });
  });

  it("gives the same row the same hash every time", () => {
    const a = normaliseAd(first, resolver).ad.sourceHash;
    expect(normaliseAd({ ...first }, resolver).ad.sourceHash).toBe(a);
    expect(normaliseAd(first, new LocationResolver(nodes)).ad.sourceHash).toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{27}$/);
    // Only what is stored counts: whitespace that tidying removes, the file and the line do not.
    expect(normaliseAd({ ...first, title: ` ${first.title}  `, file: "other.csv", line: 99 }, resolver).ad.sourceHash).toBe(a);
  });

  it.each<[string, Partial<SourceAd>]>([
    ["title", { title: "Engineering Systems Analyst II" }],
    ["description", { description: first.description + " Apply now." }],
    ["company", { company: "Another Company" }],
    ["location", { locationRaw: "Guildford, Surrey", locationNormalized: "Guildford" }],
    ["contract", { contractTime: "contract" }],
    ["salary", { salaryRaw: "25000 - 35000/annum" }],
    ["source", { source: "totaljobs.com" }],
    ["Id", { externalId: 12612629 }],
    ["kind", { kind: "text" }],
  ])("changes the hash when the %s changes", (_what, change) => {
    expect(normaliseAd({ ...first, ...change }, resolver).ad.sourceHash).not.toBe(normaliseAd(first, resolver).ad.sourceHash);
  });
});
