-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "files" TEXT NOT NULL,
    "bytesTotal" BIGINT NOT NULL DEFAULT 0,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "unresolvedLocations" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME,
    "revertedAt" DATETIME,
    "revertedById" TEXT,
    "revertSummary" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Import_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportIssue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "importId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER,
    "field" TEXT,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "ImportIssue_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "adId" INTEGER NOT NULL,
    "actorId" TEXT,
    "importId" TEXT,
    "source" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AdChange_adId_fkey" FOREIGN KEY ("adId") REFERENCES "Ad" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AdChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AdChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ad" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "externalId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "companyId" INTEGER,
    "locationId" INTEGER,
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
INSERT INTO "new_Ad" ("category", "companyId", "contractTime", "contractType", "createdAt", "description", "externalId", "id", "locationId", "locationNormalized", "locationRaw", "salaryAnnual", "salaryMax", "salaryMin", "salaryPeriod", "salaryRaw", "source", "status", "title", "updatedAt", "version") SELECT "category", "companyId", "contractTime", "contractType", "createdAt", "description", "externalId", "id", "locationId", "locationNormalized", "locationRaw", "salaryAnnual", "salaryMax", "salaryMin", "salaryPeriod", "salaryRaw", "source", "status", "title", "updatedAt", "version" FROM "Ad";
DROP TABLE "Ad";
ALTER TABLE "new_Ad" RENAME TO "Ad";
CREATE UNIQUE INDEX "Ad_externalId_key" ON "Ad"("externalId");
CREATE INDEX "Ad_category_idx" ON "Ad"("category");
CREATE INDEX "Ad_companyId_idx" ON "Ad"("companyId");
CREATE INDEX "Ad_locationId_idx" ON "Ad"("locationId");
CREATE INDEX "Ad_source_idx" ON "Ad"("source");
CREATE INDEX "Ad_salaryAnnual_idx" ON "Ad"("salaryAnnual");
CREATE INDEX "Ad_updatedAt_idx" ON "Ad"("updatedAt");
CREATE INDEX "Ad_status_idx" ON "Ad"("status");
CREATE INDEX "Ad_importId_idx" ON "Ad"("importId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Import_createdAt_idx" ON "Import"("createdAt");

-- CreateIndex
CREATE INDEX "Import_status_idx" ON "Import"("status");

-- CreateIndex
CREATE INDEX "ImportIssue_importId_id_idx" ON "ImportIssue"("importId", "id");

-- CreateIndex
CREATE INDEX "AdChange_adId_createdAt_idx" ON "AdChange"("adId", "createdAt");

-- CreateIndex
CREATE INDEX "AdChange_importId_idx" ON "AdChange"("importId");

-- Full-text search (hand-written; Prisma leaves these alone: lib/db/dialect.ts EXTERNAL_TABLES).
-- An FTS5 index over title, description and company name, with the Ad rows as external content
-- (through a view that joins the company), kept in sync by triggers. NOTE: a later migration that
-- rebuilds "Ad" (Prisma's RedefineTables) drops these triggers; re-create them in that migration.
CREATE VIEW "ad_search_source" AS
    SELECT a."id" AS "id", a."title" AS "title", a."description" AS "description", c."name" AS "company"
    FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId";

CREATE VIRTUAL TABLE "ad_fts" USING fts5(
    title, description, company,
    content='ad_search_source', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

-- Ads inserted by an import (importId set) are indexed by the importer itself, one statement per
-- batch in the same transaction (lib/import/store-sqlite.ts): much faster than a row trigger.
CREATE TRIGGER "ad_fts_insert" AFTER INSERT ON "Ad" WHEN new."importId" IS NULL BEGIN
    INSERT INTO "ad_fts"(rowid, title, description, company)
    VALUES (new."id", new."title", new."description", (SELECT "name" FROM "Company" WHERE "id" = new."companyId"));
END;

CREATE TRIGGER "ad_fts_delete" AFTER DELETE ON "Ad" BEGIN
    INSERT INTO "ad_fts"("ad_fts", rowid, title, description, company)
    VALUES ('delete', old."id", old."title", old."description", (SELECT "name" FROM "Company" WHERE "id" = old."companyId"));
END;

CREATE TRIGGER "ad_fts_update" AFTER UPDATE OF "title", "description", "companyId" ON "Ad" BEGIN
    INSERT INTO "ad_fts"("ad_fts", rowid, title, description, company)
    VALUES ('delete', old."id", old."title", old."description", (SELECT "name" FROM "Company" WHERE "id" = old."companyId"));
    INSERT INTO "ad_fts"(rowid, title, description, company)
    VALUES (new."id", new."title", new."description", (SELECT "name" FROM "Company" WHERE "id" = new."companyId"));
END;

INSERT INTO "ad_fts"("ad_fts") VALUES ('rebuild');
