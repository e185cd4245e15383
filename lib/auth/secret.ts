import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The key that signs session cookies: MIGBENCH_AUTH_SECRET, or a random one created on first use in
 * data/auth-secret (mode 600) and kept there, so sessions survive restarts and there is nothing to
 * configure. Every process that serves the app must see the same value.
 */
export function authSecret(): string {
  const fromEnv = process.env.MIGBENCH_AUTH_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("MIGBENCH_AUTH_SECRET must be at least 32 characters");
    return fromEnv;
  }
  const file = path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    process.env.MIGBENCH_AUTH_SECRET_FILE || "data/auth-secret",
  );
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
