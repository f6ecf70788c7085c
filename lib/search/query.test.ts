import { describe, expect, it } from "vitest";
import {
  FTS5_MATCH_NOTHING,
  MAX_CLAUSES,
  MAX_INPUT_CHARS,
  MAX_OPTIONS,
  TSQUERY_MATCH_NOTHING,
  fts5Quote,
  parseSearch,
  toFts5,
  toTsquery,
  tsqueryQuote,
  type ParsedSearch,
  type SearchClause,
  type SearchItem,
} from "./query";

/** Clauses in a compact form: `nurse`, `manag*`, `"care assistant"`, `"24 7"~24/7`, options joined by `|`, `-` for exclusions. */
function show(clauses: SearchClause[]): string[] {
  const item = (it: SearchItem) => (it.kind === "term" ? `${it.word}${it.prefix ? "*" : ""}` : `"${it.words.join(" ")}"${it.joined ? `~${it.joined}` : ""}`);
  return clauses.map((c) => `${c.negated ? "-" : ""}${c.options.map(item).join("|")}`);
}

type Case = {
  input: string;
  clauses: string[];
  fts5: string;
  tsquery: string;
  /** null (the default) = no hint. */
  hint?: RegExp | null;
  /** Defaults to true. */
  usable?: boolean;
  words?: string[];
};

const NOTHING = { fts5: FTS5_MATCH_NOTHING, tsquery: TSQUERY_MATCH_NOTHING, usable: false } as const;

const CASES: Case[] = [
  // ── the syntax ──
  { input: "nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", words: ["nurse"] },
  { input: "Nurse  LONDON", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'", words: ["nurse", "london"] },
  { input: '"care assistant"', clauses: ['"care assistant"'], fts5: '"care assistant"', tsquery: "'care' <-> 'assistant'", words: ["care", "assistant"] },
  { input: '"nurse"', clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'" },
  { input: '"care assistant" OR carer', clauses: ['"care assistant"|carer'], fts5: '("care assistant" OR "carer")', tsquery: "('care' <-> 'assistant' | 'carer')" },
  { input: "nurse OR carer", clauses: ["nurse|carer"], fts5: '("nurse" OR "carer")', tsquery: "('nurse' | 'carer')" },
  {
    input: 'london nurse OR carer OR "support worker"',
    clauses: ["london", 'nurse|carer|"support worker"'],
    fts5: '"london" AND ("nurse" OR "carer" OR "support worker")',
    tsquery: "'london' & ('nurse' | 'carer' | 'support' <-> 'worker')",
  },
  { input: "nurse -agency", clauses: ["nurse", "-agency"], fts5: '"nurse" NOT "agency"', tsquery: "'nurse' & !'agency'", words: ["nurse"] },
  {
    input: '-agency nurse -"part time" london',
    clauses: ["-agency", "nurse", '-"part time"', "london"],
    fts5: '"nurse" AND "london" NOT "agency" NOT "part time"',
    tsquery: "'nurse' & 'london' & !'agency' & !('part' <-> 'time')",
    words: ["nurse", "london"],
  },
  { input: "manag* nurse", clauses: ["manag*", "nurse"], fts5: '"manag"* AND "nurse"', tsquery: "'manag':* & 'nurse'", words: ["manag", "nurse"] },
  { input: "nurse -manag*", clauses: ["nurse", "-manag*"], fts5: '"nurse" NOT "manag"*', tsquery: "'nurse' & !'manag':*" },
  { input: "nurs**", clauses: ["nurs*"], fts5: '"nurs"*', tsquery: "'nurs':*" },
  { input: "20*", clauses: ["20*"], fts5: '"20"*', tsquery: "'20':*" },
  { input: "nurse OR manag*", clauses: ["nurse|manag*"], fts5: '("nurse" OR "manag"*)', tsquery: "('nurse' | 'manag':*)" },
  {
    input: "(nurse OR carer) (leeds OR york)",
    clauses: ["nurse|carer", "leeds|york"],
    fts5: '("nurse" OR "carer") AND ("leeds" OR "york")',
    tsquery: "('nurse' | 'carer') & ('leeds' | 'york')",
  },

  // ── words split like the tokenizers split them ──
  { input: "part-time nurse", clauses: ['"part time"', "nurse"], fts5: '"part time" AND "nurse"', tsquery: "'part' <-> 'time' & 'nurse'", words: ["part", "time", "nurse"] },
  { input: "nurse -part-time", clauses: ["nurse", '-"part time"'], fts5: '"nurse" NOT "part time"', tsquery: "'nurse' & !('part' <-> 'time')" },
  { input: "part‐time", clauses: ['"part time"'], fts5: '"part time"', tsquery: "'part' <-> 'time'" },
  { input: "o'brien", clauses: ['"o brien"'], fts5: '"o brien"', tsquery: "'o' <-> 'brien'" },
  { input: "O’Brien’s", clauses: ['"o brien s"'], fts5: '"o brien s"', tsquery: "'o' <-> 'brien' <-> 's'", words: ["o", "brien"] },
  { input: "24/7", clauses: ['"24 7"~24/7'], fts5: '"24 7"', tsquery: "('24' <-> '7' | '24/7')" },
  { input: "Nurse/Carer", clauses: ['"nurse carer"~nurse/carer'], fts5: '"nurse carer"', tsquery: "('nurse' <-> 'carer' | 'nurse/carer')" },
  { input: "£9.50", clauses: ['"9 50"~9.50'], fts5: '"9 50"', tsquery: "('9' <-> '50' | '9.50')" },
  { input: "£30,000", clauses: ['"30 000"'], fts5: '"30 000"', tsquery: "'30' <-> '000'" },
  { input: "jobs@nhs.uk.", clauses: ['"jobs nhs uk"~jobs@nhs.uk'], fts5: '"jobs nhs uk"', tsquery: "('jobs' <-> 'nhs' <-> 'uk' | 'jobs@nhs.uk')" },
  { input: "-24/7", clauses: ['-"24 7"~24/7'], fts5: FTS5_MATCH_NOTHING, tsquery: TSQUERY_MATCH_NOTHING, usable: false, hint: /only exclude/ },
  { input: "nurse -24/7", clauses: ["nurse", '-"24 7"~24/7'], fts5: '"nurse" NOT "24 7"', tsquery: "'nurse' & !('24' <-> '7' | '24/7')" },
  { input: "A&E nurse", clauses: ['"a e"', "nurse"], fts5: '"a e" AND "nurse"', tsquery: "'a' <-> 'e' & 'nurse'", words: ["e", "nurse"] },
  { input: "C++ developer", clauses: ["c", "developer"], fts5: '"c" AND "developer"', tsquery: "'c' & 'developer'" },
  { input: "C# .NET", clauses: ["c", "net"], fts5: '"c" AND "net"', tsquery: "'c' & 'net'" },
  { input: "title:nurse", clauses: ["title", "nurse"], fts5: '"title" AND "nurse"', tsquery: "'title' & 'nurse'" },
  { input: "NEAR(nurse london, 5)", clauses: ["near", "nurse", "london", "5"], fts5: '"near" AND "nurse" AND "london" AND "5"', tsquery: "'near' & 'nurse' & 'london' & '5'" },
  { input: "^nurse +london", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse|carer", clauses: ["nurse", "carer"], fts5: '"nurse" AND "carer"', tsquery: "'nurse' & 'carer'" },
  { input: "{nurse} [carer] <x>", clauses: ["nurse", "carer", "x"], fts5: '"nurse" AND "carer" AND "x"', tsquery: "'nurse' & 'carer' & 'x'" },
  { input: "snake_case", clauses: ['"snake case"'], fts5: '"snake case"', tsquery: "'snake' <-> 'case'" },

  // ── AND / NOT / or typed literally ──
  { input: "nurse AND london", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  {
    input: "nurse and london",
    clauses: ["nurse", "and", "london"],
    fts5: '"nurse" AND "and" AND "london"',
    tsquery: "'nurse' & 'and' & 'london'",
    words: ["nurse", "london"],
  },
  { input: "nurse NOT agency", clauses: ["nurse", "not", "agency"], fts5: '"nurse" AND "not" AND "agency"', tsquery: "'nurse' & 'not' & 'agency'", hint: /put a minus in front/ },
  {
    input: "nurse AND NOT agency",
    clauses: ["nurse", "not", "agency"],
    fts5: '"nurse" AND "not" AND "agency"',
    tsquery: "'nurse' & 'not' & 'agency'",
    hint: /^NOT was searched as an ordinary word/,
  },
  { input: "nurse or carer", clauses: ["nurse", "or", "carer"], fts5: '"nurse" AND "or" AND "carer"', tsquery: "'nurse' & 'or' & 'carer'", hint: /type OR in capitals/ },
  { input: "nurse Or carer", clauses: ["nurse", "or", "carer"], fts5: '"nurse" AND "or" AND "carer"', tsquery: "'nurse' & 'or' & 'carer'", hint: /capitals/ },
  { input: '"nurse OR carer"', clauses: ['"nurse or carer"'], fts5: '"nurse or carer"', tsquery: "'nurse' <-> 'or' <-> 'carer'" },
  { input: "nurse -OR", clauses: ["nurse", "-or"], fts5: '"nurse" NOT "or"', tsquery: "'nurse' & !'or'" },

  // ── corrections, with a hint ──
  { input: '"care assistant', clauses: ['"care assistant"'], fts5: '"care assistant"', tsquery: "'care' <-> 'assistant'", hint: /missing closing quote/ },
  { input: 'nurse "care', clauses: ["nurse", "care"], fts5: '"nurse" AND "care"', tsquery: "'nurse' & 'care'", hint: /missing closing quote/ },
  { input: '"a b" "c', clauses: ['"a b"', "c"], fts5: '"a b" AND "c"', tsquery: "'a' <-> 'b' & 'c'", hint: /closing quote/ },
  { input: "OR nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /OR needs a word or phrase on each side/ },
  { input: "nurse OR", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /OR needs/ },
  { input: "nurse OR OR carer", clauses: ["nurse|carer"], fts5: '("nurse" OR "carer")', tsquery: "('nurse' | 'carer')", hint: /OR needs/ },
  { input: "-agency OR nurse", clauses: ["-agency", "nurse"], fts5: '"nurse" NOT "agency"', tsquery: "'nurse' & !'agency'", hint: /excluded/ },
  { input: "nurse OR -agency", clauses: ["nurse", "-agency"], fts5: '"nurse" NOT "agency"', tsquery: "'nurse' & !'agency'", hint: /excluded/ },
  {
    input: "a OR b OR c -d OR e",
    clauses: ["a|b|c", "-d", "e"],
    fts5: '("a" OR "b" OR "c") AND "e" NOT "d"',
    tsquery: "('a' | 'b' | 'c') & 'e' & !'d'",
    hint: /excluded/,
    words: ["b", "c", "e"],
  },
  { input: "a* nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /"a\*" was left out: type at least 2 letters/ },
  { input: "x* OR nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /"x\*" was left out/ },
  { input: "nurse OR é*", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /"é\*" was left out/ },
  { input: "in* nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /"in\*" was left out: "in" is too common/ },
  { input: "nurse -the*", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'", hint: /"the\*" was left out/ },
  { input: "part-ti*", clauses: ['"part ti"'], fts5: '"part ti"', tsquery: "'part' <-> 'ti'", hint: /searched as the phrase "part ti"/ },
  { input: "nu*rse", clauses: ["nu*", "rse"], fts5: '"nu"* AND "rse"', tsquery: "'nu':* & 'rse'" },
  { input: "*nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'" },
  { input: '"care home"*', clauses: ['"care home"'], fts5: '"care home"', tsquery: "'care' <-> 'home'" },
  { input: '"nurs*"', clauses: ["nurs"], fts5: '"nurs"', tsquery: "'nurs'" },
  { input: "nurse --london", clauses: ["nurse", "-london"], fts5: '"nurse" NOT "london"', tsquery: "'nurse' & !'london'" },
  { input: "nurse - london -", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse nurse NURSE", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'" },
  { input: "nurse OR Nurse", clauses: ["nurse"], fts5: '"nurse"', tsquery: "'nurse'" },
  { input: "“care assistant” „x y“", clauses: ['"care assistant"', '"x y"'], fts5: '"care assistant" AND "x y"', tsquery: "'care' <-> 'assistant' & 'x' <-> 'y'" },

  // ── not usable ──
  { input: "", clauses: [], ...NOTHING, hint: null, words: [] },
  { input: "   \t\n ", clauses: [], ...NOTHING, hint: null },
  { input: "-agency", clauses: ["-agency"], ...NOTHING, hint: /^Add a word to search for/ },
  { input: '-agency -"part time" -manag*', clauses: ["-agency", '-"part time"', "-manag*"], ...NOTHING, hint: /^Add a word to search for/ },
  { input: "-agency -x*", clauses: ["-agency"], ...NOTHING, hint: /^"x\*" was left out.* Add a word to search for/ },
  { input: "--nurse", clauses: ["-nurse"], ...NOTHING, hint: /only exclude/ },
  { input: "the", clauses: ["the"], ...NOTHING, hint: /^"the" is too common to search for on its own/, words: [] },
  { input: "IT", clauses: ["it"], ...NOTHING, hint: /"it" is too common/ },
  { input: '"to be" OR the -nurse', clauses: ['"to be"|the', "-nurse"], ...NOTHING, hint: /"to", "be", "the" are too common/ },
  { input: "AND NOT", clauses: ["not"], ...NOTHING, hint: /"not" is too common/ },
  { input: "OR", clauses: [], ...NOTHING, hint: /OR needs.*Nothing to search for/ },
  { input: "OR OR OR", clauses: [], ...NOTHING, hint: /OR needs/ },
  { input: "AND", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "a*", clauses: [], ...NOTHING, hint: /"a\*" was left out.*Nothing to search for/ },
  { input: "*", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "()", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: '"', clauses: [], ...NOTHING, hint: /closing quote.*Nothing to search for/ },
  { input: '""', clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: '-""', clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "-", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "- -- ---", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "😀 🎉👍🏽 ❤️", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },
  { input: "&&& ||| !!! ... ,,, '''", clauses: [], ...NOTHING, hint: /^Nothing to search for/ },

  // ── hostile ──
  { input: `'; DROP TABLE "Ad"; --`, clauses: ["drop", "table", "ad"], fts5: '"drop" AND "table" AND "ad"', tsquery: "'drop' & 'table' & 'ad'" },
  { input: `" OR 1=1 --`, clauses: ['"or 1 1"'], fts5: '"or 1 1"', tsquery: "'or' <-> '1' <-> '1'", hint: /closing quote/ },
  { input: `nurse' OR '1'='1`, clauses: ["nurse|1", "1"], fts5: '("nurse" OR "1") AND "1"', tsquery: "('nurse' | '1') & '1'" },
  { input: `x') | ('y`, clauses: ["x", "y"], fts5: '"x" AND "y"', tsquery: "'x' & 'y'" },
  { input: `'nurse':* & !'london' <-> x`, clauses: ["nurse", "london", "x"], fts5: '"nurse" AND "london" AND "x"', tsquery: "'nurse' & 'london' & 'x'" },
  { input: `nurse" OR "x`, clauses: ["nurse", "or", "x"], fts5: '"nurse" AND "or" AND "x"', tsquery: "'nurse' & 'or' & 'x'" },
  { input: `nurse" OR "x"`, clauses: ["nurse", "or", "x"], fts5: '"nurse" AND "or" AND "x"', tsquery: "'nurse' & 'or' & 'x'", hint: /closing quote/ },
  { input: `"nurse""london"`, clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse\\ \\' \\\\london", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse\u0000london\u0000", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse\u200blondon\ufeff", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "nurse\ud800london", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "NEAR(", clauses: ["near"], fts5: '"near"', tsquery: "'near'" },
  { input: 'title: : ^a * ( ) " -', clauses: ["title", "a"], fts5: '"title" AND "a"', tsquery: "'title' & 'a'", hint: /closing quote/, words: ["title"] },
  { input: "{col1 col2}: nurse", clauses: ["col1", "col2", "nurse"], fts5: '"col1" AND "col2" AND "nurse"', tsquery: "'col1' & 'col2' & 'nurse'" },
  { input: "$$ nurse $$; SELECT 1", clauses: ["nurse", "select", "1"], fts5: '"nurse" AND "select" AND "1"', tsquery: "'nurse' & 'select' & '1'" },

  // ── unicode ──
  { input: "Café Zoë naïve", clauses: ["café", "zoë", "naïve"], fts5: '"café" AND "zoë" AND "naïve"', tsquery: "'café' & 'zoë' & 'naïve'" },
  { input: "Cafe\u0301", clauses: ["café"], fts5: '"café"', tsquery: "'café'" }, // decomposed é → composed
  { input: "İSTANBUL", clauses: ["istanbul"], fts5: '"istanbul"', tsquery: "'istanbul'" },
  { input: "日本語 通訳", clauses: ["日本語", "通訳"], fts5: '"日本語" AND "通訳"', tsquery: "'日本語' & '通訳'" },
  { input: "ممرضة لندن", clauses: ["ممرضة", "لندن"], fts5: '"ممرضة" AND "لندن"', tsquery: "'ممرضة' & 'لندن'" },
  { input: "nurse😀london", clauses: ["nurse", "london"], fts5: '"nurse" AND "london"', tsquery: "'nurse' & 'london'" },
  { input: "ｎｕｒｓｅ", clauses: ["ｎｕｒｓｅ"], fts5: '"ｎｕｒｓｅ"', tsquery: "'ｎｕｒｓｅ'" },
];

describe("parseSearch → toFts5 / toTsquery", () => {
  it.each(CASES)("$input", (c) => {
    const p = parseSearch(c.input);
    expect(show(p.clauses)).toEqual(c.clauses);
    expect(p.usable).toBe(c.usable ?? true);
    if (c.hint) expect(p.hint).toMatch(c.hint);
    else expect(p.hint).toBeNull();
    if (c.words) expect(p.words).toEqual(c.words);
    expect(toFts5(p)).toBe(c.fts5);
    expect(toTsquery(p)).toBe(c.tsquery);
  });
});

describe("parseSearch structure", () => {
  it("returns the documented shape", () => {
    expect(parseSearch('"care assistant" OR carer -agency manag* 24/7')).toEqual({
      clauses: [
        {
          negated: false,
          options: [
            { kind: "phrase", words: ["care", "assistant"] },
            { kind: "term", word: "carer", prefix: false },
          ],
        },
        { negated: true, options: [{ kind: "term", word: "agency", prefix: false }] },
        { negated: false, options: [{ kind: "term", word: "manag", prefix: true }] },
        { negated: false, options: [{ kind: "phrase", words: ["24", "7"], joined: "24/7" }] },
      ],
      hint: null,
      usable: true,
      words: ["care", "assistant", "carer", "manag", "24", "7"],
    });
  });

  it("leaves stop words out of the words to highlight, and repeats none", () => {
    expect(parseSearch('"director of nursing" the nurse OR Nursing').words).toEqual(["director", "nursing", "nurse"]);
  });

  it("joins several notes into one hint", () => {
    const p = parseSearch('OR a* nurse NOT "x');
    expect(p.hint).toBe(
      '"a*" was left out: type at least 2 letters before the *. ' +
        "NOT was searched as an ordinary word: to leave a word out, put a minus in front of it (-agency). " +
        'Added the missing closing quote ("). OR needs a word or phrase on each side, so it was ignored.',
    );
    expect(p.usable).toBe(true);
  });

  it("never throws, whatever it is given", () => {
    for (const bad of [undefined, null, 42, {}, [], Symbol("x")]) {
      const p = parseSearch(bad as unknown as string);
      expect(p).toMatchObject({ clauses: [], usable: false, words: [] });
    }
  });
});

describe("caps", () => {
  it(`cuts the input at ${MAX_INPUT_CHARS} characters`, () => {
    const p = parseSearch("nurse ".repeat(100) + "london");
    expect(show(p.clauses)).toEqual(["nurse"]); // 83 × "nurse ", then "nu" is dropped: the cut fell inside a word
    expect(show(parseSearch("x".repeat(495) + " nurse london").clauses)).toEqual(["x".repeat(495)]);
    expect(show(parseSearch("x".repeat(494) + " nurse london").clauses)).toEqual(["x".repeat(494), "nurse"]);
    expect(p.hint).toBe(`Only the first ${MAX_INPUT_CHARS} characters of your search were used.`);
    expect(parseSearch("x".repeat(MAX_INPUT_CHARS)).hint).toBeNull();
    const long = parseSearch("a".repeat(600));
    expect(long.clauses[0].options[0]).toEqual({ kind: "term", word: "a".repeat(MAX_INPUT_CHARS), prefix: false });
    expect(long.hint).toMatch(/first 500 characters/);
  });

  it("counts characters, not UTF-16 units, and never splits a surrogate pair", () => {
    const p = parseSearch("𝒜".repeat(499) + "𝒜𝒜");
    expect(p.hint).toMatch(/first 500/);
    expect(Array.from((p.clauses[0].options[0] as { word: string }).word)).toHaveLength(500);
    expect(parseSearch("𝒜".repeat(500)).hint).toBeNull();
  });

  it("cuts a huge paste cheaply", () => {
    const started = Date.now();
    const p = parseSearch('"' + "nurse OR -x* ".repeat(200_000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(p.hint).toMatch(/first 500 characters/);
    expect(p.hint).toMatch(/closing quote/);
  });

  it(`keeps at most ${MAX_CLAUSES} clauses and ${MAX_OPTIONS} options per OR`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const many = parseSearch(words.join(" "));
    expect(many.clauses).toHaveLength(MAX_CLAUSES);
    expect(show(many.clauses).at(-1)).toBe("w31");
    expect(many.hint).toBe(`Only the first ${MAX_CLAUSES} words or phrases were used.`);
    const ors = parseSearch(words.join(" OR "));
    expect(ors.clauses).toHaveLength(1);
    expect(ors.clauses[0].options).toHaveLength(MAX_OPTIONS);
    expect(ors.hint).toBe(`Only the first ${MAX_OPTIONS} alternatives of an OR were used.`);
  });
});

describe("quoting", () => {
  it("escapes the quote characters of each syntax", () => {
    expect(fts5Quote('a"b')).toBe('"a""b"');
    expect(fts5Quote('"')).toBe('""""');
    expect(fts5Quote("x\u0000y")).toBe('"xy"');
    expect(tsqueryQuote("o'brien")).toBe("'o''brien'");
    expect(tsqueryQuote("a\\b")).toBe("'a\\\\b'");
    expect(tsqueryQuote("\\'")).toBe("'\\\\'''");
    expect(tsqueryQuote("x\u0000\ud800y")).toBe("'xy'");
  });

  it("renders hand-made, hostile clauses safely", () => {
    const parsed: ParsedSearch = {
      clauses: [
        { negated: false, options: [{ kind: "term", word: 'x" OR "y', prefix: false }] },
        {
          negated: false,
          options: [
            { kind: "term", word: "a' | 'b\\", prefix: true },
            { kind: "term", word: "", prefix: false },
          ],
        },
        { negated: false, options: [{ kind: "phrase", words: ["", "\u0000"] }] },
        { negated: true, options: [{ kind: "phrase", words: ["p'q", 'r"s'], joined: "p'q/r" }] },
        { negated: true, options: [] },
      ],
      hint: null,
      usable: true,
      words: [],
    };
    expect(toFts5(parsed)).toBe('"x"" OR ""y" AND "a\' | \'b\\"* NOT "p\'q r""s"');
    expect(toTsquery(parsed)).toBe("'x\" OR \"y' & 'a'' | ''b\\\\':* & !('p''q' <-> 'r\"s' | 'p''q/r')");
  });

  it("renders a search with no positive clause as match-nothing even if marked usable", () => {
    const parsed: ParsedSearch = { clauses: [{ negated: true, options: [{ kind: "term", word: "x", prefix: false }] }], hint: null, usable: true, words: [] };
    expect(toFts5(parsed)).toBe(FTS5_MATCH_NOTHING);
    expect(toTsquery(parsed)).toBe(TSQUERY_MATCH_NOTHING);
  });
});

// Grammars of what the renderers may produce: quoted strings with nothing unescaped inside, and
// only the operators this module writes. Random hostile inputs must always fit them.
const FTS5_STRING = String.raw`"(?:[^"\u0000]|"")+"\*?`;
const FTS5_GROUP = String.raw`(?:${FTS5_STRING}|\(${FTS5_STRING}(?: OR ${FTS5_STRING})+\))`;
const FTS5_GRAMMAR = new RegExp(String.raw`^(?:""|${FTS5_GROUP}(?: AND ${FTS5_GROUP})*(?: NOT ${FTS5_GROUP})*)$`, "u");
const TS_LEXEME = String.raw`'(?:[^'\\\u0000]|''|\\\\)+'(?::\*)?`;
const TS_TOKEN = String.raw`(?:${TS_LEXEME}|[()!&|]|<->)`;
const TSQUERY_GRAMMAR = new RegExp(String.raw`^(?:${TS_TOKEN}(?: ?${TS_TOKEN})*)?$`, "u");

function randomInputs(count: number, seed = 1): string[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = [
    "nurse",
    "care",
    "OR",
    "AND",
    "NOT",
    "or",
    "-",
    "--",
    "*",
    "**",
    '"',
    "'",
    "''",
    "\\",
    "(",
    ")",
    ":",
    "^",
    "+",
    "!",
    "&",
    "|",
    "<->",
    ";",
    "NEAR(",
    "title:",
    "a",
    "in",
    "the",
    "part-time",
    "24/7",
    "9.50",
    "o'brien",
    "日本",
    "😀",
    "é",
    "e\u0301",
    "\u0000",
    "\ud800",
    " ",
    " ",
    " ",
    "\t",
    "“",
    "”",
    "’",
    ",",
    ".",
    "/",
    "@",
    "_",
    "$$",
    "--",
    "DROP TABLE",
    "x*",
    "ab*",
    '-"',
    '"-',
  ];
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(rand() * 24) }, () => pieces[Math.floor(rand() * pieces.length)]).join(""));
}

describe("random hostile inputs", () => {
  it("always parse into clean words and render within the grammars", () => {
    for (const input of randomInputs(3000)) {
      const p = parseSearch(input);
      expect(p.clauses.length).toBeLessThanOrEqual(MAX_CLAUSES);
      for (const c of p.clauses) {
        expect(c.options.length).toBeGreaterThan(0);
        for (const o of c.options) {
          for (const w of o.kind === "term" ? [o.word] : o.words) expect(w).toMatch(/^(?=.*[\p{L}\p{N}])[\p{L}\p{N}\p{M}]+$/u);
          if (o.kind === "phrase") expect(o.words.length).toBeGreaterThan(1);
        }
      }
      if (p.usable) expect(p.clauses.some((c) => !c.negated)).toBe(true);
      expect(toFts5(p)).toMatch(FTS5_GRAMMAR);
      expect(toTsquery(p)).toMatch(TSQUERY_GRAMMAR);
      // Forced: what the renderers make of clauses even when the search is not usable.
      expect(toFts5({ ...p, usable: true })).toMatch(FTS5_GRAMMAR);
      expect(toTsquery({ ...p, usable: true })).toMatch(TSQUERY_GRAMMAR);
    }
  });
});
