-- CreateIndex
CREATE INDEX "Campaign_testbedId_idx" ON "Campaign"("testbedId");

-- CreateIndex
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_campaignId_profileId_linkId_status_idx" ON "Run"("campaignId", "profileId", "linkId", "status");
