-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('DRAFT', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'REVERTED');

-- AlterTable
ALTER TABLE "Ad" ADD COLUMN     "importId" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ALTER COLUMN "salaryMin" SET DATA TYPE DOUBLE PRECISION,
ALTER COLUMN "salaryMax" SET DATA TYPE DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "createdById" TEXT,
    "origin" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'DRAFT',
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
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "revertedAt" TIMESTAMP(3),
    "revertedById" TEXT,
    "revertSummary" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportIssue" (
    "id" SERIAL NOT NULL,
    "importId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER,
    "field" TEXT,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "ImportIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdChange" (
    "id" SERIAL NOT NULL,
    "adId" INTEGER NOT NULL,
    "actorId" TEXT,
    "importId" TEXT,
    "source" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdChange_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Ad_importId_idx" ON "Ad"("importId");

-- AddForeignKey
ALTER TABLE "Ad" ADD CONSTRAINT "Ad_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportIssue" ADD CONSTRAINT "ImportIssue_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdChange" ADD CONSTRAINT "AdChange_adId_fkey" FOREIGN KEY ("adId") REFERENCES "Ad"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdChange" ADD CONSTRAINT "AdChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdChange" ADD CONSTRAINT "AdChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Full-text search (hand-written; Prisma leaves it alone: lib/db/dialect.ts EXTERNAL_TABLES).
-- One weighted tsvector per ad (title A, company B, description C) in its own table with a GIN
-- index, kept in sync by a trigger on "Ad"; rows go with their ad (ON DELETE CASCADE).
CREATE FUNCTION ad_search_document(title text, company text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(company, '')), 'B')
        || setweight(to_tsvector('english', coalesce(description, '')), 'C')
$$;

CREATE TABLE "ad_search" (
    "ad_id" INTEGER PRIMARY KEY REFERENCES "Ad"("id") ON DELETE CASCADE,
    "document" tsvector NOT NULL
);
CREATE INDEX "ad_search_document_idx" ON "ad_search" USING GIN ("document");

CREATE FUNCTION ad_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ad_search"("ad_id", "document")
    VALUES (NEW."id", ad_search_document(NEW."title", (SELECT "name" FROM "Company" WHERE "id" = NEW."companyId"), NEW."description"))
    ON CONFLICT ("ad_id") DO UPDATE SET "document" = EXCLUDED."document";
    RETURN NULL;
END $$;

CREATE TRIGGER "ad_search_insert" AFTER INSERT ON "Ad" FOR EACH ROW EXECUTE FUNCTION ad_search_sync();
CREATE TRIGGER "ad_search_update" AFTER UPDATE OF "title", "description", "companyId" ON "Ad" FOR EACH ROW EXECUTE FUNCTION ad_search_sync();

INSERT INTO "ad_search"("ad_id", "document")
SELECT a."id", ad_search_document(a."title", c."name", a."description") FROM "Ad" a LEFT JOIN "Company" c ON c."id" = a."companyId";
