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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Testbed" ("connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "maxConcurrentRuns", "name", "notes", "sourceHost", "updatedAt") SELECT "connectionJson", "createdAt", "destinationHost", "hostMemoryBytes", "hypervisor", "id", "maxConcurrentRuns", "name", "notes", "sourceHost", "updatedAt" FROM "Testbed";
DROP TABLE "Testbed";
ALTER TABLE "new_Testbed" RENAME TO "Testbed";
CREATE UNIQUE INDEX "Testbed_name_key" ON "Testbed"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
