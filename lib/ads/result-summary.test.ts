import { describe, expect, it } from "vitest";
import { resultSummary } from "./result-summary";

describe("resultSummary", () => {
  it("counts ads, and matches of a search", () => {
    expect(resultSummary(2657, null)).toBe("2,657 ads");
    expect(resultSummary(12, { text: "nurse", matches: 340, windowed: false })).toBe("12 of 340 matching ads");
  });

  it("says what is on screen when a search has more matches than it works on", () => {
    // A broad search alone: the table shows the newest 5,000.
    expect(resultSummary(5000, { text: "engineer", matches: 5000, windowed: true })).toBe(
      "More than 5,000 ads match “engineer”: showing the newest 5,000. Add words to narrow it down.",
    );
    // With filters: the table's 621 are those of the 5,000 that pass them (not "5,000+ match").
    const filtered = resultSummary(621, { text: "engineer", matches: 5000, windowed: true });
    expect(filtered.startsWith("621 ads: those of the newest 5,000 matching “engineer” that pass your filters.")).toBe(true);
    expect(filtered).not.toContain("showing the newest");
  });
});
