// A job title's key terms, and whether two titles can name the same post.
//
// The real sample's hard negatives are one agency's template filled in for another post: the text
// differs by a handful of words, the title names another grade or specialty ("RGN" / "RMN"), shift
// ("Days" / "Nights") or rank ("Deputy Manager" / "Manager"). Reposts, by contrast, retitle freely
// with words that do not change the post: a town ("Care Worker Jobs Peterborough"), seniority
// ("Senior", "Lead" — the synthetic reposts add and drop these), filler ("Urgently Required"), or a
// synonym ("Registered General Nurse" for "RGN"). So a title becomes a small set of canonical
// terms with that noise removed, plus three "axes" compared on their own.
import { combine, hashString } from "./hash";

export type TitleKey = {
  /** Hashes of the key terms that are on no axis, sorted and distinct. */
  terms: Uint32Array;
  /** Bit set of the axis values named (see AXIS_BITS). */
  axes: number;
};

// Axis values. Registration and shift conflict only when both titles name one and they share
// none ("RGN or RMN" fits "RGN"); a rank word conflicts when only one title has it.
const REGISTRATION = ["rgn", "rmn", "rnld", "rscn"] as const;
const SHIFT = ["day", "night", "weekend"] as const;
const RANK = ["deputy", "assistant", "sous", "commis", "head"] as const;
const AXIS_WORDS = [...REGISTRATION, ...SHIFT, ...RANK];
const AXIS_BITS = new Map<string, number>(AXIS_WORDS.map((w, i) => [w, 1 << i]));
const bitsOf = (words: readonly string[]) => words.reduce((m, w) => m | AXIS_BITS.get(w)!, 0);
const REGISTRATION_MASK = bitsOf(REGISTRATION);
const SHIFT_MASK = bitsOf(SHIFT);
const RANK_MASK = bitsOf(RANK);

// Phrases read as one canonical term (longest first; matched on whole words after lower-casing).
const SYNONYMS: [string, string][] = [
  ["registered nurse learning disabilities", "rnld nurse"],
  ["learning disabilities nurse", "rnld nurse"],
  ["learning disability nurse", "rnld nurse"],
  ["registered mental health nurse", "rmn nurse"],
  ["registered mental nurse", "rmn nurse"],
  ["mental health nurse", "rmn nurse"],
  ["registered general nurse", "rgn nurse"],
  ["registered sick children s nurse", "rscn nurse"],
  ["health care assistant", "hca"],
  ["healthcare assistant", "hca"],
  ["operating department practitioner", "odp"],
  ["chef de partie", "cdp"],
  ["care assistant", "careworker"],
  ["care worker", "careworker"],
  ["carer", "careworker"],
  ["live in", "livein"],
  ["rgn", "rgn nurse"],
  ["rmn", "rmn nurse"],
  ["rmhn", "rmn nurse"],
  ["rnld", "rnld nurse"],
  ["rscn", "rscn nurse"],
  ["nights", "night"],
  ["days", "day"],
  ["weekends", "weekend"],
];
const SYNONYM_RE = new RegExp(`(?<=^| )(?:${SYNONYMS.map(([p]) => p).join("|")})(?= |$)`, "g");
const SYNONYM_OF = new Map(SYNONYMS);

// Words that never tell two posts apart: grammar, advertising filler, seniority (boards retitle
// with it), generic qualifiers, and pay/contract noise that the salary evidence judges instead.
const NOISE = new Set(
  (
    "a an and or the of in for to with at on up by from near as per plus " +
    "job jobs vacancy vacancies required requirement wanted needed urgent urgently opportunity " +
    "opportunities role roles position positions post posts new immediate start available excellent " +
    "fantastic great exciting superb immediately apply now " +
    "senior junior lead trainee principal graduate snr jnr sr jr " +
    "staff registered qualified experienced " +
    "salary tip tips bonus hour hours hourly annum ph pa k p h c s t x uk area based " +
    "full part time permanent temporary perm temp contract"
  ).split(" "),
);

/** Folds a plural: "nurses" → "nurse", but not "boss", "campus", "analysis". */
function singular(w: string): string {
  return w.length > 3 && w.endsWith("s") && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * Words of `text` as the title reads them: lower case, letters only (numbers and Adzuna's "****"
 * masks say nothing about the post), plurals folded.
 */
function titleWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
    .map(singular);
}

/** A title's terms before its location's words are dropped: canonical, noise-free, distinct, sorted. */
export function titleCandidates(title: string): string[] {
  const canonical = titleWords(title)
    .join(" ")
    .replace(SYNONYM_RE, (m) => SYNONYM_OF.get(m)!);
  const terms = new Set<string>();
  for (const w of canonical.split(" ")) if (w && !NOISE.has(w)) terms.add(w);
  return [...terms].sort();
}

/** The words of a location, as titleCandidates' terms are spelled (to drop them from a title). */
export function placeWords(location: string): Set<string> {
  return new Set(titleWords(location));
}

/**
 * The key terms of a title. Words of the ad's own location ("Staff Nurse Leeds" with location
 * "Leeds, West Yorkshire") are dropped: the same ad for another town is the same vacancy.
 */
export function titleTerms(title: string, location = ""): string[] {
  return withoutPlace(titleCandidates(title), placeWords(location));
}

/** Title terms less the location's words (the same array when it names none of them). */
export function withoutPlace(candidates: string[], place: ReadonlySet<string>): string[] {
  return candidates.some((w) => place.has(w)) ? candidates.filter((w) => !place.has(w)) : candidates;
}

/** The comparable form of a title (see TitleKey). */
export function titleKey(title: string, location = ""): TitleKey {
  return keyOfTerms(titleTerms(title, location));
}

/** A TitleKey from key terms (titleTerms). */
export function keyOfTerms(terms: readonly string[]): TitleKey {
  let axes = 0;
  const hashes: number[] = [];
  for (const t of terms) {
    const bit = AXIS_BITS.get(t);
    if (bit) axes |= bit;
    else hashes.push(hashString(t));
  }
  return { terms: Uint32Array.from(hashes).sort(), axes };
}

/** One hash for a title's key terms (axes left out: "RGN" and "Staff Nurse" post alike here). */
export function titleHash(key: TitleKey): number {
  let h = 0x3c6ef372;
  for (const t of key.terms) h = combine(h, t);
  return h;
}

/** same: equal key terms; compatible: one adds terms to the other; conflict: another post. */
export type TitleVerdict = { kind: "same" | "compatible" | "unknown" } | { kind: "conflict"; reason: string };

const names = (bits: number) => AXIS_WORDS.filter((w) => bits & AXIS_BITS.get(w)!).join("/") || "none";

export function compareTitles(a: TitleKey, b: TitleKey): TitleVerdict {
  for (const [mask, what] of [
    [REGISTRATION_MASK, "registration"],
    [SHIFT_MASK, "shift"],
  ] as const) {
    const x = a.axes & mask,
      y = b.axes & mask;
    if (x && y && !(x & y)) return { kind: "conflict", reason: `${what}: ${names(x)} vs ${names(y)}` };
  }
  const rank = (a.axes ^ b.axes) & RANK_MASK;
  if (rank) return { kind: "conflict", reason: `rank: ${names(a.axes & RANK_MASK)} vs ${names(b.axes & RANK_MASK)}` };

  if (!a.terms.length || !b.terms.length) return { kind: a.axes || b.axes ? "compatible" : "unknown" };
  let onlyA = 0,
    onlyB = 0;
  for (let i = 0, j = 0; i < a.terms.length || j < b.terms.length;) {
    if (j >= b.terms.length || (i < a.terms.length && a.terms[i] < b.terms[j])) {
      onlyA++;
      i++;
    } else if (i >= a.terms.length || b.terms[j] < a.terms[i]) {
      onlyB++;
      j++;
    } else {
      i++;
      j++;
    }
  }
  // Each title has a term the other lacks: a word was swapped ("Care Assistant" / "Support
  // Worker", "Pharmacist" / "Pharmacy Technician"), which names another post.
  if (onlyA && onlyB) return { kind: "conflict", reason: "title: different key terms" };
  return { kind: onlyA || onlyB || a.axes !== b.axes ? "compatible" : "same" };
}
