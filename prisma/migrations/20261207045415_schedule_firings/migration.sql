-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "firingKey" TEXT;

-- CreateTable
CREATE TABLE "ScheduleFiring" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scheduleId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "firedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "campaignId" INTEGER,
    "reason" TEXT,
    CONSTRAINT "ScheduleFiring_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleFiring_scheduleId_dueAt_key" ON "ScheduleFiring"("scheduleId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_firingKey_key" ON "Campaign"("firingKey");
