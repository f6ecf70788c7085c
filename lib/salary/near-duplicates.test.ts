import { describe, expect, it } from "vitest";
import { groupNearDuplicates, jaccard, shingles } from "./near-duplicates";

// Real-looking reposts: the careworx template with the town swapped is a near-copy; a different job
// from the same agency sharing its boilerplate paragraph is not.
const base =
  "Registered Nurse Jobs Edinburgh required urgently H**** Healthcare have Registered Nurse assignments throughout Edinburgh and Lothian. You should have at least one year of post registration experience, a valid NMC pin and a good command of English. We offer excellent rates of pay, weekly pay, flexible shifts to suit you and a dedicated consultant who knows the local hospitals and care homes well.";
const townSwapped = base.replaceAll("Edinburgh", "Glasgow").replace("Lothian", "Lanarkshire");
const sentenceDropped = base.replace(" and a good command of English", "");
const otherJob =
  "Care Assistant Jobs Edinburgh H**** Healthcare are recruiting care assistants for nursing homes in Edinburgh. No experience is needed as full training is given. We offer excellent rates of pay, weekly pay, flexible shifts to suit you and a dedicated consultant who knows the local hospitals and care homes well.";

describe("groupNearDuplicates", () => {
  it("groups an ad with its light edits and keeps a different job apart, boilerplate and all", () => {
    expect(Array.from(groupNearDuplicates([base, sentenceDropped, otherJob, base]))).toEqual([0, 0, 2, 0]);
  });

  it("measures 5-word shingles: one town swapped through a short ad is already too much", () => {
    const a = shingles(base, 5);
    expect(jaccard(a, shingles(sentenceDropped, 5))).toBeGreaterThan(0.7);
    expect(jaccard(a, shingles(townSwapped, 5))).toBeLessThan(0.7);
    expect(jaccard(a, shingles(otherJob, 5))).toBeLessThan(0.3);
  });

  it("joins chains (a ~ b ~ c makes one group even when a and c differ more)", () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const edit = (from: number) => words.map((w, i) => (i >= from && i < from + 2 ? `x${i}` : w)).join(" ");
    const a = words.join(" ");
    const b = edit(10);
    const c = words.map((w, i) => ((i >= 10 && i < 12) || (i >= 40 && i < 42) ? `x${i}` : w)).join(" ");
    expect(jaccard(shingles(a, 5), shingles(b, 5))).toBeGreaterThan(0.7);
    expect(Array.from(groupNearDuplicates([a, c, b]))).toEqual([0, 0, 0]);
  });

  it("leaves empty texts alone and compares texts shorter than a shingle whole", () => {
    expect(Array.from(groupNearDuplicates(["", "", "Chef", "chef!", "Chef wanted"]))).toEqual([0, 1, 2, 2, 4]);
  });

  it("takes a threshold: identical only at 1", () => {
    expect(Array.from(groupNearDuplicates([base, sentenceDropped, base], { threshold: 1 }))).toEqual([0, 1, 0]);
    expect(() => groupNearDuplicates([base], { threshold: 0 })).toThrow(/threshold/);
  });
});
