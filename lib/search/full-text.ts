// The full-text index, one interface over SQLite FTS5 and PostgreSQL tsvector, for every kind of
// document that has one (ads, candidates). It answers three questions:
//   - which documents match a query, at most `limit` of them: the newest (highest ids) or the best
//     ranked, and in rank order when asked;
//   - a snippet of each matching document's long text, with the matched words marked by
//     \u0001…\u0002 (never HTML: pages render <mark>s);
//   - how the index is kept in step: triggers written in the migrations follow every change made
//     through Prisma; bulk imports index a batch with one statement (indexNewAds).
// Ranked retrieval for duplicate detection and matching builds on the same functions.
import { dialectOfDb, type Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { inIds, jsonArray, query, Sql } from "@/lib/db/sql";
import { snippetsOf, type IndexedText, type SnippetShape } from "./fts5-snippets";
import { toFts5, toTsquery, tsqueryQuote, type ParsedSearch } from "./query";

export type DocumentKind = "ads" | "candidates";

type Index = {
  /** Keep a snippet only where it marks a matched word (a match in a short field alone: none). */
  onlyMarked: boolean;
  fts5: { table: string; weights: readonly number[]; snippet: SnippetShape; texts: (dialect: Dialect, ids: number[]) => Sql };
  tsvector: { table: string; id: string; headline: { from: string; id: string; text: string; words: [number, number]; fragments: number } };
};

// Weights: title / name count most, then company (ads) or current title (candidates), then the text.
const INDEXES: Record<DocumentKind, Index> = {
  ads: {
    onlyMarked: false,
    fts5: {
      table: "ad_fts",
      weights: [10, 1, 5],
      snippet: { columns: ["title", "description", "company"], column: 1, tokens: 18 },
      texts: (d, ids) => Sql.of(`SELECT s."id" AS id, s."title" AS c0, s."description" AS c1, s."company" AS c2 FROM "ad_search_source" s WHERE `).append(inIds(d, `s."id"`, ids)),
    },
    tsvector: { table: "ad_search", id: "ad_id", headline: { from: `"AdText" t`, id: `t."adId"`, text: `t."description"`, words: [10, 24], fragments: 2 } },
  },
  candidates: {
    onlyMarked: true,
    fts5: {
      table: "candidate_fts",
      // name, current title, CV, skills (the skills column came last, in its own migration)
      weights: [10, 4, 1, 4],
      snippet: { columns: ["name", "currentTitle", "cvText"], column: 2, tokens: 14 },
      texts: (d, ids) => Sql.of(`SELECT c."id" AS id, c."name" AS c0, c."currentTitle" AS c1, c."cvText" AS c2 FROM "Candidate" c WHERE `).append(inIds(d, `c."id"`, ids)),
    },
    tsvector: { table: "candidate_search", id: "candidate_id", headline: { from: `"Candidate" t`, id: `t."id"`, text: `coalesce(t."cvText", '')`, words: [8, 20], fragments: 1 } },
  },
};

export type MatchOptions = {
  /** How many ids at most. */
  limit: number;
  /** Which `limit` matches: the newest (highest ids), or the best ranked. */
  pick: "newest" | "best";
  /** The ids in rank order (best first); otherwise newest first. */
  ranked: boolean;
  /**
   * PostgreSQL, best-ranked only: rank just the `prefilter` documents holding the most of the search's
   * words (counted from the index, one word at a time, without reading a document's vector), not
   * every match: ts_rank_cd reads the vector of each document it ranks, so a query matching tens of
   * thousands of ads costs that many reads. For long OR-queries of rare words (matching); SQLite's
   * bm25 ranks from the index and ignores it.
   */
  prefilter?: number;
  /**
   * PostgreSQL: rank by any of the search's words rather than by the search itself. ts_rank_cd
   * looks for the shortest stretches of a document that satisfy its query, so a long query of AND-ed
   * OR-groups ("at least three of these six words") is evaluated again and again on every document
   * ranked: 4–6× slower than ranking by the same words OR-ed. The documents matched are the same.
   */
  rankByWords?: boolean;
};

/**
 * One statement whose single row holds the matching ids as a JSON array (`ids`): one value to
 * fetch and to cache, however many ids.
 */
export function matchStatement(kind: DocumentKind, dialect: Dialect, parsed: ParsedSearch, o: MatchOptions): Sql {
  const { fts5, tsvector } = INDEXES[kind];
  const scored = o.ranked || o.pick === "best"; // the newest, unranked, need no score (cheaper)
  const limit = Math.trunc(o.limit);
  if (dialect === "sqlite") {
    // bm25: lower is better.
    const score = `bm25("${fts5.table}", ${fts5.weights.map((w) => w.toFixed(1)).join(", ")})`;
    const match = `FROM "${fts5.table}" WHERE "${fts5.table}" MATCH ?`;
    if (!scored) return Sql.of(`SELECT ${jsonArray(dialect, "id", "id DESC")} AS ids FROM (SELECT rowid AS id ${match} ORDER BY rowid DESC LIMIT ${limit})`, toFts5(parsed));
    const window = `SELECT rowid AS id, ${score} AS score ${match} ORDER BY ${o.pick === "newest" ? "rowid DESC" : `${score} ASC, rowid DESC`} LIMIT ${limit}`;
    const order = o.ranked ? "score ASC, id DESC" : "id DESC";
    return Sql.of(`SELECT ${jsonArray(dialect, "id", order)} AS ids FROM (SELECT id FROM (${window}) ORDER BY ${order})`, toFts5(parsed));
  }
  const q = toTsquery(parsed);
  const words = [...new Set(parsed.words)].filter(Boolean);
  const rankBy = o.rankByWords && words.length ? words.map(tsqueryQuote).join(" | ") : q;
  if (o.prefilter && o.pick === "best" && o.ranked && words.length > 1) {
    const t = `"${tsvector.table}"`;
    const id = `"${tsvector.id}"`;
    const perWord = Sql.join(
      words.map((w) => Sql.of(`SELECT ${id} AS id FROM ${t} WHERE "document" @@ to_tsquery('english', ?)`, tsqueryQuote(w))),
      " UNION ALL ",
    );
    return Sql.of(`WITH pool AS (SELECT id FROM (`)
      .append(perWord)
      .append(
        Sql.of(
          `) x GROUP BY id ORDER BY count(*) DESC, id DESC LIMIT ${Math.trunc(o.prefilter)})
           SELECT ${jsonArray(dialect, "id", "score DESC, id DESC")} AS ids FROM (
             SELECT s.${id} AS id, ts_rank_cd(s."document", to_tsquery('english', ?)) AS score FROM ${t} s JOIN pool p ON p.id = s.${id}
             WHERE s."document" @@ to_tsquery('english', ?) ORDER BY score DESC, id DESC LIMIT ${limit}) w`,
          rankBy,
          q,
        ),
      );
  }
  const match = `FROM "${tsvector.table}" WHERE "document" @@ to_tsquery('english', ?)`;
  if (!scored)
    return Sql.of(`SELECT ${jsonArray(dialect, "id", "id DESC")} AS ids FROM (SELECT "${tsvector.id}" AS id ${match} ORDER BY "${tsvector.id}" DESC LIMIT ${limit}) w`, q);
  const window = `SELECT "${tsvector.id}" AS id, ts_rank_cd("document", to_tsquery('english', ?)) AS score ${match} ORDER BY ${o.pick === "newest" ? `"${tsvector.id}" DESC` : `score DESC, "${tsvector.id}" DESC`} LIMIT ${limit}`;
  return Sql.of(`SELECT ${jsonArray(dialect, "id", o.ranked ? "score DESC, id DESC" : "id DESC")} AS ids FROM (${window}) w`, rankBy, q);
}

/** Runs a match statement: the ids, in its order. */
export async function matchIds(db: Db, statement: Sql): Promise<number[]> {
  const [row] = await query<{ ids: string | null }>(db, statement);
  return row?.ids ? (JSON.parse(row.ids) as number[]) : [];
}

/** The matching ids of `kind` for a parsed search (no caching: see lib/db/cache.ts for that). */
export function findMatches(db: Db, kind: DocumentKind, parsed: ParsedSearch, o: MatchOptions): Promise<number[]> {
  return matchIds(db, matchStatement(kind, dialectOfDb(db), parsed, o));
}

/** Snippets of the long text (ad description, CV) of `ids` for a search, by id. */
export async function snippets(db: Db, kind: DocumentKind, parsed: ParsedSearch, ids: number[]): Promise<Map<number, string>> {
  if (!parsed.usable || !ids.length) return new Map();
  const dialect = dialectOfDb(db);
  const index = INDEXES[kind];
  let found: Map<number, string>;
  if (dialect === "sqlite") {
    const rows = await query<{ id: number | bigint; c0: string | null; c1: string | null; c2: string | null }>(db, index.fts5.texts(dialect, ids));
    const texts: IndexedText[] = rows.map((r) => ({ id: Number(r.id), columns: [r.c0, r.c1, r.c2] }));
    found = snippetsOf(index.fts5.snippet, texts, toFts5(parsed));
  } else {
    const h = index.tsvector.headline;
    const options = `'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=${h.words[1]}, MinWords=${h.words[0]}, ShortWord=2, FragmentDelimiter=…, MaxFragments=${h.fragments}'`;
    const rows = await query<{ id: number; s: string }>(
      db,
      Sql.of(`SELECT ${h.id} AS id, ts_headline('english', ${h.text}, to_tsquery('english', ?), ${options}) AS s FROM ${h.from} WHERE `, toTsquery(parsed)).append(
        inIds(dialect, h.id, ids),
      ),
    );
    found = new Map(rows.map((r) => [Number(r.id), r.s]));
  }
  if (index.onlyMarked) for (const [id, s] of found) if (!s?.includes("\u0001")) found.delete(id);
  return found;
}

/**
 * SQLite: indexes the ads a bulk import inserted (ids from `?`, of import `?`) in one statement, in
 * the import's own transaction. The insert trigger skips imported rows: one statement per batch
 * is much faster than a row trigger. PostgreSQL's trigger on "Ad" keeps "ad_search" in step itself.
 */
export const FTS5_INDEX_NEW_ADS = `INSERT INTO "ad_fts" (rowid, title, description, company)
  SELECT a."id", a."title", t."description", c."name" FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
  WHERE a."id" >= ? AND a."importId" = ?`;
