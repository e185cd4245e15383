-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "verdict" TEXT;

-- CreateTable
CREATE TABLE "SeriesBaseline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "linkId" INTEGER NOT NULL,
    "profileId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "comparisonId" INTEGER,
    "runIdsJson" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SeriesBaseline_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SeriesBaseline_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SeriesBaseline_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SeriesBaseline_comparisonId_fkey" FOREIGN KEY ("comparisonId") REFERENCES "Comparison" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeriesVerdict" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "linkId" INTEGER NOT NULL,
    "profileId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "changePct" REAL,
    "pValue" REAL,
    "baselineN" INTEGER NOT NULL,
    "candidateN" INTEGER NOT NULL,
    "baselineMean" REAL,
    "candidateMean" REAL,
    "baselineRunIdsJson" TEXT NOT NULL,
    "minEffectPct" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SeriesVerdict_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SeriesVerdict_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SeriesVerdict_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "linkScale" REAL NOT NULL DEFAULT 1,
    "minEffectPct" REAL NOT NULL DEFAULT 5,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Testbed" ("connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "linkScale", "maxConcurrentRuns", "name", "notes", "sourceHost", "updatedAt") SELECT "connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "linkScale", "maxConcurrentRuns", "name", "notes", "sourceHost", "updatedAt" FROM "Testbed";
DROP TABLE "Testbed";
ALTER TABLE "new_Testbed" RENAME TO "Testbed";
CREATE UNIQUE INDEX "Testbed_name_key" ON "Testbed"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SeriesBaseline_campaignId_idx" ON "SeriesBaseline"("campaignId");

-- CreateIndex
CREATE INDEX "SeriesBaseline_comparisonId_idx" ON "SeriesBaseline"("comparisonId");

-- CreateIndex
CREATE UNIQUE INDEX "SeriesBaseline_linkId_profileId_key" ON "SeriesBaseline"("linkId", "profileId");

-- CreateIndex
CREATE INDEX "SeriesVerdict_linkId_profileId_campaignId_idx" ON "SeriesVerdict"("linkId", "profileId", "campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "SeriesVerdict_campaignId_linkId_profileId_metric_key" ON "SeriesVerdict"("campaignId", "linkId", "profileId", "metric");

-- CreateIndex
CREATE INDEX "Campaign_verdict_finishedAt_idx" ON "Campaign"("verdict", "finishedAt");

-- CreateIndex
CREATE INDEX "Run_linkId_profileId_status_campaignId_idx" ON "Run"("linkId", "profileId", "status", "campaignId");
