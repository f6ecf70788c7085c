-- Hand-written: the full-text view over "Ad" must go while "Ad" is rebuilt below (SQLite checks
-- views when a table is renamed); the view and the triggers are re-created at the end.
DROP VIEW "ad_search_source";

-- AlterTable
ALTER TABLE "Location" ADD COLUMN "regionId" INTEGER;

-- CreateTable
CREATE TABLE "AdText" (
    "adId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "description" TEXT NOT NULL,
    CONSTRAINT "AdText_adId_fkey" FOREIGN KEY ("adId") REFERENCES "Ad" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Hand-written: descriptions move to "AdText" before "Ad" is rebuilt without them.
INSERT INTO "AdText" ("adId", "description") SELECT "id", "description" FROM "Ad";

-- CreateTable
CREATE TABLE "SavedView" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserSetting" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "key"),
    CONSTRAINT "UserSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Counter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ad" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "externalId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL DEFAULT '',
    "companyId" INTEGER,
    "locationId" INTEGER,
    "regionId" INTEGER,
    "locationRaw" TEXT,
    "locationNormalized" TEXT,
    "category" TEXT,
    "contractType" TEXT,
    "contractTime" TEXT,
    "salaryRaw" TEXT,
    "salaryMin" REAL,
    "salaryMax" REAL,
    "salaryPeriod" TEXT,
    "salaryAnnual" INTEGER,
    "source" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 1,
    "importId" TEXT,
    "sourceHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ad_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ad_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ad_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ad" ("category", "companyId", "contractTime", "contractType", "createdAt", "externalId", "id", "importId", "locationId", "locationNormalized", "locationRaw", "salaryAnnual", "salaryMax", "salaryMin", "salaryPeriod", "salaryRaw", "source", "sourceHash", "status", "title", "updatedAt", "version") SELECT "category", "companyId", "contractTime", "contractType", "createdAt", "externalId", "id", "importId", "locationId", "locationNormalized", "locationRaw", "salaryAnnual", "salaryMax", "salaryMin", "salaryPeriod", "salaryRaw", "source", "sourceHash", "status", "title", "updatedAt", "version" FROM "Ad";
DROP TABLE "Ad";
ALTER TABLE "new_Ad" RENAME TO "Ad";
CREATE UNIQUE INDEX "Ad_externalId_key" ON "Ad"("externalId");
CREATE INDEX "Ad_facets_idx" ON "Ad"("category", "status", "contractType", "contractTime", "source", "regionId", "salaryAnnual", "companyId", "locationId");
CREATE INDEX "Ad_companyId_idx" ON "Ad"("companyId");
CREATE INDEX "Ad_locationId_idx" ON "Ad"("locationId");
CREATE INDEX "Ad_source_idx" ON "Ad"("source");
CREATE INDEX "Ad_salaryAnnual_id_idx" ON "Ad"("salaryAnnual", "id");
CREATE INDEX "Ad_updatedAt_id_idx" ON "Ad"("updatedAt", "id");
CREATE INDEX "Ad_createdAt_id_idx" ON "Ad"("createdAt", "id");
CREATE INDEX "Ad_titleKey_id_idx" ON "Ad"("titleKey", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- Hand-written: full-text search over the new shape. The index content is title (Ad), description
-- (AdText) and company (Company), through the view; triggers keep it in step. Ads inserted by an
-- import (importId set) are indexed by the importer itself, one statement per batch.
CREATE VIEW "ad_search_source" AS
    SELECT a."id" AS "id", a."title" AS "title", t."description" AS "description", c."name" AS "company"
    FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId";

-- An ad is indexed when its text arrives (the row in "Ad" comes first).
CREATE TRIGGER "ad_fts_insert" AFTER INSERT ON "AdText"
WHEN (SELECT "importId" FROM "Ad" WHERE "id" = new."adId") IS NULL BEGIN
    INSERT INTO "ad_fts"(rowid, title, description, company)
    SELECT a."id", a."title", new."description", c."name" FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE a."id" = new."adId";
END;

-- Before the ad goes (its text goes with it by cascade), remove it with the values it was indexed with.
CREATE TRIGGER "ad_fts_delete" BEFORE DELETE ON "Ad" BEGIN
    INSERT INTO "ad_fts"("ad_fts", rowid, title, description, company)
    SELECT 'delete', old."id", old."title", t."description", (SELECT "name" FROM "Company" WHERE "id" = old."companyId")
    FROM "AdText" t WHERE t."adId" = old."id";
END;

CREATE TRIGGER "ad_fts_update" AFTER UPDATE OF "title", "companyId" ON "Ad" BEGIN
    INSERT INTO "ad_fts"("ad_fts", rowid, title, description, company)
    SELECT 'delete', old."id", old."title", t."description", (SELECT "name" FROM "Company" WHERE "id" = old."companyId")
    FROM "AdText" t WHERE t."adId" = old."id";
    INSERT INTO "ad_fts"(rowid, title, description, company)
    SELECT new."id", new."title", t."description", (SELECT "name" FROM "Company" WHERE "id" = new."companyId")
    FROM "AdText" t WHERE t."adId" = new."id";
END;

CREATE TRIGGER "ad_fts_text_update" AFTER UPDATE OF "description" ON "AdText" BEGIN
    INSERT INTO "ad_fts"("ad_fts", rowid, title, description, company)
    SELECT 'delete', a."id", a."title", old."description", c."name" FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE a."id" = old."adId";
    INSERT INTO "ad_fts"(rowid, title, description, company)
    SELECT a."id", a."title", new."description", c."name" FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE a."id" = new."adId";
END;

-- Backfill the new derived columns.
WITH RECURSIVE "r"("id", "regionId") AS (
    SELECT "id", "id" FROM "Location" WHERE "depth" = 1
    UNION ALL
    SELECT l."id", r."regionId" FROM "Location" l JOIN "r" ON l."parentId" = r."id"
)
UPDATE "Location" SET "regionId" = (SELECT "regionId" FROM "r" WHERE r."id" = "Location"."id");
UPDATE "Ad" SET "regionId" = (SELECT "regionId" FROM "Location" WHERE "id" = "Ad"."locationId") WHERE "locationId" IS NOT NULL;
UPDATE "Ad" SET "titleKey" = lower("title");
