-- AlterTable
ALTER TABLE "Ad" ADD COLUMN     "salarySource" TEXT;


-- Backfill, from what each ad holds: a salary text with an annual figure came from the file (the
-- Train layout always carries SalaryNormalized with it); an annual figure without any salary text
-- was found in the description. Admins' earlier edits cannot be told apart here and count as the
-- file's: they were real salaries too.
UPDATE "Ad" SET "salarySource" = CASE WHEN "salaryRaw" IS NOT NULL THEN 'file' ELSE 'description' END WHERE "salaryAnnual" IS NOT NULL;
