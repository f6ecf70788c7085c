import { describe, expect, it } from "vitest";
import { CHANGES, importAction } from "./record-change";

describe("the changes the app records", () => {
  it("name an entity and a verb, and move only known counters", () => {
    for (const [action, counters] of Object.entries(CHANGES)) {
      expect(action).toMatch(/^[a-z]+\.[a-z-]+$/);
      for (const c of counters) expect(["ads", "tags", "applications"]).toContain(c);
    }
    // Anything that changes who applied where moves the applications counter.
    expect(CHANGES["application.create"]).toContain("applications");
    expect(CHANGES["application.move"]).toContain("applications");
    expect(CHANGES["candidate.merge"]).toContain("applications");
    expect(importAction("SUCCEEDED")).toBe("finish");
    expect(importAction("FAILED")).toBe("fail");
  });
});
