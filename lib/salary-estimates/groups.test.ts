import { describe, expect, it } from "vitest";
import { duplicateGroupsOf } from "./groups";

describe("duplicateGroupsOf", () => {
  it("gives the ads of one stored group one number, and an ad alone its own", () => {
    const g = duplicateGroupsOf([
      { id: 1, duplicateGroupId: 1 },
      { id: 2, duplicateGroupId: null },
      { id: 3, duplicateGroupId: 1 },
      { id: 4, duplicateGroupId: 9 },
      { id: 9, duplicateGroupId: 9 },
    ]);
    expect(g[0]).toBe(g[2]);
    expect(g[3]).toBe(g[4]);
    expect(new Set(g).size).toBe(3);
  });
});
