// Is a candidate pair the same vacancy? Text similarity without boilerplate, weighed with what the
// ads' fields say. Returns a score and, when refused, why — for the detector and for the UI.
import type { Fingerprint } from "./fingerprint";
import type { MinHasher } from "./minhash";
import { comparePay, formatPay } from "./pay";
import { compareTitles } from "./title";

export type ConfirmOptions = {
  /** Score from which a pair is a duplicate. */
  threshold: number;
  /** Fewest signature slots left after the boilerplate for the similarity to mean anything. */
  minContentSlots: number;
  /** Weigh title, pay, company and place (false: text alone, as the evaluation's baseline does). */
  useFields: boolean;
};

/**
 * Evidence that raises the score above the bare text similarity. A repost keeps its title and pay
 * (another board, agency or town changes the rest), so agreeing fields let a more heavily edited
 * text through; without them the text alone must carry the threshold.
 */
export const EVIDENCE_BONUS = { sameTitle: 0.1, samePay: 0.1, sameCompany: 0.05, samePlace: 0.05 } as const;
export const MAX_BONUS = Object.values(EVIDENCE_BONUS).reduce((a, b) => a + b, 0);

export type Verdict = {
  duplicate: boolean;
  /** Estimated Jaccard similarity of the two texts' shingles, boilerplate left out: 0–1. */
  similarity: number;
  /** similarity plus the evidence bonus, capped at 1; a duplicate needs ≥ threshold and no refusal. */
  score: number;
  /** Why the pair is not a duplicate (empty when it is). */
  refusals: string[];
};

/** Looks up whether a shingle hash is part of a company's boilerplate. */
export type BoilerplateLookup = (company: string) => { isBoilerplate(shingle: number): boolean } | undefined;

/**
 * Similarity of two signatures over the slots whose minimum is not boilerplate of either company.
 * A slot's minimum over A ∪ B is the smaller of the two values; it is a uniform sample of A ∪ B, so
 * among the slots where it is not boilerplate, the share that agree estimates the Jaccard
 * similarity of the texts with the boilerplate removed.
 */
export function contentSimilarity(a: Fingerprint, b: Fingerprint, hasher: MinHasher, boilerplate: BoilerplateLookup): { similarity: number; slots: number } {
  const bpA = a.company ? boilerplate(a.company) : undefined;
  const bpB = b.company && b.company !== a.company ? boilerplate(b.company) : undefined;
  let slots = 0,
    same = 0;
  for (let i = 0; i < a.signature.length; i++) {
    const x = a.signature[i],
      y = b.signature[i];
    const min = x < y ? x : y;
    if (min === 0xffffffff) continue; // both empty
    if (bpA || bpB) {
      const shingle = hasher.shingleAt(i, min);
      if (bpA?.isBoilerplate(shingle) || bpB?.isBoilerplate(shingle)) continue;
    }
    slots++;
    if (x === y) same++;
  }
  return { similarity: slots ? same / slots : 0, slots };
}

export function confirm(a: Fingerprint, b: Fingerprint, hasher: MinHasher, boilerplate: BoilerplateLookup, options: ConfirmOptions): Verdict {
  const refusals: string[] = [];
  const { similarity, slots } = contentSimilarity(a, b, hasher, boilerplate);
  if (slots < options.minContentSlots) refusals.push("text: too little beyond the company's boilerplate");

  let bonus = 0;
  if (options.useFields) {
    const title = compareTitles(a.title, b.title);
    if (title.kind === "conflict") refusals.push(title.reason);
    const pay = comparePay(a.pay, b.pay);
    if (pay === "disjoint") refusals.push(`pay: ${formatPay(a.pay!)} vs ${formatPay(b.pay!)}`);
    if (title.kind === "same") bonus += EVIDENCE_BONUS.sameTitle;
    if (pay === "same") bonus += EVIDENCE_BONUS.samePay;
    if (a.company && a.company === b.company) bonus += EVIDENCE_BONUS.sameCompany;
    if (a.place && a.place === b.place) bonus += EVIDENCE_BONUS.samePlace;
  }
  const score = Math.min(1, similarity + bonus);
  if (score < options.threshold) refusals.push(`text: similarity ${similarity.toFixed(2)} too low`);
  return { duplicate: refusals.length === 0, similarity, score, refusals };
}
