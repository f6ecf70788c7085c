import { describe, expect, it } from "vitest";
import { atLeast, retrievalQueries } from "./matches";
import { buildTermStats, type KeyTerm } from "./terms";

// Does a document holding `words` satisfy a parsed search (AND-ed clauses of OR-ed words)?
const satisfies = (search: ReturnType<typeof atLeast>, words: Set<string>) => search.clauses.every((c) => c.options.some((o) => o.kind === "term" && words.has(o.word)));

const terms = (...words: string[]): KeyTerm[] => words.map((term, i) => ({ term, weight: (words.length - i) / 10 }));

describe("at least k of n words as a full-text search", () => {
  const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

  it("is one OR-group per way of leaving out k - 1 words", () => {
    expect(atLeast(1, words).clauses).toHaveLength(1);
    expect(atLeast(2, words).clauses.map((c) => c.options.length)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(atLeast(3, words).clauses).toHaveLength(15);
    expect(atLeast(6, words).clauses.map((c) => c.options.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(atLeast(7, words).usable).toBe(false);
  });

  it("matches exactly the documents holding k or more of the words", () => {
    // Every subset of the six words, as a document, against every k.
    for (let mask = 0; mask < 64; mask++) {
      const doc = new Set(words.filter((_, i) => mask & (1 << i)));
      for (let k = 1; k <= 6; k++) expect(satisfies(atLeast(k, words), doc), `${[...doc].join(" ")} / ${k}`).toBe(doc.size >= k);
    }
  });
});

describe("retrieval queries", () => {
  // 100 ads: "london" and "care" in most, "theatre" in 10, "scrub" and "orthopaedic" in 3, "anaesthetic" in 2.
  const corpus = Array.from({ length: 100 }, (_, i) =>
    [
      i % 10 < 8 ? "London" : "Leeds",
      i % 10 < 9 ? "care home" : "",
      i < 10 ? "theatre" : "",
      i < 3 ? "scrub orthopaedic" : "",
      i < 2 ? "anaesthetic" : "",
      i >= 50 && i < 60 ? "warehouse picker" : "",
    ].join(" "),
  );
  const stats = buildTermStats(corpus, 10_000);

  it("asks for the rarest words first, at least three then at least two of them, then any rare one", () => {
    const queries = retrievalQueries(terms("london", "theatre", "scrub", "orthopaedic", "anaesthetic", "care", "picker"), stats);
    const [strictest, strict, loose] = queries;
    expect(queries).toHaveLength(3);
    expect(strictest.search.words[0]).toBe("anaesthetic");
    expect(strictest.search.words.slice(1, 3).sort()).toEqual(["orthopaedic", "scrub"]);
    expect(strictest.search.clauses).toHaveLength(15);
    expect(strict.search.clauses).toHaveLength(6);
    expect([strictest.pooled, strict.pooled, loose.pooled]).toEqual([false, false, true]);
    // "london" and "care" are in most ads: only in the strict queries, to make up six words.
    expect(loose.search.words).not.toContain("london");
    expect(strict.search.words).toContain("london");
  });

  it("asks for more of the words at once when the sample says too many documents would match", () => {
    // At most 5% of the ads: "at least two" of these six (theatre + london + care…) is far more.
    const queries = retrievalQueries(terms("london", "theatre", "scrub", "orthopaedic", "care", "leeds"), stats, 0.05);
    const strict = queries.filter((q) => !q.pooled);
    expect(strict.length).toBeGreaterThan(0);
    const k = (q: (typeof strict)[number]) => q.search.words.length - q.search.clauses[0].options.length + 1;
    for (const q of strict) {
      const holding = corpus.filter((doc) => q.search.words.filter((w) => doc.toLowerCase().includes(w)).length >= k(q)).length;
      expect(holding, q.search.words.join(" ")).toBeLessThanOrEqual(5);
    }
  });

  it("asks for one word per stem", () => {
    const [first] = retrievalQueries(terms("manager", "management", "theatre", "scrub", "orthopaedic"), stats);
    expect(first.search.words.filter((w) => w.startsWith("manag"))).toHaveLength(1);
  });
});
