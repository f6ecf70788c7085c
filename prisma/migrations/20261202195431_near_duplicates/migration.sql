-- AlterTable
ALTER TABLE "Ad" ADD COLUMN "duplicateCount" INTEGER;
ALTER TABLE "Ad" ADD COLUMN "duplicateGroupId" INTEGER;

-- CreateTable
CREATE TABLE "AdFingerprint" (
    "adId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "adVersion" INTEGER NOT NULL,
    "textHash" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "signature" BLOB NOT NULL,
    "company" TEXT NOT NULL,
    "terms" BLOB NOT NULL,
    "axes" INTEGER NOT NULL,
    "payMin" REAL,
    "payMax" REAL,
    "place" INTEGER NOT NULL,
    "groupId" INTEGER,
    "similarity" REAL,
    "score" REAL
);

-- CreateTable
CREATE TABLE "DuplicateCompany" (
    "company" TEXT NOT NULL PRIMARY KEY,
    "ads" INTEGER NOT NULL,
    "sentences" BLOB NOT NULL,
    "sentenceValues" BLOB NOT NULL,
    "shingles" BLOB NOT NULL,
    "shingleSentences" BLOB NOT NULL
);

-- CreateTable
CREATE TABLE "DuplicateMark" (
    "adA" INTEGER NOT NULL,
    "adB" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("adA", "adB")
);

-- CreateTable
CREATE TABLE "DuplicateRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AdFingerprint_groupId_idx" ON "AdFingerprint"("groupId");

-- CreateIndex
CREATE INDEX "Ad_duplicateGroupId_idx" ON "Ad"("duplicateGroupId");
