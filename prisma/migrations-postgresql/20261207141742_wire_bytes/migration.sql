-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "wireBytes" DOUBLE PRECISION,
ADD COLUMN     "wireVerdict" TEXT;
