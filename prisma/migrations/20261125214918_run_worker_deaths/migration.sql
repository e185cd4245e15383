-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "Run_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Run_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("adapter", "attempt", "campaignId", "cancelRequestedAt", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "heartbeatAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes") SELECT "adapter", "attempt", "campaignId", "cancelRequestedAt", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "heartbeatAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_campaignId_status_idx" ON "Run"("campaignId", "status");
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");
CREATE INDEX "Run_linkId_idx" ON "Run"("linkId");
CREATE INDEX "Run_profileId_idx" ON "Run"("profileId");
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
