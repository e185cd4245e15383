-- AlterTable
ALTER TABLE "Run" ADD COLUMN "leaseExpiresAt" DATETIME;
