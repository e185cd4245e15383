import "server-only";
import { activeAdminExists } from "@/lib/db/users";

let adminSeen = false;

/**
 * Whether the app still waits for its first admin. Once an admin exists it is remembered for the
 * life of the process (the last enabled admin can be neither disabled nor demoted).
 */
export async function setupPending(): Promise<boolean> {
  if (adminSeen) return false;
  adminSeen = await activeAdminExists();
  return !adminSeen;
}
