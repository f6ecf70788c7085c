-- Hand-written: a candidate's skills are searchable (the candidates table's search and matching's
-- retrieval), as a fourth column of the full-text index, weighted like the current title
-- (lib/search/full-text.ts). The table is made again and rebuilt from "Candidate".
DROP TRIGGER IF EXISTS "candidate_fts_insert";
DROP TRIGGER IF EXISTS "candidate_fts_delete";
DROP TRIGGER IF EXISTS "candidate_fts_update";
DROP TABLE IF EXISTS "candidate_fts";

CREATE VIRTUAL TABLE "candidate_fts" USING fts5(
    "name", "currentTitle", "cvText", "skills",
    content='Candidate', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO "candidate_fts"("candidate_fts") VALUES ('rebuild');

CREATE TRIGGER "candidate_fts_insert" AFTER INSERT ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"(rowid, "name", "currentTitle", "cvText", "skills") VALUES (new."id", new."name", new."currentTitle", new."cvText", new."skills");
END;

CREATE TRIGGER "candidate_fts_delete" AFTER DELETE ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"("candidate_fts", rowid, "name", "currentTitle", "cvText", "skills") VALUES ('delete', old."id", old."name", old."currentTitle", old."cvText", old."skills");
END;

CREATE TRIGGER "candidate_fts_update" AFTER UPDATE OF "name", "currentTitle", "cvText", "skills" ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"("candidate_fts", rowid, "name", "currentTitle", "cvText", "skills") VALUES ('delete', old."id", old."name", old."currentTitle", old."cvText", old."skills");
    INSERT INTO "candidate_fts"(rowid, "name", "currentTitle", "cvText", "skills") VALUES (new."id", new."name", new."currentTitle", new."cvText", new."skills");
END;
