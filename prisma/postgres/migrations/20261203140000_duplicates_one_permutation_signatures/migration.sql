-- Hand-written: near-duplicate signatures are now one-permutation MinHash (lib/duplicates/minhash.ts),
-- which cannot be compared with the 64-permutation signatures stored before. The stored fingerprints
-- and the companies' boilerplate tables are forgotten, so the next sync (any import, edit or
-- `npm run duplicates:rebuild`) fingerprints every ad again. Admins' "not a duplicate" marks are
-- kept, and so are the ads' group columns, which that sync rewrites.
DELETE FROM "AdFingerprint";
DELETE FROM "DuplicateCompany";
