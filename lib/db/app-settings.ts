import "server-only";
import { db } from "./client";

const SETUP_TOKEN_KEY = "setupTokenHash";

/** Replaces the one-time setup token (only its hash is kept); earlier links stop working. */
export async function storeSetupTokenHash({ tokenHash }: { tokenHash: string }) {
  await db.appSetting.upsert({
    where: { key: SETUP_TOKEN_KEY },
    update: { value: tokenHash },
    create: { key: SETUP_TOKEN_KEY, value: tokenHash },
  });
}

/** Whether this hash is the current setup token. */
export async function isSetupTokenHash({ tokenHash }: { tokenHash: string }): Promise<boolean> {
  return (await db.appSetting.count({ where: { key: SETUP_TOKEN_KEY, value: tokenHash } })) === 1;
}

/** Uses up the setup token: true for exactly one caller, even when two submit at once. */
export async function consumeSetupTokenHash({ tokenHash }: { tokenHash: string }): Promise<boolean> {
  const { count } = await db.appSetting.deleteMany({ where: { key: SETUP_TOKEN_KEY, value: tokenHash } });
  return count === 1;
}
