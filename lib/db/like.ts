// LIKE patterns from user text: `%`, `_` and the escape character itself match literally. Use with
// `LIKE <pattern> ESCAPE '\'` (SQLite has no default escape character; PostgreSQL's is `\`, but
// saying it keeps both alike). Pure.

export const LIKE_ESCAPE = "\\";

/** Values that start with `text`, literally. */
export function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c) + "%";
}
