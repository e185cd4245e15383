-- AlterTable
ALTER TABLE "Link" ADD COLUMN "modelDirtyingRateFactor" REAL;
ALTER TABLE "Link" ADD COLUMN "modelWireOverhead" REAL;
