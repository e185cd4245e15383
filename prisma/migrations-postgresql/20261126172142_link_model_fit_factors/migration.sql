-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "modelDirtyingRateFactor" DOUBLE PRECISION,
ADD COLUMN     "modelWireOverhead" DOUBLE PRECISION;
