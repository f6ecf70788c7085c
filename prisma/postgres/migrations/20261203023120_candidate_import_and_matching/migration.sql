-- AlterTable
ALTER TABLE "Candidate" ADD COLUMN     "desiredSalary" INTEGER,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "locationId" INTEGER,
ADD COLUMN     "regionId" INTEGER,
ADD COLUMN     "skills" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ADD COLUMN     "willingToRelocate" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Import" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'ads';

-- CreateTable
CREATE TABLE "CandidateImportChange" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "importId" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateImportChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CandidateImportChange_importId_idx" ON "CandidateImportChange"("importId");

-- CreateIndex
CREATE INDEX "CandidateImportChange_candidateId_idx" ON "CandidateImportChange"("candidateId");

-- CreateIndex
CREATE INDEX "Candidate_regionId_idx" ON "Candidate"("regionId");

-- CreateIndex
CREATE INDEX "Candidate_importId_idx" ON "Candidate"("importId");

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateImportChange" ADD CONSTRAINT "CandidateImportChange_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateImportChange" ADD CONSTRAINT "CandidateImportChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
