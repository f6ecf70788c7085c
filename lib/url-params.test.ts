import { describe, expect, it } from "vitest";
import { positiveInt } from "./url-params";

describe("positiveInt", () => {
  it("reads whole numbers from 1 to the largest database id", () => {
    expect(positiveInt.parse("1")).toBe(1);
    expect(positiveInt.parse("42")).toBe(42);
    expect(positiveInt.parse("1000000000")).toBe(1_000_000_000);
    expect(positiveInt.parse("2147483647")).toBe(2_147_483_647);
    expect(positiveInt.serialize(17)).toBe("17");
  });
  it("treats anything else as absent", () => {
    for (const bad of ["", "0", "-3", "1.5", "1e3", "abc", " 7", "2147483648", "99999999999", "0x10"]) expect(positiveInt.parse(bad), bad).toBeNull();
  });
});
