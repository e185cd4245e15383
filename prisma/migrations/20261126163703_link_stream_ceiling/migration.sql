-- AlterTable
ALTER TABLE "Link" ADD COLUMN "modelStreamCeilingGbps" REAL;
