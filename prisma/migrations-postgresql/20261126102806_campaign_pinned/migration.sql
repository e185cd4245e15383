-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Campaign_pinned_id_idx" ON "Campaign"("pinned", "id");
