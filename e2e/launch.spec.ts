import { expect, pickTestbed, submitProfileForm, test, uniqueName } from "./fixtures";
import { countRows } from "./db";
import { FORTY, REPLICA, TEN } from "./simulated";

test("launch a campaign from the form, watch it progress live and finish with both links charted", async ({ page }) => {
  const name = uniqueName("10 vs 40 demo");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await pickTestbed(page, REPLICA);
  await expect(page.getByLabel(TEN)).toBeChecked();
  await expect(page.getByLabel(FORTY)).toBeChecked();
  await page.getByLabel("1 × 16 GiB · once").check();
  await page.getByLabel("1 × 16 GiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("2");
  await page.getByLabel("Simulator time").selectOption("10");

  const predictions = page.getByRole("region", { name: "Predictions" });
  await expect(predictions.getByRole("row")).toHaveCount(5);
  await expect(page.getByText("8 runs")).toBeVisible();
  await expect(predictions.getByRole("alert")).toHaveCount(0);

  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  const progress = page.getByRole("progressbar", { name: "Runs finished" });
  await expect(progress).toHaveAttribute("aria-valuemax", "8");
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeLessThan(8);
  await expect(page.getByText(/live — updating/)).toBeVisible();
  // The curves of runs in progress are drawn while they run.
  await expect(
    page.getByRole("figure", { name: "Remaining bytes over time" }).locator(".recharts-line"),
  ).not.toHaveCount(0);
  // Progress moves without a reload, then the campaign completes.
  await expect
    .poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(progress).toHaveAttribute("aria-valuetext", "8 of 8 runs finished", { timeout: 45_000 });
  await expect(page.getByText("8 succeeded")).toBeVisible();
  await expect(page.getByText(/live — updating/)).toHaveCount(0);

  const time = page.getByRole("figure", { name: "Migration time by link" });
  await expect(time.locator(".recharts-bar-rectangle")).toHaveCount(4);
  // Its legend names the links short, the full names in each entry's title.
  const legend = page.getByRole("group", { name: "Links in Migration time by link" });
  await expect(legend.getByRole("button", { name: "10GbE", exact: true })).toHaveAttribute(
    "title",
    new RegExp(`^${TEN.replace(/[()]/g, "\\$&")}`),
  );
  await expect(legend.getByRole("button", { name: "40GbE", exact: true })).toHaveAttribute(
    "title",
    new RegExp(`^${FORTY.replace(/[()]/g, "\\$&")}`),
  );
  const heights = await time
    .locator(".recharts-bar-rectangle path")
    .evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().height));
  // Series order: 10GbE (once, continuous), then 40GbE (once, continuous).
  expect(heights[2]).toBeLessThan(heights[0]);
  expect(heights[3]).toBeLessThan(heights[1]);

  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix).toContainText("n = 2");
  await expect(matrix).toContainText("model:");
  // Downtime is a result like the others: in every cell, and charted against the limit the runs had.
  await expect(matrix.getByText(/^downtime \d/)).toHaveCount(4);
  await expect(page.getByRole("figure", { name: "Downtime by link" })).toContainText("limit 500 ms");
  // The simulator has no guest to feel a pause: no empty chart, no figure invented for it.
  await expect(page.getByRole("figure", { name: "Guest-observed pause by link" })).toHaveCount(0);
  await expect(matrix.getByText(/guest paused/)).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Runs" }).getByText("succeeded")).toHaveCount(8);
});

test("bad launch input shows field errors and launches nothing", async ({ page }) => {
  const before = await countRows("Campaign");
  await page.goto("/campaigns/new");
  await pickTestbed(page, REPLICA);
  await page.getByLabel(TEN).uncheck();
  await page.getByLabel(FORTY).uncheck();
  await page.getByLabel("Iterations per cell").fill("0");
  await page.getByRole("button", { name: "Launch campaign" }).click();

  await expect(page.locator("#name-error")).toHaveText("Name is required");
  await expect(page.locator("#linkIds-error")).toHaveText("Choose at least one link");
  await expect(page.locator("#profileIds-error")).toHaveText("Choose at least one VM profile");
  await expect(page.locator("#iterations-error")).toHaveText("Iterations must be a whole number from 1 to 100");
  await expect(page).toHaveURL(/\/campaigns\/new$/);
  // What was chosen survives the refusal.
  await expect(page.getByRole("combobox", { name: "Testbed" })).toHaveValue(REPLICA);
  await expect(page.getByLabel("Iterations per cell")).toHaveValue("0");

  // The field stops at 200 characters; a longer name sent anyway (the field's limit removed) gets
  // the message beside the field, and what was typed stays.
  await expect(page.getByLabel("Campaign name")).toHaveAttribute("maxlength", "200");
  const long = "n".repeat(5000);
  await page.getByLabel("Campaign name").evaluate((el, value) => {
    el.removeAttribute("maxlength");
    (el as HTMLInputElement).value = value;
  }, long);
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.locator("#name-error")).toHaveText("Name must be at most 200 characters");
  await expect(page.getByLabel("Campaign name")).toHaveValue(long);
  const after = await countRows("Campaign");
  expect(after).toBe(before);
});

test("a combination that cannot converge is flagged before launch and fails with its reason", async ({ page }) => {
  const profile = uniqueName("hot 16 GB");
  await submitProfileForm(page, profile, 16, "continuous", { "Dirty rate per VM (MB/s)": "3000" });
  await expect(page).toHaveURL(/\/profiles$/);

  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(uniqueName("hopeless"));
  await pickTestbed(page, REPLICA);
  await page.getByLabel(FORTY).uncheck();
  // Found by name in the profile picker, which adds and checks it.
  await page.getByRole("combobox", { name: "Find a VM profile by name" }).fill(profile.slice(0, 12));
  await page.getByRole("option").filter({ hasText: profile }).click();
  await expect(page.getByLabel(profile)).toBeChecked();
  await page.getByLabel("Iterations per cell").fill("1");
  await page.getByLabel("Simulator time").selectOption("0");
  const warning = page.getByRole("region", { name: "Predictions" }).getByRole("alert");
  await expect(warning).toContainText("1 combination will not converge");
  await expect(warning).toContainText("Use a link faster than");
  await expect(warning).toContainText("lower the dirty rate");

  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByText("failed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(runs).toContainText("does not converge");
  await expect(runs.getByRole("button", { name: "Re-run" })).toBeVisible();
});

test("the launch form starts on a ready testbed, says why another is not ready, and flags VMs too big for its hosts", async ({
  page,
}) => {
  await page.goto("/campaigns/new");
  const form = page.getByRole("form", { name: "Launch a campaign" });
  await expect(form.getByText(/^Ready: \w+ settings complete/)).toBeVisible();
  const chosen = await page.getByRole("combobox", { name: "Testbed" }).inputValue();
  expect(chosen).not.toBe("ESX 4.1 vMotion — HP DL380 G6");

  // The picker tells ready from not ready before choosing.
  await page.getByRole("combobox", { name: "Testbed" }).fill("ESX 4.1");
  await expect(page.getByRole("listbox", { name: "Testbed matches" }).getByRole("option").first()).toContainText(
    'vsphere · not ready: Set "url"',
  );
  await pickTestbed(page, "ESX 4.1 vMotion — HP DL380 G6");
  const note = form.getByRole("status").filter({ hasText: "Not ready: its runs would fail." });
  await expect(note).toContainText('Set "url" to the vCenter address');
  await expect(note.getByRole("link", { name: "Fix it on the testbed's page" })).toHaveAttribute(
    "href",
    /\/testbeds\/\d+$/,
  );

  // Its hosts have 24 GiB: a 64 GiB VM is flagged on its tile, and again once chosen.
  const big = form.locator("label").filter({ hasText: "1 × 64 GiB · once" });
  await expect(big).toContainText("needs 64 GiB; the hosts have 24 GiB");
  await expect(form.locator("label").filter({ hasText: "1 × 16 GiB · once" })).not.toContainText("needs");
  await big.getByRole("checkbox").check();
  await expect(
    form.getByRole("alert").filter({ hasText: "1 × 64 GiB · once needs more memory than each host" }),
  ).toBeVisible();
});
