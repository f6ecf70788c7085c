-- DropIndex
DROP INDEX "Ad_category_idx";

-- DropIndex
DROP INDEX "Ad_importId_idx";

-- DropIndex
DROP INDEX "Ad_salaryAnnual_idx";

-- DropIndex
DROP INDEX "Ad_status_idx";

-- DropIndex
DROP INDEX "Ad_updatedAt_idx";

-- AlterTable
ALTER TABLE "Ad" ADD COLUMN     "regionId" INTEGER,
ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "regionId" INTEGER;

-- CreateTable
CREATE TABLE "SavedView" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSetting" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserSetting_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "Counter" (
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- CreateIndex
CREATE INDEX "Ad_facets_idx" ON "Ad"("category", "status", "contractType", "contractTime", "source", "regionId", "salaryAnnual", "companyId", "locationId");

-- CreateIndex
CREATE INDEX "Ad_salaryAnnual_id_idx" ON "Ad"("salaryAnnual", "id");

-- CreateIndex
CREATE INDEX "Ad_updatedAt_id_idx" ON "Ad"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ad_createdAt_id_idx" ON "Ad"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Ad_titleKey_id_idx" ON "Ad"("titleKey", "id");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSetting" ADD CONSTRAINT "UserSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: backfill the new derived columns.
WITH RECURSIVE "r"("id", "regionId") AS (
    SELECT "id", "id" FROM "Location" WHERE "depth" = 1
    UNION ALL
    SELECT l."id", r."regionId" FROM "Location" l JOIN "r" ON l."parentId" = r."id"
)
UPDATE "Location" l SET "regionId" = r."regionId" FROM "r" WHERE r."id" = l."id";
UPDATE "Ad" a SET "regionId" = l."regionId" FROM "Location" l WHERE l."id" = a."locationId";
UPDATE "Ad" SET "titleKey" = lower("title");
