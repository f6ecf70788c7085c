import { describe, expect, it } from "vitest";
import { comparePay, formatPay, payBand } from "./pay";

describe("payBand", () => {
  it("reads SalaryRaw, annualised, or falls back to the annual figure", () => {
    expect(payBand("20000 - 30000/annum")).toEqual({ min: 20000, max: 30000 });
    expect(payBand("8 per hour")).toEqual({ min: 15360, max: 15360 });
    expect(payBand("Up to 20k")).toEqual({ min: 0, max: 20000 });
    expect(payBand("Competitive", 24000)).toEqual({ min: 24000, max: 24000 });
    expect(payBand(null)).toBeNull();
  });
});

describe("comparePay", () => {
  it("tells the same band, an overlap, and bands that do not meet", () => {
    expect(comparePay(payBand("13.50 to 25.00 per hour"), payBand("13.50 to 25 per hour"))).toBe("same");
    expect(comparePay(payBand("£8 per hour"), payBand("15,360 per annum"))).toBe("same");
    expect(comparePay(payBand("23000 to 26000 per year"), payBand("24000 to 26000 per year"))).toBe("overlap");
    expect(comparePay(payBand("Up to 30k"), payBand("25000 per annum"))).toBe("overlap");
    expect(comparePay(payBand("22464 per year"), payBand("24336 per year"))).toBe("disjoint");
    expect(comparePay(payBand("20000 to 23000 per year"), payBand("27000 to 29500 per year"))).toBe("disjoint");
    expect(comparePay(payBand("20000 per year"), null)).toBe("unknown");
  });

  it("formats bands for refusal reasons", () => {
    expect(formatPay({ min: 22464, max: 22464 })).toBe("£22,464");
    expect(formatPay({ min: 20000, max: 23000 })).toBe("£20,000–£23,000");
    expect(formatPay({ min: 0, max: 30000 })).toBe("up to £30,000");
  });
});
