import { describe, expect, it } from "vitest";
import { emailKey, phoneKey } from "./keys";

describe("emailKey", () => {
  it("ignores case and spaces; empty is none", () => {
    expect(emailKey("  Jo.Bloggs@Example.CO.UK ")).toBe("jo.bloggs@example.co.uk");
    expect(emailKey("   ")).toBeNull();
    expect(emailKey(null)).toBeNull();
  });
});

describe("phoneKey", () => {
  it("writes UK numbers one way whatever the punctuation or prefix", () => {
    for (const p of ["07700 900123", "07700-900-123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123", "(07700) 900 123"]) {
      expect(phoneKey(p), p).toBe("07700900123");
    }
    expect(phoneKey("020 7946 0018")).toBe("02079460018");
  });
  it("keeps other countries apart and ignores scraps", () => {
    expect(phoneKey("+33 1 23 45 67 89")).toBe("+33123456789");
    expect(phoneKey("ext 12")).toBeNull();
    expect(phoneKey("")).toBeNull();
  });
});
