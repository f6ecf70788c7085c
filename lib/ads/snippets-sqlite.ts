// Search snippets for one page of SQLite results, made in a private in-memory FTS5 table.
//
// snippet() on the real index is exact but has to run the full-text query to get there: with
// `rowid IN (page ids)` SQLite still walks every match, and a broad prefix query ("develop*"
// expands to every word starting so) took ~150 ms for 25 rows at 250,000 ads, blocking the
// process. Here the page's 25–100 texts go into an empty FTS5 table with the same tokenizer, and
// the same MATCH expression picks the same fragments (snippet() looks only at the row's own text).
// Every step is synchronous, so requests in this process cannot interleave between them.
import Database from "better-sqlite3";

/** As in the "ad_fts" migration (prisma/migrations/*_imports_and_search). */
export const AD_FTS_TOKENIZER = "porter unicode61 remove_diacritics 2";

export type SearchText = { id: number; title: string; description: string; company: string | null };

type Scratch = { insert: Database.Statement; select: Database.Statement; clear: Database.Statement; db: Database.Database };
const globalForScratch = globalThis as unknown as { __rdSnippetScratch?: Scratch };

function scratch(): Scratch {
  if (globalForScratch.__rdSnippetScratch) return globalForScratch.__rdSnippetScratch;
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE page USING fts5(title, description, company, tokenize='${AD_FTS_TOKENIZER}')`);
  return (globalForScratch.__rdSnippetScratch = {
    db,
    insert: db.prepare("INSERT INTO page(rowid, title, description, company) VALUES (?, ?, ?, ?)"),
    select: db.prepare(`SELECT rowid AS id, snippet(page, 1, char(1), char(2), '…', 18) AS s FROM page WHERE page MATCH ?`),
    clear: db.prepare("DELETE FROM page"),
  });
}

/** Snippets of `texts` for the FTS5 expression `match`, by ad id (ads it does not match: none). */
export function snippetsOf(texts: readonly SearchText[], match: string): Map<number, string> {
  const s = scratch();
  s.clear.run();
  try {
    s.db.transaction(() => {
      for (const t of texts) s.insert.run(t.id, t.title, t.description, t.company);
    })();
    return new Map((s.select.all(match) as { id: number; s: string }[]).map((r) => [Number(r.id), r.s]));
  } finally {
    s.clear.run();
  }
}
