-- Hand-written, nothing to change on PostgreSQL: its trigger on "Candidate" keeps "candidate_search"
-- in step for imported rows too. (SQLite's import now indexes each batch of new candidates itself.)
SELECT 1;
