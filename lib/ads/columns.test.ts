import { describe, expect, it } from "vitest";
import { AD_COLUMN_IDS, DEFAULT_COLUMN_PREFS, normaliseColumnPrefs } from "./columns";

describe("normaliseColumnPrefs", () => {
  it("keeps a valid layout and appends columns it does not mention", () => {
    const prefs = normaliseColumnPrefs({ order: ["salary", "title"], hidden: ["tags"] });
    expect(prefs.order.slice(0, 2)).toEqual(["salary", "title"]);
    expect(new Set(prefs.order)).toEqual(new Set(AD_COLUMN_IDS));
    expect(prefs.hidden).toEqual(["tags"]);
  });

  it("never hides the title, and drops repeats", () => {
    expect(normaliseColumnPrefs({ order: ["title", "title"], hidden: ["title", "source", "source"] }).hidden).toEqual(["source"]);
  });

  it("falls back to the default for anything malformed", () => {
    expect(normaliseColumnPrefs({ order: ["passwordHash"], hidden: [] })).toEqual(DEFAULT_COLUMN_PREFS);
    expect(normaliseColumnPrefs("nonsense")).toEqual(DEFAULT_COLUMN_PREFS);
    expect(normaliseColumnPrefs(null)).toEqual(DEFAULT_COLUMN_PREFS);
  });
});
