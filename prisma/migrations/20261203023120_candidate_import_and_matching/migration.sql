-- CreateTable
CREATE TABLE "CandidateImportChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "candidateId" INTEGER NOT NULL,
    "importId" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CandidateImportChange_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CandidateImportChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Candidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "emailKey" TEXT,
    "phone" TEXT,
    "phoneKey" TEXT,
    "location" TEXT,
    "currentTitle" TEXT,
    "source" TEXT,
    "cvText" TEXT,
    "cvFileName" TEXT,
    "locationId" INTEGER,
    "regionId" INTEGER,
    "desiredSalary" INTEGER,
    "skills" TEXT,
    "willingToRelocate" BOOLEAN NOT NULL DEFAULT false,
    "importId" TEXT,
    "sourceHash" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "erasedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Candidate_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Candidate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Candidate" ("createdAt", "createdById", "currentTitle", "cvFileName", "cvText", "email", "emailKey", "erasedAt", "id", "location", "name", "phone", "phoneKey", "source", "updatedAt", "version") SELECT "createdAt", "createdById", "currentTitle", "cvFileName", "cvText", "email", "emailKey", "erasedAt", "id", "location", "name", "phone", "phoneKey", "source", "updatedAt", "version" FROM "Candidate";
DROP TABLE "Candidate";
ALTER TABLE "new_Candidate" RENAME TO "Candidate";
CREATE UNIQUE INDEX "Candidate_emailKey_key" ON "Candidate"("emailKey");
CREATE INDEX "Candidate_phoneKey_idx" ON "Candidate"("phoneKey");
CREATE INDEX "Candidate_regionId_idx" ON "Candidate"("regionId");
CREATE INDEX "Candidate_importId_idx" ON "Candidate"("importId");
CREATE INDEX "Candidate_updatedAt_id_idx" ON "Candidate"("updatedAt", "id");
CREATE INDEX "Candidate_createdAt_id_idx" ON "Candidate"("createdAt", "id");
CREATE TABLE "new_Import" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "files" TEXT NOT NULL,
    "bytesTotal" BIGINT NOT NULL DEFAULT 0,
    "reservedFiles" INTEGER NOT NULL DEFAULT 0,
    "reservedBytes" BIGINT NOT NULL DEFAULT 0,
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
    "kind" TEXT NOT NULL DEFAULT 'ads',
    CONSTRAINT "Import_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Import" ("bytesDone", "bytesTotal", "created", "createdAt", "createdById", "duplicates", "errors", "files", "finishedAt", "heartbeatAt", "id", "message", "origin", "reservedBytes", "reservedFiles", "revertSummary", "revertedAt", "revertedById", "rowsDone", "skipped", "startedAt", "status", "unchanged", "unresolvedLocations", "updated", "updatedAt", "warnings") SELECT "bytesDone", "bytesTotal", "created", "createdAt", "createdById", "duplicates", "errors", "files", "finishedAt", "heartbeatAt", "id", "message", "origin", "reservedBytes", "reservedFiles", "revertSummary", "revertedAt", "revertedById", "rowsDone", "skipped", "startedAt", "status", "unchanged", "unresolvedLocations", "updated", "updatedAt", "warnings" FROM "Import";
DROP TABLE "Import";
ALTER TABLE "new_Import" RENAME TO "Import";
CREATE INDEX "Import_createdAt_idx" ON "Import"("createdAt");
CREATE INDEX "Import_status_idx" ON "Import"("status");
CREATE INDEX "Import_createdById_status_idx" ON "Import"("createdById", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CandidateImportChange_importId_idx" ON "CandidateImportChange"("importId");

-- CreateIndex
CREATE INDEX "CandidateImportChange_candidateId_idx" ON "CandidateImportChange"("candidateId");

-- Hand-written: rebuilding "Candidate" above dropped its full-text triggers; re-create them
-- (the same as in 20261123183654_candidates_and_applications). The candidate_fts rows are unchanged
-- (ids were kept).
CREATE TRIGGER "candidate_fts_insert" AFTER INSERT ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"(rowid, "name", "currentTitle", "cvText") VALUES (new."id", new."name", new."currentTitle", new."cvText");
END;

CREATE TRIGGER "candidate_fts_delete" AFTER DELETE ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"("candidate_fts", rowid, "name", "currentTitle", "cvText") VALUES ('delete', old."id", old."name", old."currentTitle", old."cvText");
END;

CREATE TRIGGER "candidate_fts_update" AFTER UPDATE OF "name", "currentTitle", "cvText" ON "Candidate" BEGIN
    INSERT INTO "candidate_fts"("candidate_fts", rowid, "name", "currentTitle", "cvText") VALUES ('delete', old."id", old."name", old."currentTitle", old."cvText");
    INSERT INTO "candidate_fts"(rowid, "name", "currentTitle", "cvText") VALUES (new."id", new."name", new."currentTitle", new."cvText");
END;
