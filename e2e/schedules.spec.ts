import type { Page } from "@playwright/test";
import { query } from "./db";
import { expect, test, uniqueName } from "./fixtures";
import { simulatedCampaign } from "./simulated";

/**
 * Schedules after they are made: edited (times, name, pause) through the same form and checks as when
 * made, and run from a phone, whose screen the Pause and Delete buttons stay on.
 */

/** Makes a schedule from the campaign's page through its form. */
async function scheduleFromCampaign(page: Page, campaignId: number, name: string, cron: string) {
  await page.goto(`/campaigns/${campaignId}`);
  const form = page.getByRole("form", { name: "Run on a schedule" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("When (cron, UTC)").fill(cron);
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled: first run/)).toBeVisible();
}

test("editing a schedule changes when it runs, shown in words with its next runs; a duplicate is refused at the field", async ({
  page,
  request,
}) => {
  const campaign = await simulatedCampaign(request, 1);
  const name = uniqueName("mornings");
  const other = uniqueName("at four");
  // Minutes no other test uses: schedules of the same matrix at the same times are one schedule.
  await scheduleFromCampaign(page, campaign.id, name, "17 3 * * 1-5");
  await scheduleFromCampaign(page, campaign.id, other, "17 4 * * *");

  await page.goto("/schedules");
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\/edit$/);
  const form = page.getByRole("form", { name: "Edit schedule" });
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("When (cron, UTC)")).toHaveValue("17 3 * * 1-5");
  await expect(form.getByRole("status")).toContainText("At 03:17, Monday through Friday (UTC)");
  await expect(form.getByLabel("Paused")).not.toBeChecked();

  await form.getByLabel("When (cron, UTC)").fill("43 6 * * 6,0");
  await expect(form.getByRole("status")).toContainText("At 06:43, only on Sunday and Saturday (UTC)");
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(page).toHaveURL(/\/schedules$/);
  await expect(row.getByText("43 6 * * 6,0")).toBeVisible();
  await expect(row.getByText("At 06:43, only on Sunday and Saturday (UTC)")).toBeVisible();
  const next = row.getByRole("list", { name: `Next runs of ${name}` }).getByRole("listitem");
  await expect(next).toHaveCount(5);
  for (const when of await next.allTextContents()) expect(when).toMatch(/^\d{4}-\d\d-\d\d 06:43 UTC$/);

  // Onto the other schedule's times: the same matrix twice at once is refused, at the cron field.
  await row.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("form", { name: "Edit schedule" }).getByLabel("When (cron, UTC)").fill("17 4 * * *");
  await page.getByRole("form", { name: "Edit schedule" }).getByRole("button", { name: "Save schedule" }).click();
  await expect(page.locator("#cron-error")).toContainText(`Schedule “${other}”`);
  await expect(page.locator("#cron-error")).toContainText("already launches this campaign's matrix");
  await expect(page.getByRole("form", { name: "Edit schedule" }).getByLabel("When (cron, UTC)")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  expect(await query(`SELECT "cron" FROM "Schedule" WHERE "name" = ?`, name)).toEqual([{ cron: "43 6 * * 6,0" }]);

  // Paused from the form: the list says so instead of its next runs; the audit log has the edits.
  await page.getByRole("form", { name: "Edit schedule" }).getByLabel("When (cron, UTC)").fill("43 6 * * 6,0");
  await page.getByRole("form", { name: "Edit schedule" }).getByLabel("Paused").check();
  await page.getByRole("form", { name: "Edit schedule" }).getByRole("button", { name: "Save schedule" }).click();
  await expect(page).toHaveURL(/\/schedules$/);
  await expect(row.getByText("paused")).toBeVisible();
  await expect(row.getByRole("button", { name: "Resume" })).toBeVisible();
  const audit = await query<{ summary: string }>(
    `SELECT "summary" FROM "AuditEvent" WHERE "action" = 'schedule.update' AND "summary" LIKE ? ORDER BY "id"`,
    `%${name}%`,
  );
  expect(audit.map((a) => a.summary)).toEqual([
    `Edited schedule “${name}”: 43 6 * * 6,0 UTC`,
    `Edited schedule “${name}”: 43 6 * * 6,0 UTC, paused`,
  ]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a schedule's Pause and Delete buttons are on the screen and work, with no sideways scrolling", async ({
    page,
    request,
  }) => {
    const campaign = await simulatedCampaign(request, 1);
    const name = uniqueName("phone nightly");
    await scheduleFromCampaign(page, campaign.id, name, "29 2 * * *");

    await page.goto("/schedules");
    const row = page.getByRole("row").filter({ hasText: name });
    // Within the screen's width (the page scrolls down to them as to anything else).
    const onScreen = async (button: string, role: "button" | "link" = "button") => {
      const box = await row.getByRole(role, { name: button }).boundingBox();
      expect(box, button).not.toBeNull();
      expect(box!.x, button).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, button).toBeLessThanOrEqual(390);
    };
    await onScreen("Pause");
    await onScreen("Delete");
    await onScreen("Edit", "link");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await row.getByRole("button", { name: "Pause" }).click();
    await expect(row.getByText("paused")).toBeVisible();
    await onScreen("Resume");
    await row.getByRole("button", { name: "Resume" }).click();
    await expect(row.getByRole("button", { name: "Pause" })).toBeVisible();
    await row.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  });
});
