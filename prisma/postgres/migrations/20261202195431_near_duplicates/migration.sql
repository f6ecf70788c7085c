-- AlterTable
ALTER TABLE "Ad" ADD COLUMN     "duplicateCount" INTEGER,
ADD COLUMN     "duplicateGroupId" INTEGER;

-- CreateTable
CREATE TABLE "AdFingerprint" (
    "adId" INTEGER NOT NULL,
    "adVersion" INTEGER NOT NULL,
    "textHash" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "signature" BYTEA NOT NULL,
    "company" TEXT NOT NULL,
    "terms" BYTEA NOT NULL,
    "axes" INTEGER NOT NULL,
    "payMin" DOUBLE PRECISION,
    "payMax" DOUBLE PRECISION,
    "place" INTEGER NOT NULL,
    "groupId" INTEGER,
    "similarity" DOUBLE PRECISION,
    "score" DOUBLE PRECISION,

    CONSTRAINT "AdFingerprint_pkey" PRIMARY KEY ("adId")
);

-- CreateTable
CREATE TABLE "DuplicateCompany" (
    "company" TEXT NOT NULL,
    "ads" INTEGER NOT NULL,
    "sentences" BYTEA NOT NULL,
    "sentenceValues" BYTEA NOT NULL,
    "shingles" BYTEA NOT NULL,
    "shingleSentences" BYTEA NOT NULL,

    CONSTRAINT "DuplicateCompany_pkey" PRIMARY KEY ("company")
);

-- CreateTable
CREATE TABLE "DuplicateMark" (
    "adA" INTEGER NOT NULL,
    "adB" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicateMark_pkey" PRIMARY KEY ("adA","adB")
);

-- CreateTable
CREATE TABLE "DuplicateRun" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DuplicateRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdFingerprint_groupId_idx" ON "AdFingerprint"("groupId");

-- CreateIndex
CREATE INDEX "Ad_duplicateGroupId_idx" ON "Ad"("duplicateGroupId");
