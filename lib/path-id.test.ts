import { describe, expect, it } from "vitest";
import { parsePathId } from "./path-id";

describe("parsePathId", () => {
  it("reads plain digits within Prisma's Int", () => {
    expect(parsePathId("1")).toBe(1);
    expect(parsePathId("2147483647")).toBe(2_147_483_647);
  });
  it("refuses what Number() would let through", () => {
    for (const bad of ["1e3", "0x10", " 12", "12 ", "1.0", "-1", "0", "", "2147483648", "99999999999", "12abc"]) expect(parsePathId(bad), bad).toBeNull();
  });
});
