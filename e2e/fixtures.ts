import { test as base, expect, type Page } from "@playwright/test";

/** A name no other test (or earlier run against the same database) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

export const test = base.extend<{ acceptDialogs: void }>({
  // Delete buttons ask for confirmation; tests answer yes.
  acceptDialogs: [
    async ({ page }, use) => {
      page.on("dialog", (d) => d.accept());
      await use();
    },
    { auto: true },
  ],
});

/** Opens the whitepaper reference campaign from the campaign list. */
export async function openReferenceCampaign(page: Page) {
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
}

export { expect };
