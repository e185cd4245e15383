import "server-only";
import { randomBytes } from "node:crypto";
import { hashToken } from "./tokens";
import { storeSetupTokenHash } from "@/lib/db/app-settings";

/**
 * A new one-time setup token (256 random bits). Only its hash is stored, replacing any earlier
 * one: the link printed last is the one that works, until it is used.
 */
export async function issueSetupToken(): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await storeSetupTokenHash({ tokenHash: hashToken(token) });
  return token;
}
