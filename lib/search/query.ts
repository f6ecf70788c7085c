// What a recruiter types in a search box (ads, candidates) → a safe full-text query for SQLite FTS5
// (`ad_fts MATCH ?`, tokenizer `porter unicode61 remove_diacritics 2`) and for PostgreSQL
// (`document @@ to_tsquery('english', $1)`). Pure: no Next.js, React or Prisma here.
//
// The syntax users get
//   nurse london          words: every word must appear (implicit AND; order and case don't matter)
//   "care assistant"      an exact phrase (the words next to each other, in that order)
//   nurse OR carer        either; OR must be typed in capitals; it joins the items on each side and
//                         chains: a OR b OR c. It binds tighter than the implicit AND:
//                         `london nurse OR carer` = london AND (nurse OR carer)
//   -agency  -"part time" leave out ads with that word / phrase (a minus straight before the item)
//   manag*                words starting with "manag" (at least 2 letters or digits before the *)
//
// Everything else is plain text, never query syntax:
//   - Words are runs of letters, digits and combining marks, split the way both tokenizers split
//     text; other characters separate words. Matching ignores case; word endings are stemmed by
//     the databases (porter / English snowball), so "nurses" also finds "nurse" and "nursing".
//   - A typed word joined by hyphens, apostrophes, dots, commas, slashes, "&", "_" or "@" stays one
//     item: a phrase of its pieces. "part-time" is the phrase "part time", "o'brien" is "o brien",
//     "24/7" is "24 7". Anything else (( ) : ^ + | ! ; = < > [ ] { } # $ % £ €, emoji, ...) is a space:
//     `title:nurse` is the words title and nurse, `NEAR(a b)` is near, a and b, "C++" is "c".
//   - Lower-case or / and / not are ordinary words. Upper-case AND is the implicit AND (ignored:
//     `nurse AND london` = `nurse london`). Upper-case NOT is the ordinary word "not", with a hint to
//     use -word instead (it is an English stop word, so PostgreSQL ignores it anyway).
//   - Curly quotes (“ ” „) count as ". A quote left open is closed at the end of the input (hint).
//     Inside quotes everything is words: no OR, no -, no *.
//   - OR next to an exclusion (`-a OR b`), at the start or end, or doubled is ignored (hint).
//   - A * after fewer than 2 letters (`a*`), or after a PostgreSQL English stop word (`in*`, `the*`:
//     PostgreSQL cannot prefix-search those), is dropped with a hint. A * after a joined word
//     (`part-ti*`) is ignored: the pieces are searched as a phrase (hint). A * anywhere else is a space.
//   - The input is cut at 500 characters (at the last space if that falls inside a word), and at
//     32 clauses (AND-ed items) and 32 options per OR (hints).
//
// Stop words (decision). PostgreSQL's English configuration drops its stop words (the, of, it, and,
// ...; POSTGRES_ENGLISH_STOP_WORDS) from queries: `to_tsquery('english', 'the')` is an empty query
// that matches nothing (with a NOTICE), `'nurse' & 'the'` is just 'nurs', and inside a phrase the
// gap is kept ("director of nursing" → 'director' <2> 'nurs'). FTS5 has no stop words. So stop
// words stay in the clauses (SQLite uses them; PostgreSQL skips them, which keeps phrase distances
// right), but a search whose every positive clause is only stop words is not usable (hint: add a
// more specific word) on either database, and `words` (for highlighting) leaves stop words out.
// Remaining differences between the databases come from the indexes, not from this module:
// PostgreSQL keeps accents ("cafe" doesn't find "café"; FTS5 folds them), ignores stop words inside
// AND/OR, and indexes "nurse/carer", "24/7", "9.50", e-mail and host names as single tokens (so a
// phrase from one such typed word also tries the word as typed: `joined`, PostgreSQL only).
//
// Rendering. A parse that is not usable renders as a query that executes and matches nothing
// (FTS5 `""`; tsquery "" — PostgreSQL answers with a NOTICE and an empty query). Callers should
// not run it at all; show the hint instead.
//   FTS5:    "nurse" AND ("care assistant" OR "carer") AND "manag"* NOT "agency" NOT "part time"
//   tsquery: 'nurse' & ('care' <-> 'assistant' | 'carer') & 'manag':* & !'agency' & !('part' <-> 'time')
// Every word is quoted and escaped (FTS5 doubles "; tsquery doubles ' and \), and NUL characters
// and lone surrogates are removed, so no input can change the shape of the query.

export type SearchItem =
  | { kind: "term"; word: string; prefix: boolean }
  | {
      kind: "phrase";
      words: string[];
      /**
       * The word as typed (lower-cased, outer punctuation trimmed) when the phrase came from one
       * typed word joined by "." "/" or "@" ("24/7", "9.50", "nurse/carer", "jobs@nhs.uk"):
       * PostgreSQL's parser keeps those as one token, so toTsquery also tries it that way.
       */
      joined?: string;
    };
export type SearchClause = { negated: boolean; options: SearchItem[] }; // options are OR-ed
export type ParsedSearch = {
  clauses: SearchClause[]; // AND-ed
  hint: string | null; // a friendly note when the input was corrected or cannot be used
  usable: boolean; // false → run no search, show the hint (e.g. only exclusions, or nothing searchable)
  words: string[]; // the positive words, for highlighting in the UI
};

export const MAX_INPUT_CHARS = 500;
export const MAX_CLAUSES = 32;
export const MAX_OPTIONS = 32;
export const MIN_PREFIX_CHARS = 2;

/** A MATCH expression that executes and matches nothing (an empty phrase). */
export const FTS5_MATCH_NOTHING = '""';
/** A to_tsquery input that executes and matches nothing (PostgreSQL raises a NOTICE for it). */
export const TSQUERY_MATCH_NOTHING = "";

/** PostgreSQL's English stop words (share/tsearch_data/english.stop, used by the english_stem dictionary). */
export const POSTGRES_ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers " +
    "herself it its itself they them their theirs themselves what which who whom this that these those am is " +
    "are was were be been being have has had having do does did doing a an the and but if or because as until " +
    "while of at by for with about against between into through during before after above below to from up " +
    "down in out on off over under again further then once here there when where why how all any both each " +
    "few more most other some such no nor not only own same so than too very s t can will just don should now"
  ).split(" "),
);

// ── characters ────────────────────────────────────────────────────────────────────────────────

// Variation selectors are combining marks but belong to emoji: treat them as separators.
const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Punctuation that joins the pieces of one typed word into a phrase (part-time, o'brien, 24/7). */
const CONNECTOR = /['’‘ʼ.,/&_@\-\u2010\u2011]/u;
/** Connectors PostgreSQL's parser can keep inside one token (hosts, e-mails, paths, decimals). */
const JOINING = /[./@]/u;
const SPACE = /[\s\u200B\u2060\uFEFF]/u;
const DOUBLE_QUOTES = /[“”„‟″〝〞＂]/gu;

const isWordChar = (c: string) => WORD_CHAR.test(c) && !VARIATION_SELECTOR.test(c);
const isConnector = (c: string) => CONNECTOR.test(c);
const isSpace = (c: string) => SPACE.test(c);

/** Lower case as the databases fold it: "İ" becomes "i" (JavaScript adds a combining dot). */
const lower = (w: string) => w.toLowerCase().replace(/i\u0307/g, "i");

/** Lower-cased words of a piece of text: runs of letters, digits and marks holding a letter or digit. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const c of text + " ") {
    if (isWordChar(c)) cur += c;
    else {
      if (LETTER_OR_DIGIT.test(cur)) out.push(lower(cur));
      cur = "";
    }
  }
  return out;
}

const charCount = (s: string) => Array.from(s).length;
const isStopWord = (w: string) => POSTGRES_ENGLISH_STOP_WORDS.has(w);
/** User text for a hint, shortened. */
const shown = (s: string) => (charCount(s) > 30 ? Array.from(s).slice(0, 29).join("") + "…" : s);

// ── quoting ───────────────────────────────────────────────────────────────────────────────────

/** Characters no query may contain: NUL ends an FTS5 string early; lone surrogates are not text. */
const UNSAFE = /[\u0000\p{Cs}]/gu;

/** A string as an FTS5 string literal: "…" with " doubled. The tokenizer splits it into a phrase. */
export function fts5Quote(text: string): string {
  return `"${text.replace(UNSAFE, "").replace(/"/g, '""')}"`;
}

/** A string as a tsquery operand: '…' with ' and \ escaped (PostgreSQL's parser splits it further). */
export function tsqueryQuote(text: string): string {
  return `'${text.replace(UNSAFE, "").replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

// ── parsing ───────────────────────────────────────────────────────────────────────────────────

type Token = { type: "or" } | { type: "item"; negated: boolean; item: SearchItem | null };

const NOTES = {
  truncated: `Only the first ${MAX_INPUT_CHARS} characters of your search were used.`,
  unclosed: 'Added the missing closing quote (").',
  dangling: "OR needs a word or phrase on each side, so it was ignored.",
  orExclusion: "OR can't be combined with an excluded (-) word, so it was ignored.",
  not: "NOT was searched as an ordinary word: to leave a word out, put a minus in front of it (-agency).",
  lowerOr: "To find either of two words, type OR in capitals (nurse OR carer).",
  tooMany: `Only the first ${MAX_CLAUSES} words or phrases were used.`,
  tooManyOptions: `Only the first ${MAX_OPTIONS} alternatives of an OR were used.`,
  onlyExclusions: "Add a word to search for: -words only exclude.",
  nothing: 'Nothing to search for: type a word, a "phrase" or the start of a word followed by *.',
  shortPrefix: (t: string) => `"${shown(t)}" was left out: type at least ${MIN_PREFIX_CHARS} letters before the *.`,
  stopPrefix: (t: string, w: string) => `"${shown(t)}" was left out: "${shown(w)}" is too common to search for words starting with it; type more of the word.`,
  phrasePrefix: (t: string, words: string[]) => `A * only works after a single word, so "${shown(t)}" was searched as the phrase "${shown(words.join(" "))}".`,
  stopOnly: (ws: string[]) =>
    `${ws.map((w) => `"${shown(w)}"`).join(", ")} ${ws.length === 1 ? "is" : "are"} too common to search for on ${ws.length === 1 ? "its" : "their"} own: add a more specific word.`,
};

function tokenize(text: string, note: (n: string) => void): Token[] {
  const cs = Array.from(text);
  const n = cs.length;
  const tokens: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = cs[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === "-" && i + 1 < n && (cs[i + 1] === '"' || isWordChar(cs[i + 1]) || isConnector(cs[i + 1]))) {
      negated = true;
      i++;
    }
    const d = cs[i];
    if (d === '"') {
      let j = i + 1;
      while (j < n && cs[j] !== '"') j++;
      if (j >= n) note(NOTES.unclosed);
      const words = splitWords(cs.slice(i + 1, j).join(""));
      i = j + 1;
      if (words.length === 0) continue;
      tokens.push({ type: "item", negated, item: words.length === 1 ? { kind: "term", word: words[0], prefix: false } : { kind: "phrase", words } });
      continue;
    }
    if (!isWordChar(d) && !isConnector(d)) {
      i++; // punctuation that is not query syntax: a separator (a lone * too)
      continue;
    }
    let j = i;
    while (j < n && (isWordChar(cs[j]) || isConnector(cs[j]))) j++;
    const raw = cs.slice(i, j).join("");
    let prefix = false;
    while (j < n && cs[j] === "*") {
      prefix = true;
      j++;
    }
    i = j;
    const trimmed = raw.replace(/^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu, "");
    if (!negated && !prefix) {
      if (trimmed === "OR") {
        tokens.push({ type: "or" });
        continue;
      }
      if (trimmed === "AND") continue;
      if (trimmed === "NOT") note(NOTES.not);
      else if (trimmed.toLowerCase() === "or") note(NOTES.lowerOr);
    }
    const words = splitWords(raw);
    if (words.length === 0) continue;
    const typed = raw + (prefix ? "*" : "");
    if (words.length === 1) {
      const word = words[0];
      if (prefix && charCount(word.replace(/\p{M}/gu, "")) < MIN_PREFIX_CHARS) {
        note(NOTES.shortPrefix(typed));
        tokens.push({ type: "item", negated, item: null });
      } else if (prefix && isStopWord(word)) {
        note(NOTES.stopPrefix(typed, word));
        tokens.push({ type: "item", negated, item: null });
      } else tokens.push({ type: "item", negated, item: { kind: "term", word, prefix } });
      continue;
    }
    if (prefix) note(NOTES.phrasePrefix(typed, words));
    const item: SearchItem = { kind: "phrase", words };
    if (JOINING.test(trimmed)) item.joined = lower(trimmed);
    tokens.push({ type: "item", negated, item });
  }
  return tokens;
}

const itemKey = (it: SearchItem) => (it.kind === "term" ? `t:${it.prefix ? "*" : ""}${it.word}` : `p:${it.words.join(" ")}|${it.joined ?? ""}`);
const clauseKey = (c: SearchClause) => `${c.negated ? "-" : "+"}${c.options.map(itemKey).join("\u0001")}`;
const itemWords = (it: SearchItem) => (it.kind === "term" ? [it.word] : it.words);

/** Turns the search box text into AND-ed clauses of OR-ed items. Never throws. */
export function parseSearch(input: string): ParsedSearch {
  try {
    return parse(typeof input === "string" ? input : "");
  } catch {
    return { clauses: [], hint: NOTES.nothing, usable: false, words: [] };
  }
}

function parse(input: string): ParsedSearch {
  const notes: string[] = [];
  const note = (n: string) => {
    if (!notes.includes(n)) notes.push(n);
  };

  // Normalise (composed accents, straight quotes), then cut at MAX_INPUT_CHARS code points. A very
  // long input is cut roughly first so normalising stays cheap (NFC shrinks text by at most 4×).
  const rough = MAX_INPUT_CHARS * 8;
  let text = input.length > rough ? input.slice(0, rough) : input;
  text = text.normalize("NFC").replace(DOUBLE_QUOTES, '"');
  const chars = Array.from(text);
  if (input.length > rough || chars.length > MAX_INPUT_CHARS) {
    note(NOTES.truncated);
    // Cut at the last space when the limit falls inside a word: a fragment would find nothing.
    let end = MAX_INPUT_CHARS;
    if (end < chars.length && !isSpace(chars[end])) {
      let k = end;
      while (k > 0 && !isSpace(chars[k - 1])) k--;
      if (k > 0) end = k;
    }
    text = chars.slice(0, end).join("");
  }

  const tokens = tokenize(text, note);

  // OR joins the items on each side into one clause; dropped items (null) break the chain quietly.
  const clauses: SearchClause[] = [];
  let last: { negated: boolean; dropped: boolean; clause: SearchClause | null } | null = null;
  let orPending = false;
  for (const t of tokens) {
    if (t.type === "or") {
      if (last === null || orPending) note(NOTES.dangling);
      else if (last.negated && !last.dropped) note(NOTES.orExclusion);
      else if (!last.dropped) orPending = true;
      continue;
    }
    const joinable = orPending && last !== null && !last.negated && last.clause !== null && !t.negated;
    if (orPending && !joinable && t.item !== null) note(NOTES.orExclusion);
    orPending = false;
    if (t.item === null) {
      last = { negated: t.negated, dropped: true, clause: null };
      continue;
    }
    if (joinable) {
      last!.clause!.options.push(t.item);
    } else {
      const clause = { negated: t.negated, options: [t.item] };
      clauses.push(clause);
      last = { negated: t.negated, dropped: false, clause };
    }
  }
  if (orPending) note(NOTES.dangling);

  // Tidy: no repeated options or clauses; caps.
  const seen = new Set<string>();
  let kept: SearchClause[] = [];
  for (const c of clauses) {
    const keys = new Set<string>();
    let options = c.options.filter((o) => !keys.has(itemKey(o)) && keys.add(itemKey(o)));
    if (options.length > MAX_OPTIONS) {
      note(NOTES.tooManyOptions);
      options = options.slice(0, MAX_OPTIONS);
    }
    const clause = { negated: c.negated, options };
    const key = clauseKey(clause);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(clause);
  }
  if (kept.length > MAX_CLAUSES) {
    note(NOTES.tooMany);
    kept = kept.slice(0, MAX_CLAUSES);
  }

  const positives = kept.filter((c) => !c.negated);
  const stopOnly = (c: SearchClause) => c.options.every((o) => itemWords(o).every(isStopWord));
  let usable = true;
  if (kept.length === 0) {
    usable = false;
    if (text.trim() !== "") note(NOTES.nothing);
  } else if (positives.length === 0) {
    usable = false;
    note(NOTES.onlyExclusions);
  } else if (positives.every(stopOnly)) {
    usable = false;
    note(NOTES.stopOnly([...new Set(positives.flatMap((c) => c.options.flatMap(itemWords)))]));
  }

  const words = [...new Set(positives.flatMap((c) => c.options.flatMap(itemWords)).filter((w) => !isStopWord(w)))];
  return { clauses: kept, hint: notes.length ? notes.join(" ") : null, usable, words };
}

// ── rendering ─────────────────────────────────────────────────────────────────────────────────

/** Clauses with every word safe and non-empty (a ParsedSearch may come from elsewhere). */
function cleanClauses(parsed: ParsedSearch): SearchClause[] {
  const clean = (w: string) => (typeof w === "string" ? w.replace(UNSAFE, "") : "");
  const out: SearchClause[] = [];
  for (const c of parsed.clauses ?? []) {
    const options: SearchItem[] = [];
    for (const o of c.options ?? []) {
      if (o.kind === "term") {
        const word = clean(o.word);
        if (word) options.push({ kind: "term", word, prefix: !!o.prefix });
      } else if (o.kind === "phrase") {
        const words = (o.words ?? []).map(clean).filter(Boolean);
        const joined = o.joined ? clean(o.joined) : "";
        if (words.length) options.push(joined ? { kind: "phrase", words, joined } : { kind: "phrase", words });
      }
    }
    if (options.length) out.push({ negated: !!c.negated, options });
  }
  return out;
}

/**
 * An FTS5 MATCH expression: positives joined by AND (OR groups in parentheses), then each exclusion
 * as NOT (NOT binds tighter than AND in FTS5; `a AND b NOT c` = a AND (b NOT c), the same set).
 * FTS5_MATCH_NOTHING when the search is not usable.
 */
export function toFts5(parsed: ParsedSearch): string {
  const clauses = cleanClauses(parsed);
  const positives = clauses.filter((c) => !c.negated);
  if (!parsed.usable || positives.length === 0) return FTS5_MATCH_NOTHING;
  const item = (it: SearchItem) => (it.kind === "term" ? fts5Quote(it.word) + (it.prefix ? "*" : "") : fts5Quote(it.words.join(" ")));
  const clause = (c: SearchClause) => (c.options.length === 1 ? item(c.options[0]) : `(${c.options.map(item).join(" OR ")})`);
  const negatives = clauses.filter((c) => c.negated);
  // Explicit AND: FTS5 only allows the implicit AND between phrases, not next to a (group).
  return [positives.map(clause).join(" AND "), ...negatives.map((c) => `NOT ${clause(c)}`)].join(" ");
}

/**
 * Input for to_tsquery('english', $1): clauses joined with &, OR groups as (a | b), phrases with
 * <->, prefixes as 'word':*, exclusions as !x after the positives. TSQUERY_MATCH_NOTHING when the
 * search is not usable.
 */
export function toTsquery(parsed: ParsedSearch): string {
  const clauses = cleanClauses(parsed);
  const positives = clauses.filter((c) => !c.negated);
  if (!parsed.usable || positives.length === 0) return TSQUERY_MATCH_NOTHING;
  // Precedence in tsquery: ! binds tightest, then <->, then &, then |.
  const item = (it: SearchItem): { text: string; simple: boolean } => {
    if (it.kind === "term") return { text: tsqueryQuote(it.word) + (it.prefix ? ":*" : ""), simple: true };
    const phrase = it.words.map(tsqueryQuote).join(" <-> ");
    if (it.joined) return { text: `(${phrase} | ${tsqueryQuote(it.joined)})`, simple: true };
    return { text: phrase, simple: it.words.length === 1 };
  };
  const clause = (c: SearchClause): { text: string; simple: boolean } =>
    c.options.length === 1 ? item(c.options[0]) : { text: `(${c.options.map((o) => item(o).text).join(" | ")})`, simple: true };
  const negatives = clauses
    .filter((c) => c.negated)
    .map((c) => {
      const r = clause(c);
      return `!${r.simple ? r.text : `(${r.text})`}`;
    });
  return [...positives.map((c) => clause(c).text), ...negatives].join(" & ");
}
