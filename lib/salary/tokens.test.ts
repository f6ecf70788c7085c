import { describe, expect, it } from "vitest";
import { hashString, TokenBuffer, tokenize, wordAt } from "./tokens";

function words(text: string): string[] {
  const t = new TokenBuffer();
  tokenize(text, t);
  return Array.from({ length: t.count }, (_, i) => wordAt(text, t.starts[i], t.ends[i]));
}

describe("tokenize", () => {
  it("reads words in lower case, keeping Adzuna's masked figures and joining apostrophes", () => {
    expect(words("Staff Nurse (RGN) – £****k")).toEqual(["staff", "nurse", "rgn", "****k"]);
    expect(words("client’s home; it's")).toEqual(["clients", "home", "its"]);
    expect(words("Café Manager 24/7")).toEqual(["café", "manager", "24", "7"]);
  });

  it("hashes a word as hashString does, whatever its case, and skips glued text over 40 characters", () => {
    const t = new TokenBuffer();
    tokenize(`Nurse ${"x".repeat(41)} nurse`, t);
    expect(t.count).toBe(2);
    expect(t.hashes[0]).toBe(hashString("nurse"));
    expect(t.hashes[1]).toBe(hashString("nurse"));
  });

  it("grows its buffers for long texts", () => {
    const t = new TokenBuffer();
    tokenize("word ".repeat(5000), t);
    expect(t.count).toBe(5000);
  });
});
