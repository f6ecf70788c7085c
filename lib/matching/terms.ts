// Key terms of a text: the words that say what a job (or a CV) is about, ranked by TF-IDF against
// document frequencies (how many documents of a corpus use each word). Plain TypeScript: the
// frequencies are passed in (lib/matching/matches.ts samples them from the ads in the database).
import { stemmer } from "stemmer";

/** Words that say nothing about which job it is: English function words and job-ad boilerplate. */
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each " +
    "few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on " +
    "once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves etc per via within across upon may might " +
    "must shall us one two three four five six seven eight nine ten well also use used using get make made including include includes" +
    // job-ad and CV boilerplate: in most ads and most CVs, whatever the job
    " job jobs role roles position positions post vacancy vacancies opportunity opportunities candidate candidates applicant applicants apply application applications " +
    "company client clients employer team teams work working works worked experience experienced years year month months week weeks day days hour hours salary " +
    "annum basic benefits package competitive excellent good great strong skills skill ability able required requirement requirements essential desirable ideal ideally " +
    "successful looking seeking join new based full part time permanent contract temporary please contact details cv send recruitment agency consultant uk area " +
    "provide providing support supporting ensure responsible responsibilities duties key current currently various range within high level levels opportunity " +
    "knowledge understanding environment business service services working career progression offer offers offering excellent previous proven relevant similar " +
    "www com http https email tel call today immediate start"
  ).split(/\s+/),
);

/** A word as compared: lower-cased, a plural's "s" dropped ("nurses" = "nurse"; not "ss", "us", "is"). */
export function normaliseTerm(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
  if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|ys)$/.test(w)) return w.slice(0, -1);
  return w;
}

// word → its term ("" for a stopword): words repeat across documents, so each is worked out once.
const TERM_OF = new Map<string, string>();
const TERM_CACHE_LIMIT = 200_000;
const WORD = /[a-z][a-z0-9+#]*/g;

function termOf(w: string): string {
  let t = TERM_OF.get(w);
  if (t === undefined) {
    t = w.length < 3 || STOPWORDS.has(w) ? "" : normaliseTerm(w);
    if (STOPWORDS.has(t)) t = "";
    if (TERM_OF.size >= TERM_CACHE_LIMIT) TERM_OF.clear();
    TERM_OF.set(w, t);
  }
  return t;
}

/** The comparable words of a text, in order (numbers, Adzuna's **** masks and stopwords left out). */
export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const lower = text.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const t = termOf(m[0]);
    if (t) out.push(t);
  }
  return out;
}

// term → its Porter stem, worked out once per word (as the term cache above).
const STEM_OF = new Map<string, string>();

/**
 * The stem the full-text indexes file a term under (Porter's: SQLite's FTS5 tokenizer is Porter's, and
 * PostgreSQL's English Snowball stemmer agrees on nearly every word): "professionalism" is filed
 * under "profession", so it is as common as "professional" is.
 */
export function stemOf(term: string): string {
  let s = STEM_OF.get(term);
  if (s === undefined) {
    s = stemmer(term);
    if (STEM_OF.size >= TERM_CACHE_LIMIT) STEM_OF.clear();
    STEM_OF.set(term, s);
  }
  return s;
}

/**
 * Document frequencies: how many of `documents` contain each term — counted by stem, as the indexes
 * count, so a rare-looking word with a common stem ("professionalism", "teamed") is not taken for a
 * rare one. `holding(words, k)`: how many of the documents hold at least `k` of `words` (their
 * stems) — how many a full-text query for "k of these words" would match, in proportion.
 * `collection`: how many documents the sample stands for (itself when not a sample).
 */
export type TermStats = { documents: number; collection: number; df: (term: string) => number; holding: (words: readonly string[], k: number) => number };

export function buildTermStats(texts: Iterable<string>, collection?: number): TermStats {
  // stem → the documents (their numbers, ascending) that use it
  const postings = new Map<string, number[]>();
  let documents = 0;
  for (const text of texts) {
    // Every word's stem, stopwords too: "teamed" is filed under "team", in most ads, so it is common.
    const stems = new Set<string>();
    const lower = text.toLowerCase();
    WORD.lastIndex = 0;
    for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) stems.add(stemOf(m[0]));
    for (const s of stems) {
      const list = postings.get(s);
      if (list) list.push(documents);
      else postings.set(s, [documents]);
    }
    documents++;
  }
  return {
    documents,
    collection: Math.max(collection ?? 0, documents),
    df: (t) => postings.get(stemOf(t))?.length ?? 0,
    holding(words, k) {
      const count = new Map<number, number>();
      for (const s of new Set(words.map((w) => stemOf(w)))) for (const d of postings.get(s) ?? []) count.set(d, (count.get(d) ?? 0) + 1);
      let n = 0;
      for (const c of count.values()) if (c >= k) n++;
      return n;
    },
  };
}

const IDF = new WeakMap<TermStats, Map<string, number>>();

/** Inverse document frequency, smoothed: a word no sampled document used counts as rare, not infinite. */
export function idf(stats: TermStats, term: string): number {
  let memo = IDF.get(stats);
  if (!memo) IDF.set(stats, (memo = new Map()));
  let v = memo.get(term);
  if (v === undefined) {
    v = Math.log((stats.documents + 1) / (stats.df(term) + 0.5));
    memo.set(term, v);
  }
  return v;
}

export type KeyTerm = { term: string; weight: number };

/** Title words count this many times over (a title says what the job is in a few words). */
export const TITLE_BOOST = 3;
/** A word in more than this share of documents is not distinctive, however often it is used. */
export const MAX_DF_SHARE = 0.2;

/**
 * The `k` most distinctive terms of a title and body: term frequency (title words × TITLE_BOOST,
 * dampened with a square root) × IDF. Weights are normalised to sum to 1.
 */
export function keyTerms(title: string | null | undefined, body: string | null | undefined, stats: TermStats, k = 20): KeyTerm[] {
  const tf = new Map<string, number>();
  for (const t of tokenize(title)) tf.set(t, (tf.get(t) ?? 0) + TITLE_BOOST);
  for (const t of tokenize(body)) tf.set(t, (tf.get(t) ?? 0) + 1);
  // A word in more than MAX_DF_SHARE of the documents (once there are enough to tell) is not distinctive.
  const minIdf = stats.documents >= 50 ? Math.log((stats.documents + 1) / (stats.documents * MAX_DF_SHARE + 0.5)) : -Infinity;
  const scored: KeyTerm[] = [];
  for (const [term, n] of tf) {
    const w = idf(stats, term);
    if (w < minIdf) continue;
    scored.push({ term, weight: Math.sqrt(n) * w });
  }
  scored.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  const top = scored.slice(0, k);
  const total = top.reduce((s, t) => s + t.weight, 0) || 1;
  return top.map((t) => ({ term: t.term, weight: t.weight / total }));
}
