-- AlterTable
ALTER TABLE "Ad" ADD COLUMN "locationSource" TEXT;
ALTER TABLE "Ad" ADD COLUMN "salaryEstimate" INTEGER;
ALTER TABLE "Ad" ADD COLUMN "salaryEstimateHigh" INTEGER;
ALTER TABLE "Ad" ADD COLUMN "salaryEstimateLow" INTEGER;
ALTER TABLE "Ad" ADD COLUMN "salaryModelId" INTEGER;

-- CreateTable
CREATE TABLE "SalaryModel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "reason" TEXT NOT NULL DEFAULT 'admin',
    "requestedById" TEXT,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT,
    "message" TEXT,
    "formatVersion" INTEGER,
    "trainedAt" DATETIME,
    "adsUsed" INTEGER NOT NULL DEFAULT 0,
    "adsEstimated" INTEGER NOT NULL DEFAULT 0,
    "measures" TEXT,
    "bytes" BLOB,
    "byteSize" INTEGER NOT NULL DEFAULT 0,
    "adopted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SalaryModel_status_idx" ON "SalaryModel"("status");

-- CreateIndex
CREATE INDEX "SalaryModel_adopted_idx" ON "SalaryModel"("adopted");

-- Backfill: every location an ad holds so far came from its file's location columns (admins'
-- earlier edits cannot be told apart and count as the file's). Places found in the text of ads
-- without one are filled in by the salary trainer's first run (lib/salary-estimates/text-locations.ts).
UPDATE "Ad" SET "locationSource" = 'file' WHERE "locationId" IS NOT NULL;
