-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3);
