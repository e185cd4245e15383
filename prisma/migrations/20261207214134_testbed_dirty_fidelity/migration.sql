-- AlterTable
ALTER TABLE "Testbed" ADD COLUMN "modelDirtyRateFidelity" REAL;
