import { describe, expect, it } from "vitest";
import { positiveInt, resolveSort, searchText } from "./url-params";

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

describe("resolveSort and searchText", () => {
  it("ranks searches by relevance and lists by latest change unless a sort is asked for", () => {
    expect(resolveSort(null, "nurse")).toBe("relevance");
    expect(resolveSort(null, "")).toBe("-updated");
    expect(resolveSort("relevance", "")).toBe("-updated");
    expect(resolveSort("title", "nurse")).toBe("title");
  });
  it("trims the search and leaves its length to the search parser (which says when it cuts)", () => {
    expect(searchText("  care assistant ")).toBe("care assistant");
    expect(searchText("a".repeat(700))).toHaveLength(700);
  });
});
