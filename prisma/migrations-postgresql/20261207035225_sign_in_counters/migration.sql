-- CreateTable
CREATE TABLE "SignInCounter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "recorded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInCounter_pkey" PRIMARY KEY ("key")
);
