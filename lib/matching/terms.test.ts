import { describe, expect, it } from "vitest";
import { buildTermStats, keyTerms, normaliseTerm, stemOf, tokenize } from "./terms";

describe("key terms", () => {
  it("drops stopwords, boilerplate, numbers and plurals", () => {
    expect(tokenize("We are looking for Registered Nurses with 5 years' experience in ICU")).toEqual(["registered", "nurse", "icu"]);
    expect(normaliseTerm("Duties")).toBe("duty");
    expect(normaliseTerm("business")).toBe("business");
  });

  it("ranks the words that set a job apart: in the title and rare in the corpus, above common ones", () => {
    const corpus = [
      ...Array.from({ length: 60 }, (_, i) => `Sales executive ${i} selling to customers across the region with targets`),
      ...Array.from({ length: 30 }, () => "Care assistant supporting residents with personal care"),
      "Theatre scrub nurse for orthopaedic surgery",
    ];
    const stats = buildTermStats(corpus);
    const terms = keyTerms("Scrub Nurse", "Orthopaedic theatre scrub nurse wanted; supporting customers and residents.", stats, 5);
    expect(
      terms
        .map((t) => t.term)
        .slice(0, 2)
        .sort(),
    ).toEqual(["nurse", "scrub"]);
    expect(terms.map((t) => t.term)).toContain("orthopaedic");
    // "customer" is in most documents of the corpus: over the 20% share, never a key term.
    expect(terms.map((t) => t.term)).not.toContain("customer");
    expect(terms.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(1, 6);
  });

  it("counts document frequencies by the stem the index files a word under, stopwords included", () => {
    const corpus = [
      ...Array.from({ length: 40 }, (_, i) => `A professional team ${i} ranging across the region`),
      ...Array.from({ length: 40 }, () => "Warehouse picker and packer"),
      "Professionalism matters; we teamed up with a range of clients",
    ];
    const stats = buildTermStats(corpus);
    expect(stemOf("professionalism")).toBe(stemOf("professional"));
    // Used once as typed, but filed under the stem of a word in half the documents: common, not rare.
    expect(stats.df("professionalism")).toBe(41);
    expect(stats.df("teamed")).toBe(41);
    expect(stats.df("ranging")).toBe(41);
    expect(stats.df("picker")).toBe(40);
    expect(keyTerms("Warehouse team", "Professionalism and teamed working; a picker", stats, 5).map((t) => t.term)).not.toContain("professionalism");
  });

  it("counts the documents holding at least k of some words, by stem", () => {
    const stats = buildTermStats(["Nurses on the theatre ward", "A nursing home", "Theatre scrub nurse", "Warehouse"], 400);
    expect(stats.collection).toBe(400);
    expect(stats.holding(["nurse", "theatre", "scrub"], 1)).toBe(3);
    expect(stats.holding(["nurse", "theatre", "scrub"], 2)).toBe(2);
    expect(stats.holding(["nurse", "theatre", "scrub"], 3)).toBe(1);
    // "nursing" and "nurse" are one stem: one word, not two.
    expect(stats.holding(["nurse", "nursing"], 2)).toBe(0);
  });
});
