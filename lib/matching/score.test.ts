import { describe, expect, it } from "vitest";
import { salaryValue, scoreMatch, WEIGHTS, type MatchJob, type MatchPerson } from "./score";

const now = new Date("2026-12-01T00:00:00Z");
const job: MatchJob = {
  title: "Scrub Nurse",
  keyTerms: [
    { term: "scrub", weight: 0.4 },
    { term: "nurse", weight: 0.3 },
    { term: "orthopaedic", weight: 0.2 },
    { term: "theatre", weight: 0.1 },
  ],
  locationPath: "UK~Yorkshire And The Humber~West Yorkshire~Leeds",
  salary: 30000,
  salaryIsEstimate: false,
  postedAt: now,
};
const person: MatchPerson = {
  currentTitle: "Scrub Nurse",
  text: "Scrub nurse in orthopaedic lists for six years",
  locationPath: "UK~Yorkshire And The Humber~West Yorkshire~Bradford",
  willingToRelocate: false,
  desiredSalary: 31000,
  updatedAt: now,
};

describe("match score", () => {
  it("is the sum of its breakdown, each factor weight × value", () => {
    const m = scoreMatch(job, person, { direction: "ad-to-candidates", now });
    expect(m.matchedTerms).toEqual(["scrub", "nurse", "orthopaedic"]);
    expect(m.missingTerms).toEqual(["theatre"]);
    const by = Object.fromEntries(m.breakdown.map((b) => [b.factor, b]));
    expect(by.relevance.value).toBeCloseTo(0.9);
    expect(by.title.value).toBe(1);
    expect(by.location).toMatchObject({ value: 0.7, reason: "same county" });
    expect(by.salary.value).toBe(1);
    expect(by.recency.value).toBe(1);
    expect(m.score).toBeCloseTo(
      m.breakdown.reduce((s, b) => s + b.points, 0),
      5,
    );
    expect(m.score).toBeCloseTo(100 * (0.45 * 0.9 + 0.2 + 0.15 * 0.7 + 0.1 + 0.1), 0);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it("ranks the better fit higher: the CV with the ad's terms over one without, near over far", () => {
    const good = scoreMatch(job, person, { direction: "ad-to-candidates", now }).score;
    const offTopic = scoreMatch(job, { ...person, currentTitle: "Chef", text: "Chef de partie" }, { direction: "ad-to-candidates", now }).score;
    const far = scoreMatch(job, { ...person, locationPath: "UK~London~East London~Hackney" }, { direction: "ad-to-candidates", now }).score;
    expect(good).toBeGreaterThan(far);
    expect(far).toBeGreaterThan(offTopic);
  });

  it("values desired pay against the offer", () => {
    expect(salaryValue(30000, 30000)).toBe(1);
    expect(salaryValue(39000, 30000)).toBe(0);
    expect(salaryValue(15000, 30000)).toBe(0.7);
    expect(salaryValue(null, 30000)).toBe(0.5);
  });
});
