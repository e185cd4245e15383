import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/*
 * The user CLI (bin/user.ts), as the browser tests and the benchmark call it to make accounts and
 * API tokens in a database of their own.
 */

function userCli(args: string[], databaseUrl: string, input?: string): string {
  return execFileSync("npx", ["tsx", "--conditions", "react-server", "bin/user.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    input,
    stdio: ["pipe", "pipe", "inherit"],
  }).trim();
}

/** Adds an account with a role; the password is read from standard input as a person would type it. */
export function addUser(databaseUrl: string, email: string, role: string, password: string): void {
  userCli(["add", "--email", email, "--role", role], databaseUrl, `${password}\n`);
}

/** A new API token of an existing account, as printed (shown once). */
export function createToken(databaseUrl: string, email: string, name: string): string {
  return userCli(["token", "--email", email, "--name", name], databaseUrl);
}
