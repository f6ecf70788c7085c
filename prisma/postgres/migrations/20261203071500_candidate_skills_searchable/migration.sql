-- Hand-written: a candidate's skills are searchable (the candidates table's search and matching's
-- retrieval), weighted like the current title (B).
CREATE OR REPLACE FUNCTION candidate_search_document(name text, title text, cv text, skills text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', translate(coalesce(name, ''), '/<>', '   ')), 'A')
        || setweight(to_tsvector('english', translate(coalesce(title, '') || ' ' || coalesce(skills, ''), '/<>', '   ')), 'B')
        || setweight(to_tsvector('english', translate(coalesce(cv, ''), '/<>', '   ')), 'C')
$$;

CREATE OR REPLACE FUNCTION candidate_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "candidate_search"("candidate_id", "document")
    VALUES (NEW."id", candidate_search_document(NEW."name", NEW."currentTitle", NEW."cvText", NEW."skills"))
    ON CONFLICT ("candidate_id") DO UPDATE SET "document" = EXCLUDED."document";
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS "candidate_search_candidate" ON "Candidate";
CREATE TRIGGER "candidate_search_candidate" AFTER INSERT OR UPDATE OF "name", "currentTitle", "cvText", "skills" ON "Candidate"
    FOR EACH ROW EXECUTE FUNCTION candidate_search_refresh();

UPDATE "candidate_search" s SET "document" = candidate_search_document(c."name", c."currentTitle", c."cvText", c."skills")
FROM "Candidate" c WHERE s."candidate_id" = c."id" AND coalesce(c."skills", '') <> '';
