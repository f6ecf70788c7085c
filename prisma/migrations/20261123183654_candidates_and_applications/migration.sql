-- CreateTable
CREATE TABLE "Candidate" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "erasedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CandidateTag" (
    "candidateId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("candidateId", "tagId"),
    CONSTRAINT "CandidateTag_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CandidateTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CandidateTag_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Stage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'OPEN',
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Application" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "candidateId" INTEGER NOT NULL,
    "adId" INTEGER NOT NULL,
    "stageId" INTEGER NOT NULL,
    "stageEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rating" INTEGER,
    "rejectReason" TEXT,
    "rejectNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Application_adId_fkey" FOREIGN KEY ("adId") REFERENCES "Ad" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Application_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "Stage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" INTEGER NOT NULL,
    "fromStageId" INTEGER,
    "toStageId" INTEGER NOT NULL,
    "actorId" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StageChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StageChange_fromStageId_fkey" FOREIGN KEY ("fromStageId") REFERENCES "Stage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StageChange_toStageId_fkey" FOREIGN KEY ("toStageId") REFERENCES "Stage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StageChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApplicationNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" INTEGER NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApplicationNote_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApplicationNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_emailKey_key" ON "Candidate"("emailKey");

-- CreateIndex
CREATE INDEX "Candidate_phoneKey_idx" ON "Candidate"("phoneKey");

-- CreateIndex
CREATE INDEX "Candidate_updatedAt_id_idx" ON "Candidate"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Candidate_createdAt_id_idx" ON "Candidate"("createdAt", "id");

-- CreateIndex
CREATE INDEX "CandidateTag_tagId_idx" ON "CandidateTag"("tagId");

-- CreateIndex
CREATE UNIQUE INDEX "Stage_key_key" ON "Stage"("key");

-- CreateIndex
CREATE INDEX "Application_adId_stageId_idx" ON "Application"("adId", "stageId");

-- CreateIndex
CREATE INDEX "Application_stageId_stageEnteredAt_idx" ON "Application"("stageId", "stageEnteredAt");

-- CreateIndex
CREATE INDEX "Application_createdAt_idx" ON "Application"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_candidateId_adId_key" ON "Application"("candidateId", "adId");

-- CreateIndex
CREATE INDEX "StageChange_applicationId_createdAt_idx" ON "StageChange"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "StageChange_toStageId_createdAt_idx" ON "StageChange"("toStageId", "createdAt");

-- CreateIndex
CREATE INDEX "ApplicationNote_applicationId_createdAt_idx" ON "ApplicationNote"("applicationId", "createdAt");

-- Hand-written: the stages every pipeline starts with (admins rename and reorder the open ones).
INSERT INTO "Stage" ("key", "name", "kind", "position") VALUES
    ('applied', 'Applied', 'OPEN', 1),
    ('screening', 'Screening', 'OPEN', 2),
    ('interview', 'Interview', 'OPEN', 3),
    ('offer', 'Offer', 'OPEN', 4),
    ('hired', 'Hired', 'HIRED', 100),
    ('rejected', 'Rejected', 'REJECTED', 101),
    ('withdrawn', 'Withdrawn', 'WITHDRAWN', 102);

-- Hand-written: full-text search over candidates (name, current title, CV), the Candidate rows as
-- external content, kept in step by triggers. NOTE: a later migration that rebuilds "Candidate"
-- drops these triggers; re-create them there.
CREATE VIRTUAL TABLE "candidate_fts" USING fts5(
    "name", "currentTitle", "cvText",
    content='Candidate', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

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
