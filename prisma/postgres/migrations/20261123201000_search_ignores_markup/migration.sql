-- Hand-written. The full-text parser reads "<…>" as HTML tags and leaves out the words in them, so
-- an ad or a CV holding markup ("<b>Nurse</b>", "<script>…</script>Nurse") lost words from search.
-- Angle brackets now separate words, as slashes already do (and as SQLite's tokenizer does), and
-- every document is rebuilt.
CREATE OR REPLACE FUNCTION ad_search_document(title text, company text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', translate(coalesce(title, ''), '/<>', '   ')), 'A')
        || setweight(to_tsvector('english', translate(coalesce(company, ''), '/<>', '   ')), 'B')
        || setweight(to_tsvector('english', translate(coalesce(description, ''), '/<>', '   ')), 'C')
$$;

CREATE OR REPLACE FUNCTION candidate_search_document(name text, title text, cv text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', translate(coalesce(name, ''), '/<>', '   ')), 'A')
        || setweight(to_tsvector('english', translate(coalesce(title, ''), '/<>', '   ')), 'B')
        || setweight(to_tsvector('english', translate(coalesce(cv, ''), '/<>', '   ')), 'C')
$$;

UPDATE "ad_search" s SET "document" = ad_search_document(a."title", c."name", t."description")
FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
WHERE s."ad_id" = a."id";

UPDATE "candidate_search" s SET "document" = candidate_search_document(c."name", c."currentTitle", c."cvText")
FROM "Candidate" c WHERE s."candidate_id" = c."id";
