-- AlterTable
ALTER TABLE "Testbed" ADD COLUMN     "modelDirtyRateFidelity" DOUBLE PRECISION;
