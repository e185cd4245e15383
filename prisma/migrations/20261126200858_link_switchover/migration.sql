-- AlterTable
ALTER TABLE "Link" ADD COLUMN "modelSwitchoverMs" REAL;
