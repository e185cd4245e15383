-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "pathJson" TEXT NOT NULL DEFAULT '{}';
