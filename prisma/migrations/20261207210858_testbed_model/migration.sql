-- AlterTable
ALTER TABLE "Testbed" ADD COLUMN "modelDirtyingRateFactor" REAL;
ALTER TABLE "Testbed" ADD COLUMN "modelStreamCeilingGbps" REAL;
ALTER TABLE "Testbed" ADD COLUMN "modelSwitchoverMs" REAL;
ALTER TABLE "Testbed" ADD COLUMN "modelWireOverhead" REAL;
