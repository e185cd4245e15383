-- AlterTable
ALTER TABLE "Worker" ADD COLUMN     "leasesLost" INTEGER NOT NULL DEFAULT 0;
