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
    CONSTRAINT "Campaign_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("createdAt", "finishedAt", "id", "iterations", "name", "notes", "source", "startedAt", "status", "testbedId") SELECT "createdAt", "finishedAt", "id", "iterations", "name", "notes", "source", "startedAt", "status", "testbedId" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");
CREATE TABLE "new_Link" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "testbedId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "lineRateGbps" REAL NOT NULL,
    "busLimitGbps" REAL,
    "nicModel" TEXT NOT NULL DEFAULT '',
    "driver" TEXT NOT NULL DEFAULT '',
    "firmware" TEXT NOT NULL DEFAULT '',
    "mtuBytes" INTEGER NOT NULL DEFAULT 1500,
    "pcieGeneration" INTEGER,
    "pcieLanes" INTEGER,
    "emulated" BOOLEAN NOT NULL DEFAULT false,
    "modelEfficiency" REAL NOT NULL DEFAULT 0.9,
    "modelSetupMs" REAL NOT NULL DEFAULT 400,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Link_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Link" ("busLimitGbps", "createdAt", "driver", "emulated", "firmware", "id", "lineRateGbps", "mtuBytes", "name", "nicModel", "notes", "pcieGeneration", "pcieLanes", "testbedId") SELECT "busLimitGbps", "createdAt", "driver", "emulated", "firmware", "id", "lineRateGbps", "mtuBytes", "name", "nicModel", "notes", "pcieGeneration", "pcieLanes", "testbedId" FROM "Link";
DROP TABLE "Link";
ALTER TABLE "new_Link" RENAME TO "Link";
CREATE UNIQUE INDEX "Link_testbedId_name_key" ON "Link"("testbedId", "name");
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
INSERT INTO "new_Run" ("adapter", "campaignId", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes") SELECT "adapter", "campaignId", "claimedBy", "createdAt", "dirtyRateBytesPerSec", "downtimeMs", "durationMs", "errorReason", "finishedAt", "id", "iteration", "linkId", "perVmJson", "precopyRounds", "profileId", "rawStatsJson", "seed", "startedAt", "status", "throughputGbps", "transferredBytes" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_campaignId_status_idx" ON "Run"("campaignId", "status");
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");
CREATE INDEX "Run_linkId_idx" ON "Run"("linkId");
CREATE INDEX "Run_profileId_idx" ON "Run"("profileId");
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");
CREATE TABLE "new_Testbed" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "hypervisor" TEXT NOT NULL,
    "sourceHost" TEXT NOT NULL,
    "destinationHost" TEXT NOT NULL,
    "hostMemoryBytes" REAL,
    "connectionJson" TEXT NOT NULL DEFAULT '{}',
    "notes" TEXT NOT NULL DEFAULT '',
    "maxConcurrentRuns" INTEGER NOT NULL DEFAULT 2,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Testbed" ("connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "name", "notes", "sourceHost", "updatedAt") SELECT "connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "name", "notes", "sourceHost", "updatedAt" FROM "Testbed";
DROP TABLE "Testbed";
ALTER TABLE "new_Testbed" RENAME TO "Testbed";
CREATE UNIQUE INDEX "Testbed_name_key" ON "Testbed"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
