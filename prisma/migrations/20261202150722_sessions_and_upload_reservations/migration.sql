-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "Import_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Import" ("bytesDone", "bytesTotal", "created", "createdAt", "createdById", "duplicates", "errors", "files", "finishedAt", "heartbeatAt", "id", "message", "origin", "revertSummary", "revertedAt", "revertedById", "rowsDone", "skipped", "startedAt", "status", "unchanged", "unresolvedLocations", "updated", "updatedAt", "warnings") SELECT "bytesDone", "bytesTotal", "created", "createdAt", "createdById", "duplicates", "errors", "files", "finishedAt", "heartbeatAt", "id", "message", "origin", "revertSummary", "revertedAt", "revertedById", "rowsDone", "skipped", "startedAt", "status", "unchanged", "unresolvedLocations", "updated", "updatedAt", "warnings" FROM "Import";
DROP TABLE "Import";
ALTER TABLE "new_Import" RENAME TO "Import";
CREATE INDEX "Import_createdAt_idx" ON "Import"("createdAt");
CREATE INDEX "Import_status_idx" ON "Import"("status");
CREATE INDEX "Import_createdById_status_idx" ON "Import"("createdById", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");
