-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "modelSwitchoverMs" DOUBLE PRECISION;
