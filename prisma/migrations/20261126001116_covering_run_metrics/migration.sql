-- DropIndex
DROP INDEX "Run_campaignId_profileId_linkId_status_idx";

-- DropIndex
DROP INDEX "Run_campaignId_status_idx";

-- CreateIndex
CREATE INDEX "Run_campaignId_idx" ON "Run"("campaignId");

-- CreateIndex
CREATE INDEX "Run_campaign_cells_idx" ON "Run"("campaignId", "status", "profileId", "linkId", "durationMs", "throughputGbps", "transferredBytes", "downtimeMs");
