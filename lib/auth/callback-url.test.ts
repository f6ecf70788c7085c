import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const APP = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it.each([
    ["//evil.example/phish"],
    ["/\\evil.example/phish"],
    ["/\t/evil.example"],
    ["\\\\evil.example"],
    ["/\\/evil.example"],
    ["https://evil.example/x"],
    ["http://localhost:3001/other-port"],
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    [" //evil.example"],
    [""],
    [undefined],
    [42],
  ])("sends %j home", (value) => {
    expect(safeCallbackPath(value, APP)).toBe("/");
  });

  it("keeps the URL-decoded forms the page receives on this origin", () => {
    // searchParams are decoded once: %2F%2Fx arrives as //x and %5C%5Cx as \\x (both refused above);
    // encoded twice they arrive still encoded and are a path on this site.
    expect(safeCallbackPath(decodeURIComponent("%2F%2Fevil.example"), APP)).toBe("/");
    expect(safeCallbackPath(decodeURIComponent("%5C%5Cevil.example"), APP)).toBe("/");
    expect(safeCallbackPath("%2F%2Fevil.example", APP)).toBe("/%2F%2Fevil.example");
  });

  it("never returns a path a browser would read as another host", () => {
    expect(safeCallbackPath("http://localhost:3000//evil.example/x", APP)).toBe("/evil.example/x");
    expect(safeCallbackPath("/.//evil.example", APP)).toBe("/evil.example");
  });

  it("keeps a deep link on this app, with its query and fragment", () => {
    expect(safeCallbackPath("/ads?q=nurse&region=Leeds#results", APP)).toBe("/ads?q=nurse&region=Leeds#results");
    expect(safeCallbackPath("/ads/42/pipeline", APP)).toBe("/ads/42/pipeline");
    expect(safeCallbackPath("http://localhost:3000/candidates/7", APP)).toBe("/candidates/7");
    expect(safeCallbackPath(["/imports", "//evil.example"], APP)).toBe("/imports");
  });
});
