import { expect, submitProfileForm, test, uniqueName } from "./fixtures";

test("a continuous profile without a dirty rate is refused; a valid one is listed", async ({ page }) => {
  const name = uniqueName("4 × 4 GB continuous");
  await submitProfileForm(page, name, 4, "continuous", { "Number of VMs": "4" });
  await expect(page.locator("#dirtyRateMBps-error")).toHaveText("A continuous workload needs a dirty rate in MB/s");
  await expect(page).toHaveURL(/\/profiles\/new$/);
  await expect(page.getByLabel("Memory workload")).toHaveValue("continuous");
  await expect(page.getByLabel("Number of VMs")).toHaveValue("4");

  await page.getByLabel("Dirty rate per VM (MB/s)").fill("250");
  await page.getByRole("button", { name: "Create VM profile" }).click();
  await expect(page).toHaveURL(/\/profiles$/);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("4 GiB");
  await expect(row).toContainText("16 GiB");
  await expect(row).toContainText("250.0 MB/s");

  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("a profile with published results cannot be deleted", async ({ page }) => {
  await page.goto("/profiles");
  const row = page.getByRole("row").filter({ hasText: "1 × 16 GiB · once" });
  await row.getByRole("button", { name: "Delete" }).click();
  // The two published runs, plus any that other tests launched with this profile.
  await expect(row.getByRole("alert")).toContainText(/\d+ runs use this profile; delete their campaigns first/);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "1 × 16 GiB · once" })).toBeVisible();
});
