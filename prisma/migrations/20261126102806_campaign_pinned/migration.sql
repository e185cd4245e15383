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
    CONSTRAINT "Campaign_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Campaign_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("createdAt", "finishedAt", "id", "iterations", "name", "notes", "scheduleId", "source", "startedAt", "status", "testbedId", "timeScale", "verdict") SELECT "createdAt", "finishedAt", "id", "iterations", "name", "notes", "scheduleId", "source", "startedAt", "status", "testbedId", "timeScale", "verdict" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");
CREATE INDEX "Campaign_verdict_finishedAt_idx" ON "Campaign"("verdict", "finishedAt");
CREATE INDEX "Campaign_testbedId_idx" ON "Campaign"("testbedId");
CREATE INDEX "Campaign_pinned_id_idx" ON "Campaign"("pinned", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
