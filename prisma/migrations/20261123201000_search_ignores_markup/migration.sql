-- Hand-written. On PostgreSQL, text that looks like HTML ("<script>…</script>Nurse") was read by
-- the full-text parser as tags, and the words inside or after them were not indexed. SQLite's
-- FTS5 tokenizer already treats < and > as separators: nothing to change here.
SELECT 1;
