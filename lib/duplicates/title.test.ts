import { describe, expect, it } from "vitest";
import { compareTitles, titleKey, titleTerms } from "./title";

const verdict = (a: string, b: string, locA = "", locB = "") => compareTitles(titleKey(a, locA), titleKey(b, locB));

describe("titleTerms", () => {
  it("keeps the words that name the post, canonically", () => {
    expect(titleTerms("Senior Staff Nurses - Urgently Required!")).toEqual(["nurse"]);
    expect(titleTerms("Registered General Nurse")).toEqual(titleTerms("RGN"));
    expect(titleTerms("Live in Care Worker Jobs Peterborough", "Peterborough, Cambridgeshire")).toEqual(["careworker", "livein"]);
    expect(titleTerms("Chef De Partie up to **** + Tips")).toEqual(["cdp"]);
  });
});

describe("compareTitles", () => {
  it("takes reposts' retitling as the same post", () => {
    expect(verdict("Staff Nurse Leeds", "Staff Nurse", "Leeds, West Yorkshire")).toEqual({ kind: "same" });
    expect(verdict("Senior Care Assistant", "Care Worker")).toEqual({ kind: "same" });
    expect(verdict("Live in Care Worker Jobs Peterborough", "Live in Care Worker Jobs Southend", "Peterborough", "Southend, Essex")).toEqual({ kind: "same" });
  });

  it("lets one title add a qualifier, or name one of the other's registrations", () => {
    expect(verdict("Support Worker", "Support Worker Physically Disabled").kind).toBe("compatible");
    expect(verdict("RGN or RMN Nurse", "RGN").kind).toBe("compatible");
    expect(verdict("Staff Nurse", "RGN").kind).toBe("compatible");
  });

  it("refuses another grade, specialty, shift or rank", () => {
    expect(verdict("RGN Nurse", "RMN Nurse")).toEqual({ kind: "conflict", reason: "registration: rgn vs rmn" });
    expect(verdict("Staff Nurse Days", "Staff Nurse Nights")).toEqual({ kind: "conflict", reason: "shift: day vs night" });
    expect(verdict("Deputy Home Manager", "Home Manager")).toEqual({ kind: "conflict", reason: "rank: deputy vs none" });
    expect(verdict("Pharmacist", "Pharmacy Technician").kind).toBe("conflict");
    expect(verdict("Home Care Assistant Jobs Harrow", "Support Worker Jobs Harrow").kind).toBe("conflict");
  });

  it("has no opinion on a title without key terms", () => {
    expect(verdict("Urgently Required", "Staff Nurse").kind).toBe("unknown");
  });
});
