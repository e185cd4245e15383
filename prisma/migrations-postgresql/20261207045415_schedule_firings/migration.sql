-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "firingKey" TEXT;

-- CreateTable
CREATE TABLE "ScheduleFiring" (
    "id" SERIAL NOT NULL,
    "scheduleId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "campaignId" INTEGER,
    "reason" TEXT,

    CONSTRAINT "ScheduleFiring_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleFiring_scheduleId_dueAt_key" ON "ScheduleFiring"("scheduleId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_firingKey_key" ON "Campaign"("firingKey");

-- AddForeignKey
ALTER TABLE "ScheduleFiring" ADD CONSTRAINT "ScheduleFiring_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
