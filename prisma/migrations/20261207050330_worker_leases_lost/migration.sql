-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Worker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "testbedsJson" TEXT,
    "adapters" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" DATETIME,
    "leasesLost" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Worker" ("adapters", "host", "id", "lastSeenAt", "pid", "startedAt", "stoppedAt", "testbedsJson") SELECT "adapters", "host", "id", "lastSeenAt", "pid", "startedAt", "stoppedAt", "testbedsJson" FROM "Worker";
DROP TABLE "Worker";
ALTER TABLE "new_Worker" RENAME TO "Worker";
CREATE INDEX "Worker_lastSeenAt_idx" ON "Worker"("lastSeenAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
