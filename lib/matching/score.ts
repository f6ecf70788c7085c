// The match score of a job and a person, and its breakdown: the one place the weights live. The
// same function scores both directions (an ad's best candidates, a candidate's matching roles), so
// a pair has one score wherever it is shown, and the reasons shown are the score's real parts.
//
//   score (0–100) = 100 × Σ weight × value, each value in 0–1:
//   relevance  0.45  the ad's key terms (TF-IDF, lib/matching/terms.ts) found in the CV, current
//                    title and skills, weighted by each term's weight: Σ matched / Σ all
//   title      0.20  the ad's title against the current title (Dice overlap of their words); a CV
//                    that names the ad's title words counts at most 0.8
//   location   0.15  same town 1 · same county 0.7 · same region 0.4 · elsewhere 0 (0.5 when willing
//                    to relocate) · unknown 0.3 (lib/matching/distance.ts)
//   salary     0.10  desired pay within 5% of the ad's (or its estimate): 1, falling to 0 at 30% above;
//                    far below (< 60%): 0.7; either unknown: 0.5
//   recency    0.10  how recently the CV was updated (ad → candidates) or the ad posted
//                    (candidate → ads): exp(−days / 180)
import { locationValue, nearness, type Nearness } from "./distance";
import { tokenize, type KeyTerm } from "./terms";

export const WEIGHTS = { relevance: 0.45, title: 0.2, location: 0.15, salary: 0.1, recency: 0.1 } as const;
export type Factor = keyof typeof WEIGHTS;
export const RECENCY_DAYS = 180;

export type MatchJob = { title: string; keyTerms: KeyTerm[]; locationPath: string | null; salary: number | null; salaryIsEstimate: boolean; postedAt: Date };
export type MatchPerson = {
  currentTitle: string | null;
  /** CV, current title and skills: the text key terms are looked for in. */
  text: string;
  locationPath: string | null;
  willingToRelocate: boolean;
  desiredSalary: number | null;
  updatedAt: Date;
  /** tokenize(text) as a set, when the caller scores one person against many jobs (computed otherwise). */
  words?: ReadonlySet<string>;
};

export type FactorScore = { factor: Factor; weight: number; value: number; points: number; reason: string };
export type MatchScore = { score: number; breakdown: FactorScore[]; matchedTerms: string[]; missingTerms: string[] };

const round1 = (n: number) => Math.round(n * 10) / 10;
const pounds = (n: number) => `£${Math.round(n).toLocaleString("en-GB")}`;

function dice(a: string[], b: string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (!A.size || !B.size) return 0;
  let both = 0;
  for (const t of A) if (B.has(t)) both++;
  return (2 * both) / (A.size + B.size);
}

const NEAR_TEXT: Record<Nearness, string> = {
  "same-town": "same town",
  "same-county": "same county",
  "same-region": "same region",
  elsewhere: "elsewhere in the UK",
  unknown: "location not known",
};

export function salaryValue(desired: number | null, offered: number | null): number {
  if (!desired || !offered) return 0.5;
  const r = desired / offered;
  if (r < 0.6) return 0.7;
  if (r <= 1.05) return 1;
  return Math.max(0, 1 - (r - 1.05) * 4);
}

export function recencyValue(then: Date, now: Date): number {
  const days = Math.max(0, (now.getTime() - then.getTime()) / 86_400_000);
  return Math.exp(-days / RECENCY_DAYS);
}

/** The score of a job and a person, with each factor's value, points and reason. `since`: the date recency is measured from. */
export function scoreMatch(job: MatchJob, person: MatchPerson, opts: { direction: "ad-to-candidates" | "candidate-to-ads"; now?: Date }): MatchScore {
  const now = opts.now ?? new Date();
  const words = person.words ?? new Set(tokenize(person.text));
  const matched: string[] = [];
  const missing: string[] = [];
  let relevance = 0;
  for (const k of job.keyTerms) {
    if (words.has(k.term)) {
      relevance += k.weight;
      matched.push(k.term);
    } else missing.push(k.term);
  }
  const jobTitle = tokenize(job.title);
  const byTitle = dice(jobTitle, tokenize(person.currentTitle));
  const inText = jobTitle.length ? jobTitle.filter((t) => words.has(t)).length / jobTitle.length : 0;
  const title = Math.max(byTitle, 0.8 * inText);
  const near = nearness(job.locationPath, person.locationPath);
  const loc = locationValue(near, person.willingToRelocate);
  const salary = salaryValue(person.desiredSalary, job.salary);
  const when = opts.direction === "ad-to-candidates" ? person.updatedAt : job.postedAt;
  const recency = recencyValue(when, now);
  const days = Math.round(Math.max(0, now.getTime() - when.getTime()) / 86_400_000);

  const parts: [Factor, number, string][] = [
    ["relevance", relevance, `${matched.length} of the ad's ${job.keyTerms.length} key terms in the CV${matched.length ? `: ${matched.slice(0, 6).join(", ")}` : ""}`],
    [
      "title",
      title,
      byTitle >= 0.8 * inText ? `current title "${person.currentTitle ?? "—"}" vs "${job.title}"` : `the CV names ${Math.round(inText * 100)}% of the title's words`,
    ],
    ["location", loc.value, loc.relocation ? `${NEAR_TEXT[near]}, willing to relocate` : NEAR_TEXT[near]],
    [
      "salary",
      salary,
      person.desiredSalary && job.salary
        ? `wants ${pounds(person.desiredSalary)}; ${job.salaryIsEstimate ? "estimated" : "offered"} ${pounds(job.salary)}`
        : person.desiredSalary
          ? "the ad's pay is not known"
          : "desired salary not known",
    ],
    ["recency", recency, opts.direction === "ad-to-candidates" ? `CV updated ${days} days ago` : `posted ${days} days ago`],
  ];
  const breakdown = parts.map(([factor, value, reason]) => ({
    factor,
    weight: WEIGHTS[factor],
    value: round1(value * 100) / 100,
    points: round1(100 * WEIGHTS[factor] * value),
    reason,
  }));
  const score = round1(breakdown.reduce((s, b) => s + b.points, 0));
  return { score, breakdown, matchedTerms: matched, missingTerms: missing };
}
