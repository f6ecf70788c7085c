import { describe, expect, it } from "vitest";
import { decideMerge, MERGE_FIELDS, type ExistingAd } from "./merge";
import type { NormalisedAd } from "./types";

// The first ad of the real sample (Id 12612628), as the importer normalises it.
const incoming: NormalisedAd = {
  externalId: 12612628,
  title: "Engineering Systems Analyst",
  description: "Engineering Systems Analyst Dorking Surrey Salary ****K Our client is located in Dorking, Surrey",
  companyName: "Gregory Martin International",
  locationId: 101,
  locationRaw: "Dorking, Surrey, Surrey",
  locationNormalized: "Dorking",
  category: "Engineering Jobs",
  contractType: null,
  contractTime: "PERMANENT",
  salaryRaw: "20000 - 30000/annum 20-30K",
  salaryMin: 20000,
  salaryMax: 30000,
  salaryPeriod: "YEAR",
  salaryAnnual: 25000,
  source: "cv-library.co.uk",
  titleKey: "engineering systems analyst",
  regionId: 3,
  salarySource: "file",
  locationSource: "file",
  sourceHash: "hash-1",
};
const { externalId: _e, sourceHash: _h, titleKey: _t, regionId: _r, salarySource: _s, locationSource: _l, ...fields } = incoming;
const stored = (over: Partial<ExistingAd> = {}): ExistingAd => ({ id: 7, version: 3, sourceHash: "hash-1", ...fields, ...over });

describe("decideMerge", () => {
  it("fills a location found in the text only into an ad without one: a given location is never replaced", () => {
    const fromText: NormalisedAd = { ...incoming, locationId: 202, locationRaw: null, locationNormalized: null, locationSource: "text", sourceHash: "hash-2" };
    const withPlace = decideMerge(stored(), fromText, "replace");
    expect(withPlace.kind === "update" ? withPlace.set.locationId : undefined).toBeUndefined();
    const without = decideMerge(stored({ locationId: null }), fromText, "replace");
    expect(without.kind === "update" ? without.set.locationId : null).toBe(202);
  });

  it("creates an ad that does not exist yet, whatever the policy", () => {
    expect(decideMerge(null, incoming, "replace")).toEqual({ kind: "create" });
    expect(decideMerge(null, incoming, "fill")).toEqual({ kind: "create" });
  });

  it("leaves an ad alone when the row is the one last imported (same hash), so admin edits survive", () => {
    const edited = stored({ title: "Systems Analyst (edited by an admin)", salaryAnnual: 31000, companyName: null });
    expect(decideMerge(edited, incoming, "replace")).toEqual({ kind: "unchanged", rehash: false, keptEdits: [] });
  });

  it("writes only the fields a changed row changes, with before and after", () => {
    const row = { ...incoming, title: "Senior Engineering Systems Analyst", salaryAnnual: 27500, sourceHash: "hash-2" };
    expect(decideMerge(stored(), row, "replace")).toEqual({
      kind: "update",
      set: { title: "Senior Engineering Systems Analyst", salaryAnnual: 27500 },
      changes: { title: ["Engineering Systems Analyst", "Senior Engineering Systems Analyst"], salaryAnnual: [25000, 27500] },
      keptEdits: [],
    });
  });

  it("records a value added to an empty field with null as its before", () => {
    const decision = decideMerge(stored({ contractTime: null, sourceHash: "old" }), incoming, "replace");
    expect(decision).toEqual({ kind: "update", set: { contractTime: "PERMANENT" }, changes: { contractTime: [null, "PERMANENT"] }, keptEdits: [] });
  });

  it("never erases a value because the incoming cell is empty", () => {
    const row: NormalisedAd = {
      ...incoming,
      companyName: null,
      locationId: null,
      locationRaw: null,
      salaryRaw: null,
      salaryMin: null,
      salaryMax: null,
      salaryPeriod: null,
      salaryAnnual: null,
      source: null,
      sourceHash: "hash-2",
    };
    // Nothing to write, but the new hash is remembered so the next identical row is recognised.
    expect(decideMerge(stored(), row, "replace")).toEqual({ kind: "unchanged", rehash: true, keptEdits: [] });
    const changed = decideMerge(stored(), { ...row, title: "New title" }, "replace");
    expect(changed).toMatchObject({ kind: "update", set: { title: "New title" } });
    if (changed.kind === "update") expect(Object.keys(changed.set)).toEqual(["title"]);
  });

  it("compares company names case-insensitively", () => {
    const row = { ...incoming, companyName: "GREGORY MARTIN INTERNATIONAL", sourceHash: "hash-2" };
    expect(decideMerge(stored(), row, "replace")).toEqual({ kind: "unchanged", rehash: true, keptEdits: [] });
    expect(decideMerge(stored(), { ...row, companyName: "Gregory Martin Ltd" }, "replace")).toMatchObject({
      kind: "update",
      set: { companyName: "Gregory Martin Ltd" },
      changes: { companyName: ["Gregory Martin International", "Gregory Martin Ltd"] },
    });
  });

  it("keeps fields people edited in the app, and says which", () => {
    const row = { ...incoming, title: "Senior Engineering Systems Analyst", salaryAnnual: 27500, sourceHash: "hash-2" };
    expect(decideMerge(stored({ editedFields: new Set(["title"]) }), row, "replace")).toEqual({
      kind: "update",
      set: { salaryAnnual: 27500 },
      changes: { salaryAnnual: [25000, 27500] },
      keptEdits: ["title"],
    });
    const titleOnly = { ...incoming, title: "Senior Engineering Systems Analyst", sourceHash: "hash-3" };
    expect(decideMerge(stored({ editedFields: new Set(["title"]) }), titleOnly, "replace")).toEqual({ kind: "unchanged", rehash: true, keptEdits: ["title"] });
  });

  it("treats 0 and a different number as real changes (only null/empty is empty)", () => {
    expect(decideMerge(stored({ sourceHash: "x" }), { ...incoming, salaryMin: 0 }, "replace")).toMatchObject({ kind: "update", set: { salaryMin: 0 } });
  });

  describe("fill (text ads)", () => {
    // A text ad of the same Webindex: its own title, company and description, nothing else.
    const textAd: NormalisedAd = {
      ...Object.fromEntries(MERGE_FIELDS.map((f) => [f, null])),
      externalId: 12612628,
      title: "Engineering Systems Analyst - Dorking",
      description: "A shorter text version",
      companyName: "Gregory Martin Intl",
      category: "Engineering Jobs",
      sourceHash: "text-hash",
    } as NormalisedAd;

    it("never overwrites a field that has a value", () => {
      expect(decideMerge(stored(), textAd, "fill")).toEqual({ kind: "unchanged", rehash: false, keptEdits: [] });
    });

    it("fills only the fields that are empty", () => {
      const sparse = stored({ companyName: null, category: "", title: "Engineering Systems Analyst" });
      expect(decideMerge(sparse, textAd, "fill")).toEqual({
        kind: "update",
        set: { companyName: "Gregory Martin Intl", category: "Engineering Jobs" },
        changes: { companyName: [null, "Gregory Martin Intl"], category: ["", "Engineering Jobs"] },
        keptEdits: [],
      });
    });

    it("ignores the hash: a fill is decided by the fields alone", () => {
      expect(decideMerge(stored({ sourceHash: "text-hash", companyName: null }), textAd, "fill")).toMatchObject({ kind: "update", set: { companyName: "Gregory Martin Intl" } });
    });
  });
});
