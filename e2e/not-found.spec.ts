import { expect, test } from "./fixtures";

for (const path of [
  "/campaigns/999999",
  "/runs/999999",
  "/testbeds/999999",
  "/runs/abc",
  "/profiles/999999/edit",
  "/testbeds/999999/edit",
  "/no-such-page",
]) {
  test(`unknown address ${path} shows the not-found page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // The tab says so too, not the title of the thing that is missing ("Run #999999").
    await expect(page).toHaveTitle(/not found · migbench$/i);
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
}
