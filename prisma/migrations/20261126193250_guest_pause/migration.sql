-- DropIndex
DROP INDEX "Run_campaign_cells_idx";

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "guestPauseMs" REAL;

-- CreateIndex
CREATE INDEX "Run_campaign_cells_idx" ON "Run"("campaignId", "status", "profileId", "linkId", "durationMs", "throughputGbps", "transferredBytes", "downtimeMs", "guestPauseMs", "settingsKey", "sweepVariable", "sweepValue");
