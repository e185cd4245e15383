-- AlterTable
ALTER TABLE "Testbed" ADD COLUMN     "minEffectPct" DOUBLE PRECISION NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "verdict" TEXT;

-- CreateTable
CREATE TABLE "SeriesBaseline" (
    "id" SERIAL NOT NULL,
    "linkId" INTEGER NOT NULL,
    "profileId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "comparisonId" INTEGER,
    "runIdsJson" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeriesBaseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeriesVerdict" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "linkId" INTEGER NOT NULL,
    "profileId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "changePct" DOUBLE PRECISION,
    "pValue" DOUBLE PRECISION,
    "baselineN" INTEGER NOT NULL,
    "candidateN" INTEGER NOT NULL,
    "baselineMean" DOUBLE PRECISION,
    "candidateMean" DOUBLE PRECISION,
    "baselineRunIdsJson" TEXT NOT NULL,
    "minEffectPct" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeriesVerdict_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SeriesBaseline" ADD CONSTRAINT "SeriesBaseline_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesBaseline" ADD CONSTRAINT "SeriesBaseline_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesBaseline" ADD CONSTRAINT "SeriesBaseline_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesBaseline" ADD CONSTRAINT "SeriesBaseline_comparisonId_fkey" FOREIGN KEY ("comparisonId") REFERENCES "Comparison"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesVerdict" ADD CONSTRAINT "SeriesVerdict_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesVerdict" ADD CONSTRAINT "SeriesVerdict_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesVerdict" ADD CONSTRAINT "SeriesVerdict_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "VmProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
