-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "testbedId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "iterations" INTEGER NOT NULL DEFAULT 1,
    "timeScale" REAL NOT NULL DEFAULT 50,
    "source" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "verdict" TEXT,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "scheduleId" INTEGER,
    "variantsJson" TEXT NOT NULL DEFAULT '[]',
    "sweepJson" TEXT,
    CONSTRAINT "Campaign_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Campaign_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("createdAt", "finishedAt", "id", "iterations", "name", "notes", "pinned", "scheduleId", "source", "startedAt", "status", "testbedId", "timeScale", "verdict") SELECT "createdAt", "finishedAt", "id", "iterations", "name", "notes", "pinned", "scheduleId", "source", "startedAt", "status", "testbedId", "timeScale", "verdict" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");
CREATE INDEX "Campaign_verdict_finishedAt_idx" ON "Campaign"("verdict", "finishedAt");
CREATE INDEX "Campaign_testbedId_idx" ON "Campaign"("testbedId");
CREATE INDEX "Campaign_pinned_id_idx" ON "Campaign"("pinned", "id");
CREATE TABLE "new_Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "linkId" INTEGER NOT NULL,
    "profileId" INTEGER NOT NULL,
    "iteration" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "adapter" TEXT NOT NULL,
    "seed" INTEGER,
    "errorReason" TEXT,
    "claimedBy" TEXT,
    "heartbeatAt" DATETIME,
    "cancelRequestedAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "workerDeaths" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "durationMs" REAL,
    "downtimeMs" REAL,
    "transferredBytes" REAL,
    "throughputGbps" REAL,
    "precopyRounds" INTEGER,
    "dirtyRateBytesPerSec" REAL,
    "perVmJson" TEXT,
    "rawStatsJson" TEXT,
    "settingsKey" TEXT NOT NULL DEFAULT '',
    "settingsJson" TEXT NOT NULL DEFAULT '{}',
    "strategy" TEXT NOT NULL DEFAULT 'precopy',
    "multifdChannels" INTEGER NOT NULL DEFAULT 1,
    "xbzrleCacheBytes" REAL,
    "downtimeLimitMs" REAL,
    "bandwidthScale" REAL,
    "sweepVariable" TEXT,
    "sweepValue" REAL,
    CONSTRAINT "Run_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Run_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("adapter", "attempt", "campaignId", "cancelRequestedAt", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "heartbeatAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes", "workerDeaths") SELECT "adapter", "attempt", "campaignId", "cancelRequestedAt", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "heartbeatAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes", "workerDeaths" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_campaignId_idx" ON "Run"("campaignId");
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");
CREATE INDEX "Run_linkId_idx" ON "Run"("linkId");
CREATE INDEX "Run_profileId_idx" ON "Run"("profileId");
CREATE INDEX "Run_linkId_profileId_status_campaignId_idx" ON "Run"("linkId", "profileId", "status", "campaignId");
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");
CREATE INDEX "Run_campaign_cells_idx" ON "Run"("campaignId", "status", "profileId", "linkId", "durationMs", "throughputGbps", "transferredBytes", "downtimeMs", "settingsKey", "sweepVariable", "sweepValue");
CREATE TABLE "new_Schedule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "testbedId" INTEGER NOT NULL,
    "linkIdsJson" TEXT NOT NULL,
    "profileIdsJson" TEXT NOT NULL,
    "iterations" INTEGER NOT NULL,
    "timeScale" REAL NOT NULL,
    "variantsJson" TEXT NOT NULL DEFAULT '[]',
    "sweepJson" TEXT,
    "cron" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "nextRunAt" DATETIME,
    "lastRunAt" DATETIME,
    "lastOutcome" TEXT,
    "lastCampaignId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Schedule_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Schedule" ("createdAt", "createdBy", "cron", "id", "iterations", "lastCampaignId", "lastOutcome", "lastRunAt", "linkIdsJson", "name", "nextRunAt", "paused", "profileIdsJson", "testbedId", "timeScale") SELECT "createdAt", "createdBy", "cron", "id", "iterations", "lastCampaignId", "lastOutcome", "lastRunAt", "linkIdsJson", "name", "nextRunAt", "paused", "profileIdsJson", "testbedId", "timeScale" FROM "Schedule";
DROP TABLE "Schedule";
ALTER TABLE "new_Schedule" RENAME TO "Schedule";
CREATE INDEX "Schedule_paused_nextRunAt_idx" ON "Schedule"("paused", "nextRunAt");
CREATE INDEX "Schedule_testbedId_idx" ON "Schedule"("testbedId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
