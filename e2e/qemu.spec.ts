import { listMigbenchQemuProcesses } from "../lib/hypervisors/qemu/processes";
import { expect, pickTestbed, test, uniqueName } from "./fixtures";

const LOCAL = "Local QEMU (loopback)";

test("the local QEMU testbed is ready when checked and shows its emulated link rates", async ({ page }) => {
  await page.goto("/testbeds");
  await page.getByRole("link", { name: "Local QEMU (loopback)" }).click();
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Ready: migrations can run on this testbed." }),
  ).toBeVisible();
  await expect(page.getByText(/QEMU emulator version/)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "40GbE (scaled)" })).toContainText("runs at 2.70 Gb/s");
});

test("a campaign of real QEMU migrations launched from the form is charted with its scale", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(uniqueName("real qemu"));
  await pickTestbed(page, LOCAL);
  await expect(page.getByLabel("10GbE (scaled)")).toBeChecked();
  await page.getByLabel("QEMU 256 MiB · once").check();
  await page.getByLabel("QEMU 256 MiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("1");
  await expect(page.getByText("emulated at 1.00 Gb/s")).toBeVisible();
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("note").filter({ hasText: "ran at" })).toContainText("a 10GbE link ran at 1.00 Gb/s");

  const progress = page.getByRole("progressbar", { name: "Runs finished" });
  await expect(progress).toHaveAttribute("aria-valuetext", "4 of 4 runs finished", { timeout: 150_000 });
  await expect(page.getByText("4 succeeded")).toBeVisible();
  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix).toContainText("emulated at 1.00 Gb/s (×0.1)");
  await expect(matrix).toContainText("emulated at 2.70 Gb/s (×0.1)");
  const time = page.getByRole("figure", { name: "Migration time by link" });
  await expect(time.locator(".recharts-bar-rectangle")).toHaveCount(4);
  const heights = await time
    .locator(".recharts-bar-rectangle path")
    .evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().height));
  expect(heights[2]).toBeLessThan(heights[0]); // once: 2.7 Gb/s beats 1 Gb/s
  // The guest's own heartbeat: every cell says how long it paused, and the pause has its chart.
  await expect(matrix.getByText(/^guest paused [\d.]+ m?s$/)).toHaveCount(4);
  const pause = page.getByRole("figure", { name: "Guest-observed pause by link" });
  await expect(pause.locator(".recharts-bar-rectangle")).toHaveCount(4);

  await page
    .getByRole("table", { name: "Runs" })
    .getByRole("row")
    .filter({ hasText: "QEMU 256 MiB · continuous" })
    .first()
    .getByRole("link")
    .click();
  await expect(page.getByText(/emulated \(10.00 Gb\/s × 0.1\)|emulated \(27.00 Gb\/s × 0.1\)/)).toBeVisible();
  const felt = page.getByRole("term").filter({ hasText: "Guest-observed pause" }).locator("xpath=..");
  await expect(felt).toContainText(/\d+ m?s/);
  await expect(felt).toContainText("beyond the reported downtime");
  await expect(page.getByRole("figure", { name: "Remaining bytes over time" }).locator(".recharts-line")).toHaveCount(
    1,
  );
  await page.getByText("Show what the adapter reported").click();
  await expect(page.getByText(/"accelerator": "tcg"/)).toBeVisible();
  expect(listMigbenchQemuProcesses()).toEqual([]);

  // Simulator vs reality: the model's link parameters fitted to these real runs.
  await page.goto("/testbeds");
  await page.getByRole("link", { name: "Local QEMU (loopback)" }).click();
  const fit = page.getByRole("table", { name: "Model fit" });
  await expect(fit.getByRole("row").filter({ hasText: "10GbE (scaled)" })).toContainText("efficiency");
  await page.getByRole("button", { name: "Apply fitted parameters" }).click();
  await expect(page.getByText(/Model parameters of 2 links updated from measured runs/)).toBeVisible();
});

test("cancelling a running QEMU migration from the UI stops it and its processes", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(uniqueName("cancel qemu"));
  await pickTestbed(page, LOCAL);
  await page.getByLabel("40GbE (scaled)").uncheck();
  await page.getByLabel("QEMU 1 GiB · once").check();
  await page.getByLabel("Iterations per cell").fill("1");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByText("running", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => listMigbenchQemuProcesses().length, { timeout: 30_000 }).toBeGreaterThan(0);
  await runs.getByRole("button", { name: "Cancel" }).click();
  await expect(runs.getByText("cancelled", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(runs).toContainText("Cancelled by the user");
  await expect.poll(() => listMigbenchQemuProcesses(), { timeout: 10_000 }).toEqual([]);
});
