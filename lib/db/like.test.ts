import { describe, expect, it } from "vitest";
import { likePrefix } from "./like";

describe("likePrefix", () => {
  it("makes % _ and \\ literal and matches what follows", () => {
    expect(likePrefix("acme")).toBe("acme%");
    expect(likePrefix("%ltd")).toBe("\\%ltd%");
    expect(likePrefix("a_b")).toBe("a\\_b%");
    expect(likePrefix("c:\\x")).toBe("c:\\\\x%");
    expect(likePrefix("%@%")).toBe("\\%@\\%%");
  });
});
