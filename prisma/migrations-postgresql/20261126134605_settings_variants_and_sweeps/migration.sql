-- DropIndex
DROP INDEX "Run_campaign_cells_idx";

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "sweepJson" TEXT,
ADD COLUMN     "variantsJson" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "bandwidthScale" DOUBLE PRECISION,
ADD COLUMN     "downtimeLimitMs" DOUBLE PRECISION,
ADD COLUMN     "multifdChannels" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "settingsJson" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "settingsKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "strategy" TEXT NOT NULL DEFAULT 'precopy',
ADD COLUMN     "sweepValue" DOUBLE PRECISION,
ADD COLUMN     "sweepVariable" TEXT,
ADD COLUMN     "xbzrleCacheBytes" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "sweepJson" TEXT,
ADD COLUMN     "variantsJson" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "Run_campaign_cells_idx" ON "Run"("campaignId", "status", "profileId", "linkId", "durationMs", "throughputGbps", "transferredBytes", "downtimeMs", "settingsKey", "sweepVariable", "sweepValue");
