-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "leaseToken" TEXT;
