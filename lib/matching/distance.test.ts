import { describe, expect, it } from "vitest";
import { commonDepth, locationValue, nearness } from "./distance";

const LEEDS = "UK~Yorkshire And The Humber~West Yorkshire~Leeds";
const HEADINGLEY = "UK~Yorkshire And The Humber~West Yorkshire~Leeds~Headingley";
const BRADFORD = "UK~Yorkshire And The Humber~West Yorkshire~Bradford";
const YORK = "UK~Yorkshire And The Humber~North Yorkshire~York";
const HACKNEY = "UK~London~East London~Hackney";
const LONDON = "UK~London";

describe("location distance on the UK tree", () => {
  it("orders same town > county > region > elsewhere", () => {
    expect(commonDepth(LEEDS, BRADFORD)).toBe(2);
    expect(nearness(LEEDS, HEADINGLEY)).toBe("same-town");
    expect(nearness(LEEDS, LEEDS)).toBe("same-town");
    expect(nearness(LEEDS, BRADFORD)).toBe("same-county");
    expect(nearness(LEEDS, YORK)).toBe("same-region");
    expect(nearness(LEEDS, HACKNEY)).toBe("elsewhere");
    expect(nearness(LONDON, HACKNEY)).toBe("same-county");
    expect(nearness("UK", HACKNEY)).toBe("unknown");
    expect(nearness(null, HACKNEY)).toBe("unknown");
  });

  it("lifts a job elsewhere for someone willing to relocate, and only then", () => {
    expect(locationValue("elsewhere", false)).toEqual({ value: 0, relocation: false });
    expect(locationValue("elsewhere", true)).toEqual({ value: 0.5, relocation: true });
    expect(locationValue("same-town", true)).toEqual({ value: 1, relocation: false });
  });
});
