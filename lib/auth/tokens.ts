import { createHash, randomBytes } from "node:crypto";

/** Personal API tokens: "mbt_" + 256 random bits. Only the SHA-256 is stored. */
export const TOKEN_PREFIX = "mbt_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token, its hash for the database and the part shown in lists. */
export function generateToken(): { token: string; tokenHash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** Whether a string has the shape of a token (cheap check before hashing and a lookup). */
export function looksLikeToken(value: string): boolean {
  return /^mbt_[A-Za-z0-9_-]{43}$/.test(value);
}
