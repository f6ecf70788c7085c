// Search snippets for one page of SQLite results, made in a private in-memory FTS5 table.
//
// snippet() on the real index is exact but has to run the full-text query to get there: with
// `rowid IN (page ids)` SQLite still walks every match, and a broad prefix query ("develop*"
// expands to every word starting so) took ~150 ms for 25 rows at 250,000 ads, blocking the
// process. Here the page's 25–100 texts go into an empty FTS5 table with the same tokenizer and
// columns, and the same MATCH expression picks the same fragments (snippet() looks only at the
// row's own text). Every step is synchronous, so requests in this process cannot interleave.
import Database from "better-sqlite3";

/** As in the "ad_fts" and "candidate_fts" migrations. */
export const FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2";

/** One indexed document: its id and its columns' text, in the index's column order. */
export type IndexedText = { id: number; columns: (string | null)[] };
export type SnippetShape = { columns: readonly string[]; column: number; tokens: number };

type Scratch = { insert: Database.Statement; select: Database.Statement; clear: Database.Statement; db: Database.Database };
const globalForScratch = globalThis as unknown as { __rdSnippetScratch?: Map<string, Scratch> };

function scratch(shape: SnippetShape): Scratch {
  const all = (globalForScratch.__rdSnippetScratch ??= new Map());
  const key = `${shape.columns.join(",")}:${shape.column}:${shape.tokens}`;
  const found = all.get(key);
  if (found) return found;
  const db = new Database(":memory:");
  const cols = shape.columns.map((c) => `"${c}"`).join(", ");
  db.exec(`CREATE VIRTUAL TABLE page USING fts5(${cols}, tokenize='${FTS5_TOKENIZER}')`);
  const made: Scratch = {
    db,
    insert: db.prepare(`INSERT INTO page(rowid, ${cols}) VALUES (?, ${shape.columns.map(() => "?").join(", ")})`),
    select: db.prepare(`SELECT rowid AS id, snippet(page, ${shape.column}, char(1), char(2), '…', ${shape.tokens}) AS s FROM page WHERE page MATCH ?`),
    clear: db.prepare("DELETE FROM page"),
  };
  all.set(key, made);
  return made;
}

/** Snippets of `texts` for the FTS5 expression `match`, by id (documents it does not match: none). */
export function snippetsOf(shape: SnippetShape, texts: readonly IndexedText[], match: string): Map<number, string> {
  const s = scratch(shape);
  s.clear.run();
  try {
    s.db.transaction(() => {
      for (const t of texts) s.insert.run(t.id, ...t.columns);
    })();
    return new Map((s.select.all(match) as { id: number; s: string }[]).map((r) => [Number(r.id), r.s]));
  } finally {
    s.clear.run();
  }
}
