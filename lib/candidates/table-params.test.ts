import { describe, expect, it } from "vitest";
import { loadCandidatesTableParams } from "./table-params";

describe("loadCandidatesTableParams", () => {
  it("reads a full URL", () => {
    expect(loadCandidatesTableParams("?q=welder&page=3&perPage=50&sort=name&source=LinkedIn,Referral&tags=2,5&apps=active")).toEqual({
      q: "welder",
      page: 3,
      perPage: 50,
      sort: "name",
      source: ["LinkedIn", "Referral"],
      tags: [2, 5],
      apps: "active",
    });
  });
  it("falls back to defaults on bad values and ranks searches by relevance", () => {
    expect(loadCandidatesTableParams("?page=-1&perPage=7&sort=salary&tags=x&apps=maybe")).toMatchObject({ page: 1, perPage: 25, sort: "-updated", tags: [], apps: null });
    expect(loadCandidatesTableParams("?q=%20nurse%20").sort).toBe("relevance");
    expect(loadCandidatesTableParams("?sort=relevance").sort).toBe("-updated");
  });
});
