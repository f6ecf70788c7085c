import { describe, expect, it } from "vitest";
import { funnelScopeValue, isoWeekLabel, parseFunnelScope, parseStuckDays, startOfIsoWeek } from "./params";

// Friday 20 November 2026, noon UTC: ISO week 2026-W47 starts on Monday 16 November.
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("dashboard URL input", () => {
  it("reads the funnel scope, and falls back to everything for bad values", () => {
    expect(parseFunnelScope("ad:123")).toEqual({ kind: "ad", adId: 123 });
    expect(parseFunnelScope("category:IT Jobs")).toEqual({ kind: "category", category: "IT Jobs" });
    expect(parseFunnelScope(["source:cv-library.co.uk", "ad:1"])).toEqual({ kind: "source", source: "cv-library.co.uk" });
    for (const bad of [undefined, "", "ad:", "ad:abc", "ad:0", "ad:-3", "ad:99999999999", "category:", "tag:4", "everything", `category:${"x".repeat(201)}`]) {
      expect(parseFunnelScope(bad)).toEqual({ kind: "all" });
    }
    for (const scope of [parseFunnelScope("ad:7"), parseFunnelScope("category:Healthcare & Nursing Jobs"), parseFunnelScope("source:a:b")]) {
      expect(parseFunnelScope(funnelScopeValue(scope))).toEqual(scope);
    }
  });

  it("reads the stuck threshold as whole days from 1 to 365, else 14", () => {
    expect(parseStuckDays("1")).toBe(1);
    expect(parseStuckDays("30")).toBe(30);
    expect(parseStuckDays("365")).toBe(365);
    for (const bad of [undefined, "", "0", "366", "-5", "7.5", "abc", "1e2", "99999"]) expect(parseStuckDays(bad)).toBe(14);
  });

  it("labels ISO weeks, across year ends", () => {
    expect(isoWeekLabel(NOW)).toBe("2026-W47");
    expect(startOfIsoWeek(NOW).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(startOfIsoWeek(at("2026-11-16T00:00:00Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(startOfIsoWeek(at("2026-11-22T23:59:59Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(isoWeekLabel(at("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeekLabel(at("2024-12-30T00:00:00Z"))).toBe("2025-W01");
    expect(isoWeekLabel(at("2026-01-01T00:00:00Z"))).toBe("2026-W01");
  });
});
