-- AlterTable
ALTER TABLE "Testbed" ADD COLUMN     "modelDirtyingRateFactor" DOUBLE PRECISION,
ADD COLUMN     "modelStreamCeilingGbps" DOUBLE PRECISION,
ADD COLUMN     "modelSwitchoverMs" DOUBLE PRECISION,
ADD COLUMN     "modelWireOverhead" DOUBLE PRECISION;
