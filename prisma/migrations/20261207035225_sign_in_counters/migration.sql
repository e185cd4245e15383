-- CreateTable
CREATE TABLE "SignInCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" DATETIME NOT NULL,
    "blockedUntil" DATETIME,
    "recorded" INTEGER NOT NULL DEFAULT 0
);
