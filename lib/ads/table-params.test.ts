import { describe, expect, it } from "vitest";
import { parseSearch } from "@/lib/search/query";
import { hasFilters, loadAdsTableParams, serializeAdsTableParams, slugify } from "./table-params";

describe("ads table URL state", () => {
  it("gives defaults for an empty URL", () => {
    const p = loadAdsTableParams("");
    expect(p).toMatchObject({ q: "", page: 1, perPage: 25, sort: "-updated", category: [], tagMode: "any", salaryMin: null, salaryMax: null });
    expect(hasFilters(p)).toBe(false);
  });

  it("reads every filter", () => {
    const p = loadAdsTableParams(
      "?q=nurse&page=3&perPage=50&sort=-salary&category=healthcare-nursing-jobs,it-jobs&type=full_time,none&time=permanent&region=12,40&company=7&source=cv-library.co.uk&salaryMin=20000&salaryMax=40000&est=true&tags=1,2&tagMode=all&status=open&apps=active&dups=one,has",
    );
    expect(p).toEqual({
      q: "nurse",
      page: 3,
      perPage: 50,
      sort: "-salary",
      category: ["healthcare-nursing-jobs", "it-jobs"],
      type: ["full_time", "none"],
      time: ["permanent"],
      region: [12, 40],
      company: [7],
      source: ["cv-library.co.uk"],
      salaryMin: 20000,
      salaryMax: 40000,
      est: true,
      tags: [1, 2],
      tagMode: "all",
      status: ["open"],
      apps: "active",
      dups: ["one", "has"],
    });
    expect(hasFilters(p)).toBe(true);
    expect(hasFilters(loadAdsTableParams("?apps=none"))).toBe(true);
    expect(hasFilters(loadAdsTableParams("?dups=one"))).toBe(true);
    expect(loadAdsTableParams("?dups=some,one").dups).toEqual(["one"]);
  });

  it("falls back to defaults for bad values instead of failing", () => {
    const p = loadAdsTableParams("?page=-4&perPage=1000&sort=password&type=fulltime&region=abc,5&tagMode=some&status=deleted&salaryMin=lots&company=0&apps=some");
    expect(p).toMatchObject({ apps: null, page: 1, perPage: 25, sort: "-updated", type: [], region: [5], tagMode: "any", status: [], salaryMin: null, company: [] });
  });

  it("sorts by relevance when searching, unless asked otherwise; never by relevance without a search", () => {
    expect(loadAdsTableParams("?q=chef").sort).toBe("relevance");
    expect(loadAdsTableParams("?q=chef&sort=title").sort).toBe("title");
    expect(loadAdsTableParams("?sort=relevance").sort).toBe("-updated");
  });

  it("caps lists and pages, drops repeats, and keeps a long search for the parser to cut (with its hint)", () => {
    const many = Array.from({ length: 80 }, (_, i) => i + 1).join(",");
    const p = loadAdsTableParams(`?region=${many}&tags=3,3,3&page=99999999&q=${"a".repeat(700)}`);
    expect(p.region).toHaveLength(50);
    expect(p.tags).toEqual([3]);
    expect(p.page).toBe(10_000);
    expect(p.q).toHaveLength(700);
    expect(parseSearch(p.q).hint).toBe("Only the first 500 characters of your search were used.");
  });

  it("puts a backwards salary range the right way round", () => {
    expect(loadAdsTableParams("?salaryMin=50000&salaryMax=20000")).toMatchObject({ salaryMin: 20000, salaryMax: 50000 });
  });

  it("writes a URL that reads back the same (a copied link opens the same view)", () => {
    const p = loadAdsTableParams("?q=care%20assistant&category=healthcare-nursing-jobs&region=3&page=2&sort=title");
    const url = serializeAdsTableParams("/ads", p);
    expect(loadAdsTableParams(new URL(url, "http://x").searchParams)).toEqual(p);
  });

  it("slugs category names for the URL", () => {
    expect(slugify("Healthcare & Nursing Jobs")).toBe("healthcare-nursing-jobs");
    expect(slugify("PR, Advertising & Marketing Jobs")).toBe("pr-advertising-marketing-jobs");
    expect(slugify("Other/General Jobs")).toBe("other-general-jobs");
  });
});
