import { describe, expect, it } from "vitest";
import { NUMBER_TOKEN, distinct, jaccard, sentenceHashes, shingles, words } from "./text";

const hashes = (t: string) => [...words(t).hashes];

describe("words", () => {
  it("lower-cases and ignores punctuation and spacing", () => {
    expect(hashes("Care Assistant, LEEDS!  (Nights)")).toEqual(hashes("care assistant leeds nights"));
    expect(hashes("well-being")).toEqual(hashes("well being"));
  });

  it("reads every number, and Adzuna's **** masks, as one token", () => {
    expect(hashes("Salary £25,000 per annum")).toEqual(hashes("salary ****  per annum"));
    expect(hashes("8.50 an hour, 2****% bonus")).toEqual(hashes("**** an hour **** bonus"));
    expect(words("25,000").hashes).toEqual(Uint32Array.of(NUMBER_TOKEN));
  });

  it("starts a sentence after . ! ? ; or a line break, but not inside 8.50 or e.g", () => {
    const w = words("We pay 8.50 an hour. Apply now! Shifts; days\nor nights e.g nights");
    expect([...w.sentenceStarts]).toEqual([0, 5, 7, 8, 9]);
    expect(sentenceHashes(w)).toHaveLength(5);
  });
});

describe("shingles", () => {
  it("hashes every run of five words, order inside a run mattering", () => {
    const w = words("one two three four five six seven").hashes;
    expect(shingles(w)).toHaveLength(3);
    expect(shingles(words("two three four five six").hashes)[0]).toBe(shingles(w)[1]);
    expect(shingles(words("one two three five four").hashes)[0]).not.toBe(shingles(w)[0]);
  });

  it("makes one shingle of a text shorter than five words, none of an empty one", () => {
    expect(shingles(words("staff nurse").hashes)).toHaveLength(1);
    expect(shingles(words("").hashes)).toHaveLength(0);
  });

  it("can take the shingles inside a range of words only", () => {
    const w = words("a b c d e f g h").hashes;
    expect([...shingles(w, 5, 2, 8)]).toEqual([...shingles(w)].slice(2));
  });

  it("gives the same shingles for a masked and an unmasked copy of a text", () => {
    const a = distinct(shingles(words("Salary up to £26,000 per annum plus benefits and training").hashes));
    const b = distinct(shingles(words("salary up to **** per annum, plus benefits and training.").hashes));
    expect(jaccard(a, b)).toBe(1);
  });
});

describe("jaccard", () => {
  it("is |A ∩ B| / |A ∪ B| of sorted distinct sets", () => {
    expect(jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4))).toBe(0.5);
    expect(jaccard(distinct(Uint32Array.of(3, 1, 3)), Uint32Array.of(1, 3))).toBe(1);
  });
});
