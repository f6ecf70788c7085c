-- CreateIndex
CREATE INDEX "Ad_regionId_idx" ON "Ad"("regionId");

-- CreateIndex
CREATE INDEX "Ad_status_idx" ON "Ad"("status");

-- Hand-written: statistics for the new indexes, so the planner knows which regions are small.
ANALYZE "Ad";
