-- Hand-written: candidates a bulk import creates ("importId" set) are indexed by the import itself,
-- one statement per batch in the batch's transaction (lib/import/candidate-import.ts), as imported
-- ads are: FTS5 indexes a batch in one statement about four times faster than row by row through
-- this trigger. Candidates made any other way are indexed by the trigger, as before.
DROP TRIGGER IF EXISTS "candidate_fts_insert";

CREATE TRIGGER "candidate_fts_insert" AFTER INSERT ON "Candidate" WHEN new."importId" IS NULL BEGIN
    INSERT INTO "candidate_fts"(rowid, "name", "currentTitle", "cvText", "skills") VALUES (new."id", new."name", new."currentTitle", new."cvText", new."skills");
END;
