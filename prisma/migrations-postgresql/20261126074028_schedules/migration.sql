-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "scheduleId" INTEGER;

-- CreateTable
CREATE TABLE "Schedule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "testbedId" INTEGER NOT NULL,
    "linkIdsJson" TEXT NOT NULL,
    "profileIdsJson" TEXT NOT NULL,
    "iterations" INTEGER NOT NULL,
    "timeScale" DOUBLE PRECISION NOT NULL,
    "cron" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "nextRunAt" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "lastCampaignId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Schedule_paused_nextRunAt_idx" ON "Schedule"("paused", "nextRunAt");

-- CreateIndex
CREATE INDEX "Schedule_testbedId_idx" ON "Schedule"("testbedId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_testbedId_fkey" FOREIGN KEY ("testbedId") REFERENCES "Testbed"("id") ON DELETE CASCADE ON UPDATE CASCADE;
