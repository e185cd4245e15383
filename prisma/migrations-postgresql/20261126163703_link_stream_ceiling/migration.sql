-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "modelStreamCeilingGbps" DOUBLE PRECISION;
