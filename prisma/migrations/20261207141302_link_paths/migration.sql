-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "modelStreamCeilingGbps" REAL,
    "modelDirtyingRateFactor" REAL,
    "modelWireOverhead" REAL,
    "modelSwitchoverMs" REAL,
    "pathJson" TEXT NOT NULL DEFAULT '{}',
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Link_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Link" ("busLimitGbps", "createdAt", "driver", "emulated", "firmware", "id", "lineRateGbps", "modelDirtyingRateFactor", "modelEfficiency", "modelSetupMs", "modelStreamCeilingGbps", "modelSwitchoverMs", "modelWireOverhead", "mtuBytes", "name", "nicModel", "notes", "pcieGeneration", "pcieLanes", "testbedId") SELECT "busLimitGbps", "createdAt", "driver", "emulated", "firmware", "id", "lineRateGbps", "modelDirtyingRateFactor", "modelEfficiency", "modelSetupMs", "modelStreamCeilingGbps", "modelSwitchoverMs", "modelWireOverhead", "mtuBytes", "name", "nicModel", "notes", "pcieGeneration", "pcieLanes", "testbedId" FROM "Link";
DROP TABLE "Link";
ALTER TABLE "new_Link" RENAME TO "Link";
CREATE UNIQUE INDEX "Link_testbedId_name_key" ON "Link"("testbedId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
