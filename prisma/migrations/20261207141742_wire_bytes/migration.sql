-- AlterTable
ALTER TABLE "Run" ADD COLUMN "wireBytes" REAL;
ALTER TABLE "Run" ADD COLUMN "wireVerdict" TEXT;
