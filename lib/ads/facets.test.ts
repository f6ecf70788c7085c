import { describe, expect, it } from "vitest";
import { countFacets, subtractCube, type CubeRow } from "./facets";

const row = (category: string, source: string, contractType: string | null, n: number, status = "OPEN", regionId: number | null = 1): CubeRow => ({
  category,
  status,
  contractType,
  contractTime: null,
  source,
  regionId,
  n,
});

const cube: CubeRow[] = [
  row("IT Jobs", "cv-library", "FULL_TIME", 10),
  row("IT Jobs", "hays", null, 5),
  row("Sales Jobs", "cv-library", "PART_TIME", 3),
  row("Sales Jobs", "hays", "FULL_TIME", 2, "CLOSED", 2),
];

describe("countFacets", () => {
  it("counts everything when nothing is selected", () => {
    const { total, counts } = countFacets(cube, {});
    expect(total).toBe(20);
    expect(Object.fromEntries(counts.category)).toEqual({ "IT Jobs": 15, "Sales Jobs": 5 });
    expect(Object.fromEntries(counts.source)).toEqual({ "cv-library": 13, hays: 7 });
    expect(counts.contractType.get(null)).toBe(5);
    expect(Object.fromEntries(counts.status)).toEqual({ OPEN: 18, CLOSED: 2 });
  });

  it("narrows the other facets but not the facet's own options", () => {
    const { total, counts } = countFacets(cube, { category: new Set(["IT Jobs"]) });
    expect(total).toBe(15);
    // Its own options still show what choosing them would give.
    expect(Object.fromEntries(counts.category)).toEqual({ "IT Jobs": 15, "Sales Jobs": 5 });
    expect(Object.fromEntries(counts.source)).toEqual({ "cv-library": 10, hays: 5 });
    expect(Object.fromEntries(counts.status)).toEqual({ OPEN: 15 });
  });

  it("combines selections across facets (AND) and within a facet (OR)", () => {
    const { total, counts } = countFacets(cube, { category: new Set(["IT Jobs", "Sales Jobs"]), source: new Set(["hays"]) });
    expect(total).toBe(7);
    expect(Object.fromEntries(counts.category)).toEqual({ "IT Jobs": 5, "Sales Jobs": 2 });
    expect(Object.fromEntries(counts.source)).toEqual({ "cv-library": 13, hays: 7 });
    expect(Object.fromEntries(counts.contractType)).toEqual({ FULL_TIME: 2, null: 5 });
  });

  it("selects missing values (null) like any other", () => {
    const { total } = countFacets(cube, { contractType: new Set([null]) });
    expect(total).toBe(5);
  });

  it("counts nothing when selections rule out every row", () => {
    const { total, counts } = countFacets(cube, { category: new Set(["IT Jobs"]), status: new Set(["CLOSED"]) });
    expect(total).toBe(0);
    expect(Object.fromEntries(counts.category)).toEqual({ "Sales Jobs": 2 });
    expect(Object.fromEntries(counts.status)).toEqual({ OPEN: 15 });
  });
});

describe("subtractCube", () => {
  const row = (category: string, source: string | null, n: number) => ({ category, status: "OPEN", contractType: null, contractTime: null, source, regionId: 1, n });
  it("takes a subset's counts away, cell by cell, and drops emptied cells", () => {
    const all = [row("IT", "a", 5), row("IT", "b", 2), row("Sales", "a", 3)];
    const tagged = [row("IT", "a", 1), row("IT", "b", 2)];
    expect(subtractCube(all, tagged)).toEqual([row("IT", "a", 4), row("Sales", "a", 3)]);
    expect(subtractCube(all, [])).toEqual(all);
  });
});
