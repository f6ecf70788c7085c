// The search box translation (lib/ads/search-query.ts) against the real full-text indexes: every
// translated query executes on the dialect, and the meaningful ones find the expected ads.
// Where the two databases differ, the difference comes from their indexes and is pinned here
// (`pg`): PostgreSQL keeps accents and drops English stop words. (Slashes split words on both:
// the search document replaces them with spaces, as SQLite's tokenizer does.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { atLeast } from "@/lib/matching/matches";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch, toFts5, toTsquery, type ParsedSearch } from "@/lib/search/query";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

const ADS = {
  staffNurse: { title: "Staff Nurse", description: "Registered nurse for a busy ward in London. Part-time hours available.", company: "Royal London Hospital" },
  careAssistant: { title: "Care Assistant", description: "Care assistant needed for a residential home in Leeds. 24/7 support rota.", company: "Sunrise Care" },
  liveInCarer: { title: "Live-in Carer", description: "Carer for an elderly gentleman in London. Agency staff welcome.", company: "Helping Hands Agency" },
  nightNurses: { title: "Nurses needed", description: "We are recruiting nurses for night shifts in Manchester. Part time or full time.", company: null },
  directorOfNursing: { title: "Director of Nursing", description: "Lead the nursing team across three sites.", company: "NHS Trust North" },
  managerAssistant: { title: "Assistant to the care manager", description: "Office role supporting the manager of a care home in Bristol.", company: "Care UK" },
  cafe: { title: "Café Manager", description: "Run a busy café in Brighton. Naïve about coffee? We will train you.", company: "Bean & Co" },
  engineer: { title: "Software Engineer (C++)", description: "Develop trading systems in C++ and Python. Email jobs@example.com.", company: "Quant Ltd" },
  nurseCarer: { title: "Nurse/Carer", description: "Nurse/carer wanted for domiciliary visits, £9.50 per hour.", company: "Homecare Plus" },
  md: { title: "Managing Director", description: "Manage the management team of a logistics firm.", company: "Haulage Group" },
  itSupport: { title: "IT Support Analyst", description: "First-line IT support for 300 users.", company: "Tech Services" },
  interpreter: { title: "Interpreter", description: "Japanese interpreter: 日本語 通訳. Based in Zürich. Crème brûlée lover? 😀", company: "Zoë Ltd" },
} as const;
type Key = keyof typeof ADS;

const NURSE: Key[] = ["staffNurse", "nightNurses", "directorOfNursing", "nurseCarer"];

type Probe = {
  q: string;
  /** Expected ads (both dialects unless `pg` is given); omitted = only "executes". */
  ids?: Key[];
  /** Expected ads on PostgreSQL, where its index differs. */
  pg?: Key[];
  /** Defaults to true. Unusable searches render as match-nothing, which must execute and find nothing. */
  usable?: boolean;
};

const PROBES: Probe[] = [
  // stemming
  { q: "nurse", ids: NURSE },
  { q: "nurses", ids: NURSE },
  { q: "NURSING", ids: NURSE },
  // words vs phrases
  { q: "Nurse London", ids: ["staffNurse"] },
  { q: "care assistant", ids: ["careAssistant", "managerAssistant"] },
  { q: '"care assistant"', ids: ["careAssistant"] },
  { q: "“care assistant”", ids: ["careAssistant"] },
  { q: "care-assistant", ids: ["careAssistant"] },
  { q: '"care assistant', ids: ["careAssistant"] },
  { q: "director of nursing", ids: ["directorOfNursing"] },
  { q: '"director of nursing"', ids: ["directorOfNursing"] },
  { q: '"director nursing"', ids: [] }, // the stop word still holds its place in PostgreSQL
  { q: '"helping hands"', ids: ["liveInCarer"] }, // company name
  // OR
  { q: "nurse OR carer", ids: ["staffNurse", "liveInCarer", "nightNurses", "directorOfNursing", "nurseCarer"] },
  { q: '"care assistant" OR carer', ids: ["careAssistant", "liveInCarer", "nurseCarer"] },
  { q: "engineer OR analyst OR interpreter", ids: ["engineer", "itSupport", "interpreter"] },
  { q: "(nurse OR carer) london", ids: ["staffNurse", "liveInCarer"] },
  // exclusions
  { q: "nurse -london", ids: ["nightNurses", "directorOfNursing", "nurseCarer"] },
  { q: 'nurse -"part time"', ids: ["directorOfNursing", "nurseCarer"] },
  { q: "nurse -part-time", ids: ["directorOfNursing", "nurseCarer"] },
  { q: "Nurse/Carer -agency", ids: ["nurseCarer"] },
  { q: "python -java", ids: ["engineer"] },
  { q: "-nurse nurse", ids: [] },
  // prefixes
  { q: "nurs*", ids: NURSE }, // PostgreSQL: 'nurs':* also matches the lexeme 'nurse/carer'
  { q: "nursing* OR carer*", ids: ["staffNurse", "liveInCarer", "nightNurses", "directorOfNursing", "nurseCarer"] },
  { q: "manag*", ids: ["managerAssistant", "cafe", "md"] },
  { q: "man*", ids: ["nightNurses", "managerAssistant", "cafe", "md"] },
  { q: "manag* -director", ids: ["managerAssistant", "cafe"] },
  // hyphens, joined words, symbols
  { q: "part-time", ids: ["staffNurse", "nightNurses"] },
  { q: "first-line", ids: ["itSupport"] },
  { q: "24/7", ids: ["careAssistant"] },
  { q: "nurse/carer", ids: ["nurseCarer"] },
  { q: "£9.50", ids: ["nurseCarer"] },
  { q: "jobs@example.com", ids: ["engineer"] },
  { q: "C++", ids: ["engineer"] },
  { q: "Bean & Co", ids: ["cafe"] },
  { q: "300 users", ids: ["itSupport"] },
  // accents and other scripts
  { q: "café", ids: ["cafe"] },
  { q: "CAFÉ", ids: ["cafe"] },
  { q: "cafe\u0301", ids: ["cafe"] },
  { q: "cafe", ids: ["cafe"], pg: [] }, // FTS5 removes diacritics; PostgreSQL's english config keeps them
  { q: "naïve", ids: ["cafe"] },
  { q: "Zürich", ids: ["interpreter"] },
  { q: "zurich", ids: ["interpreter"], pg: [] },
  { q: '"crème brûlée"', ids: ["interpreter"] },
  { q: "zoë", ids: ["interpreter"] },
  { q: "日本語", ids: ["interpreter"] },
  { q: "nurse 😀", ids: NURSE },
  // stop words and literal operators
  { q: "IT support", ids: ["itSupport"], pg: ["careAssistant", "managerAssistant", "itSupport"] }, // PostgreSQL ignores "it"
  { q: "nurse AND london", ids: ["staffNurse"] },
  { q: "nurse AND NOT london", ids: [], pg: ["staffNurse"] }, // "not" is a word; PostgreSQL ignores it
  { q: '"nurse" NOT "london"', ids: [], pg: ["staffNurse"] },
  { q: "nurse or carer", ids: [], pg: ["nurseCarer"] }, // lower-case "or" is a word; PostgreSQL drops it as a stop word
  { q: "the", usable: false },
  { q: "IT", usable: false },
  { q: "the OF and", usable: false },
  { q: '"to be" OR not', usable: false },
  { q: "AND NOT", usable: false },
  // corrections
  { q: "OR nurse", ids: NURSE },
  { q: "nurse OR", ids: NURSE },
  { q: "a* nurse", ids: NURSE },
  { q: "in* nurse", ids: NURSE },
  { q: "nurse --london", ids: ["nightNurses", "directorOfNursing", "nurseCarer"] },
  { q: "-agency", usable: false },
  { q: "-nurse -carer", usable: false },
  { q: "OR", usable: false },
  { q: "a*", usable: false },
  { q: "*", usable: false },
  { q: "(", usable: false },
  { q: ")", usable: false },
  { q: '"', usable: false },
  { q: '""', usable: false },
  { q: "-", usable: false },
  { q: "😀🎉", usable: false },
  { q: "", usable: false },
  // hostile: query syntax of either database, SQL
  { q: "title:nurse", ids: [] },
  { q: "title : nurse", ids: [] },
  { q: "^nurse", ids: NURSE },
  { q: "+nurse", ids: NURSE },
  { q: "nurse:*", ids: NURSE },
  { q: "NEAR(", ids: [] },
  { q: "NEAR(nurse london, 2)", ids: [] },
  { q: "nurse & !london", ids: ["staffNurse"] },
  { q: "'nurse':* | 'carer' <-> x", ids: [] },
  { q: "nurse <-> london", ids: ["staffNurse"] },
  { q: `'; DROP TABLE "Ad"; --`, ids: [] },
  { q: `" OR 1=1 --`, ids: [] },
  { q: `nurse' OR '1'='1`, ids: [] },
  { q: `x'); DELETE FROM "Ad" WHERE ('1'='1`, ids: [] },
  { q: `$$; SELECT pg_sleep(5); $$`, ids: [] },
  { q: "nurse\\", ids: NURSE },
  { q: "\\' \\\" ''", usable: false },
  { q: "nurse\u0000london", ids: ["staffNurse"] },
  { q: "nurse\tlondon\n", ids: ["staffNurse"] },
  { q: "nurse\ud800", ids: NURSE },
  { q: "ｎｕｒｓｅ" },
  { q: "ممرضة", ids: [] },
  // long
  { q: "nurse ".repeat(120), ids: NURSE },
  { q: "nurse OR ".repeat(80), ids: NURSE },
  { q: "a".repeat(600), ids: [] },
  { q: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" "), ids: [] },
  { q: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" OR "), ids: [] },
  { q: '"' + "care assistant ".repeat(40), ids: [] },
  { q: "-x ".repeat(200) + "nurse", usable: false }, // the word to search for is past the 500th character
];

/** Deterministic junk built from syntax characters, for the "always executes" sweep. */
function junk(count: number): string[] {
  let s = 7;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const bits = [
    "nurse",
    "care",
    " OR ",
    " AND ",
    " -",
    "OR",
    "AND",
    "NOT",
    "-",
    "*",
    '"',
    "'",
    "\\",
    "(",
    ")",
    ":",
    "^",
    "!",
    "&",
    "|",
    "<->",
    ":*",
    "NEAR(",
    "col:",
    "the",
    "a",
    "24/7",
    "9.50",
    "part-time",
    "é",
    "😀",
    "\u0000",
    " ",
    " ",
    " ",
    " ",
    ";",
    "$$",
    "--",
  ];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rand() * 16) }, () => bits[Math.floor(rand() * bits.length)]).join(""));
}

describe.each(testDialects())("search box queries on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  const idOf = new Map<Key, number>();
  const keyOf = new Map<number, Key>();

  beforeAll(async () => {
    tdb = await createTestDatabase(`search_query_${dialect}`, dialect);
    db = createDb(tdb.url);
    let externalId = 1000;
    for (const [key, ad] of Object.entries(ADS) as [Key, (typeof ADS)[Key]][]) {
      const company = ad.company ? await db.company.create({ data: { name: ad.company, nameKey: ad.company.toLowerCase() } }) : null;
      const row = await db.ad.create({ data: { externalId: externalId++, title: ad.title, text: { create: { description: ad.description } }, companyId: company?.id ?? null } });
      idOf.set(key, row.id);
      keyOf.set(row.id, key);
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  /** Runs a rendered query the way the app does and returns the matching ads. */
  async function run(parsed: ParsedSearch): Promise<Key[]> {
    const rows =
      dialect === "sqlite"
        ? await db.$queryRaw<{ id: number | bigint }[]>`SELECT rowid AS id FROM ad_fts WHERE ad_fts MATCH ${toFts5(parsed)} ORDER BY rowid`
        : await db.$queryRaw<{ id: number }[]>`SELECT ad_id AS id FROM ad_search WHERE document @@ to_tsquery('english', ${toTsquery(parsed)}) ORDER BY ad_id`;
    return rows.map((r) => keyOf.get(Number(r.id))!);
  }
  const sorted = (keys: Key[]) => [...keys].sort((a, b) => idOf.get(a)! - idOf.get(b)!);

  it.each(PROBES)("$q", async (p) => {
    const parsed = parseSearch(p.q);
    expect(parsed.usable).toBe(p.usable ?? true);
    const found = await run(parsed);
    if (parsed.usable === false) expect(found).toEqual([]);
    const want = dialect === "postgres" && p.pg ? p.pg : p.ids;
    if (want) expect(found).toEqual(sorted(want));
    // Even when not usable, the clauses themselves render to something that executes.
    await run({ ...parsed, usable: true });
  });

  it("executes whatever junk is typed", async () => {
    for (const q of junk(500)) {
      const parsed = parseSearch(q);
      await expect(run(parsed), q).resolves.toBeInstanceOf(Array);
      await expect(run({ ...parsed, usable: true }), q).resolves.toBeInstanceOf(Array);
    }
  });

  it("ranked retrieval (matching): the same ads whether ranked by the search, by its words or from a pool", async () => {
    // At least two of these words: the staff nurse (nurse, ward, london), the night nurses (nurse, night), the live-in carer (carer, london)…
    const parsed = atLeast(2, ["nurse", "ward", "london", "night", "carer"]);
    const want = await run(parsed);
    expect(want).toEqual(sorted(["staffNurse", "liveInCarer", "nightNurses", "nurseCarer"]));
    const best = { limit: 10, pick: "best", ranked: true } as const;
    for (const o of [best, { ...best, rankByWords: true }, { ...best, rankByWords: true, prefilter: 3 }]) {
      const ids = (await findMatches(db, "ads", parsed, o)).map((id) => keyOf.get(id)!);
      // The pool (PostgreSQL) keeps the 3 holding the most of the words (the staff nurse holds three,
      // the others two); SQLite ignores it.
      if ("prefilter" in o && dialect === "postgres") {
        expect(ids).toHaveLength(3);
        expect(ids).toContain("staffNurse");
      } else expect(sorted(ids), JSON.stringify(o)).toEqual(want);
    }
  });

  it("left the ads table alone after the SQL-looking searches", async () => {
    expect(await db.ad.count()).toBe(Object.keys(ADS).length);
  });

  it("pins down stop words", async () => {
    const forced = (q: string) => ({ ...parseSearch(q), usable: true });
    if (dialect === "postgres") {
      const tsq = async (q: string) =>
        (
          await db.$queryRaw<
            { q: string; n: number }[]
          >`SELECT to_tsquery('english', ${toTsquery(forced(q))})::text AS q, numnode(to_tsquery('english', ${toTsquery(forced(q))})) AS n`
        )[0];
      // Only stop words: an empty query (PostgreSQL sends a NOTICE), which matches nothing.
      expect(await tsq("the")).toEqual({ q: "", n: 0 });
      expect(await tsq('"to be" OR the')).toEqual({ q: "", n: 0 });
      expect(await run(forced("the"))).toEqual([]);
      // Mixed: the stop words drop out; inside a phrase they keep their place.
      expect((await tsq("the nurses")).q).toBe("'nurs'");
      expect((await tsq('"director of nursing"')).q).toBe("'director' <2> 'nurs'");
      expect((await tsq("nurse -the")).q).toBe("'nurs'");
      expect((await tsq("the OR nurse")).q).toBe("'nurs'");
      // A prefix on a stop word would vanish the same way, which is why parseSearch drops those.
      expect(await db.$queryRaw<{ q: string }[]>`SELECT to_tsquery('english', ${"'in':*"})::text AS q`).toEqual([{ q: "" }]);
      // The match-nothing rendering executes and is empty too.
      expect(await db.$queryRaw<{ q: string }[]>`SELECT to_tsquery('english', ${toTsquery(parseSearch("-x"))})::text AS q`).toEqual([{ q: "" }]);
    } else {
      // FTS5 has no stop words: forced through, "the" finds the ads that contain it.
      expect(await run(forced("the"))).toEqual(sorted(["directorOfNursing", "managerAssistant", "md"]));
      expect(await run(forced('"director nursing"'))).toEqual([]);
    }
  });
});
