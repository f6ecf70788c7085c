-- DropIndex
DROP INDEX "Ad_category_idx";

-- DropIndex
DROP INDEX "Ad_importId_idx";

-- DropIndex
DROP INDEX "Ad_salaryAnnual_idx";

-- DropIndex
DROP INDEX "Ad_status_idx";

-- DropIndex
DROP INDEX "Ad_updatedAt_idx";

-- CreateTable
CREATE TABLE "AdText" (
    "adId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "AdText_pkey" PRIMARY KEY ("adId")
);

-- Hand-written: descriptions move to "AdText" before the column goes; the search trigger that
-- read "Ad"."description" goes first.
INSERT INTO "AdText" ("adId", "description") SELECT "id", "description" FROM "Ad";
DROP TRIGGER "ad_search_insert" ON "Ad";
DROP TRIGGER "ad_search_update" ON "Ad";
DROP FUNCTION ad_search_sync();

-- AlterTable
ALTER TABLE "Ad" DROP COLUMN "description",
ADD COLUMN     "regionId" INTEGER,
ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "regionId" INTEGER;

-- CreateTable
CREATE TABLE "SavedView" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSetting" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserSetting_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "Counter" (
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- CreateIndex
CREATE INDEX "Ad_facets_idx" ON "Ad"("category", "status", "contractType", "contractTime", "source", "regionId", "salaryAnnual", "companyId", "locationId");

-- CreateIndex
CREATE INDEX "Ad_salaryAnnual_id_idx" ON "Ad"("salaryAnnual", "id");

-- CreateIndex
CREATE INDEX "Ad_updatedAt_id_idx" ON "Ad"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ad_createdAt_id_idx" ON "Ad"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Ad_titleKey_id_idx" ON "Ad"("titleKey", "id");

-- AddForeignKey
ALTER TABLE "AdText" ADD CONSTRAINT "AdText_adId_fkey" FOREIGN KEY ("adId") REFERENCES "Ad"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSetting" ADD CONSTRAINT "UserSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: full-text search over the new shape. Slashes split words ("Nurse/Carer"), as
-- SQLite's tokenizer does. An ad is indexed when its text arrives, and again when its title,
-- company or text change; rows go with their ad (ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION ad_search_document(title text, company text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', replace(coalesce(title, ''), '/', ' ')), 'A')
        || setweight(to_tsvector('english', replace(coalesce(company, ''), '/', ' ')), 'B')
        || setweight(to_tsvector('english', replace(coalesce(description, ''), '/', ' ')), 'C')
$$;

CREATE FUNCTION ad_search_refresh(p_ad_id integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "ad_search"("ad_id", "document")
    SELECT a."id", ad_search_document(a."title", c."name", t."description")
    FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
    WHERE a."id" = p_ad_id
    ON CONFLICT ("ad_id") DO UPDATE SET "document" = EXCLUDED."document";
$$;

CREATE FUNCTION ad_search_from_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ad_search_refresh(NEW."id");
    RETURN NULL;
END $$;

CREATE FUNCTION ad_search_from_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ad_search_refresh(NEW."adId");
    RETURN NULL;
END $$;

CREATE TRIGGER "ad_search_ad" AFTER UPDATE OF "title", "companyId" ON "Ad" FOR EACH ROW EXECUTE FUNCTION ad_search_from_ad();
CREATE TRIGGER "ad_search_text" AFTER INSERT OR UPDATE OF "description" ON "AdText" FOR EACH ROW EXECUTE FUNCTION ad_search_from_text();

INSERT INTO "ad_search"("ad_id", "document")
SELECT a."id", ad_search_document(a."title", c."name", t."description")
FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
ON CONFLICT ("ad_id") DO UPDATE SET "document" = EXCLUDED."document";

-- Backfill the new derived columns.
WITH RECURSIVE "r"("id", "regionId") AS (
    SELECT "id", "id" FROM "Location" WHERE "depth" = 1
    UNION ALL
    SELECT l."id", r."regionId" FROM "Location" l JOIN "r" ON l."parentId" = r."id"
)
UPDATE "Location" l SET "regionId" = r."regionId" FROM "r" WHERE r."id" = l."id";
UPDATE "Ad" a SET "regionId" = l."regionId" FROM "Location" l WHERE l."id" = a."locationId";
UPDATE "Ad" SET "titleKey" = lower("title");
