-- AlterTable
ALTER TABLE "Ad" ADD COLUMN     "locationSource" TEXT,
ADD COLUMN     "salaryEstimate" INTEGER,
ADD COLUMN     "salaryEstimateHigh" INTEGER,
ADD COLUMN     "salaryEstimateLow" INTEGER,
ADD COLUMN     "salaryModelId" INTEGER;

-- CreateTable
CREATE TABLE "SalaryModel" (
    "id" SERIAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "reason" TEXT NOT NULL DEFAULT 'admin',
    "requestedById" TEXT,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3),
    "progress" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT,
    "message" TEXT,
    "formatVersion" INTEGER,
    "trainedAt" TIMESTAMP(3),
    "adsUsed" INTEGER NOT NULL DEFAULT 0,
    "adsEstimated" INTEGER NOT NULL DEFAULT 0,
    "measures" TEXT,
    "bytes" BYTEA,
    "byteSize" INTEGER NOT NULL DEFAULT 0,
    "adopted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalaryModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalaryModel_status_idx" ON "SalaryModel"("status");

-- CreateIndex
CREATE INDEX "SalaryModel_adopted_idx" ON "SalaryModel"("adopted");

-- Backfill: every location an ad holds so far came from its file's location columns (admins'
-- earlier edits cannot be told apart and count as the file's). Places found in the text of ads
-- without one are filled in by the salary trainer's first run (lib/salary-estimates/text-locations.ts).
UPDATE "Ad" SET "locationSource" = 'file' WHERE "locationId" IS NOT NULL;
