import { apiClient, expect, pickTestbed, test, uniqueName } from "./fixtures";
import { countRows, plantTestbed, query } from "./db";
import { FORTY, REPLICA } from "./simulated";

test("a dirty-rate sweep launched from the form draws each metric against it: points, the model's curve and λ = 1", async ({
  page,
}) => {
  const name = uniqueName("dirty-rate sweep");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await pickTestbed(page, REPLICA);
  await page.getByLabel(FORTY).uncheck();
  await page.getByLabel("1 × 16 GiB · once").check();
  await page.getByLabel("Iterations per cell").fill("2");
  await page.getByLabel("Simulator time").selectOption("0");

  // 0, 300, … 1,500 MB/s: past ~1,020 MB/s the 10GbE link cannot keep up (λ > 1); below it pre-copy, like
  // QEMU's, keeps going until it converges (at 900 MB/s after many rounds), whatever it sends.
  await page.getByLabel("Sweep", { exact: true }).selectOption("dirtyRate");
  await page.getByLabel("From (MB/s)").fill("0");
  await page.getByLabel("To (MB/s)").fill("1500");
  await page.getByLabel("Steps").fill("6");
  const predictions = page.getByRole("region", { name: "Predictions" });
  await expect(predictions.getByRole("row")).toHaveCount(7);
  await expect(predictions.getByRole("columnheader", { name: "Swept" })).toBeVisible();
  await expect(predictions.getByRole("alert")).toContainText("at 1200 MB/s");
  await expect(predictions.getByRole("alert")).toContainText("at 1500 MB/s");
  await expect(predictions.getByRole("alert")).not.toContainText("at 900 MB/s");
  await expect(page.getByText("12 runs")).toBeVisible();

  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("region", { name: "Migration settings" })).toContainText(
    "Sweeps dirty rate: 0 MB/s, 300 MB/s, 600 MB/s, 900 MB/s, 1200 MB/s, 1500 MB/s.",
  );
  const progress = page.getByRole("progressbar", { name: "Runs finished" });
  await expect(progress).toHaveAttribute("aria-valuetext", "12 of 12 runs finished", { timeout: 60_000 });

  const time = page.getByRole("figure", { name: "Migration time against dirty rate (MB/s)" });
  await expect(time).toBeVisible();
  // A measured point per swept value that converged (4 of 6), the model's curve, and λ = 1 marked.
  await expect(time.locator(".recharts-scatter-symbol")).toHaveCount(4);
  await expect(time.locator(".recharts-line path.recharts-curve")).toHaveCount(1);
  await expect(time.getByText("λ = 1")).toBeVisible();
  // Time rises with the dirty rate: the points climb left to right (SVG y grows downwards).
  const ys = await time
    .locator(".recharts-scatter-symbol path")
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().y));
  expect(ys[ys.length - 1]).toBeLessThan(ys[0]);
  for (const metric of ["Data transferred", "Downtime"])
    await expect(page.getByRole("figure", { name: `${metric} against dirty rate (MB/s)` })).toBeVisible();
  await expect(page.getByText(/No run succeeded at: 1200 .*; 1500 \(10GbE \(simulated\), 2 failed\)/)).toBeVisible();
  // The simulator plays the model with a little noise: its measured means sit within a few percent of the curve.
  const fit = page.getByRole("table", { name: "Model against measurement" });
  await expect(fit.getByRole("row").filter({ hasText: "10GbE (simulated)" }).getByRole("cell").nth(0)).toHaveText(
    /^±\d% median/,
  );

  // The matrix has a row per swept value; the runs say theirs.
  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix.getByRole("rowheader")).toHaveCount(6);
  await expect(matrix.getByRole("rowheader", { name: /1 × 16 GiB · once · 900 MB\/s/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("columnheader", { name: "Swept" })).toBeVisible();
});

test("two strategies side by side: each run stores its variant and the matrix keeps them apart", async ({ page }) => {
  const name = uniqueName("strategies");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await pickTestbed(page, REPLICA);
  await page.getByLabel(FORTY).uncheck();
  await page.getByLabel("1 × 16 GiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("1");
  await page.getByLabel("Simulator time").selectOption("0");
  await page.getByRole("button", { name: "Add a variant" }).click();
  await page.getByLabel("Strategy (variant 2)").selectOption("postcopy");
  await page.getByLabel("Multifd channels").nth(1).fill("4");
  const predictions = page.getByRole("region", { name: "Predictions" });
  await expect(predictions.getByRole("cell", { name: "post-copy · multifd ×4" })).toBeVisible();
  await expect(page.getByText("2 runs")).toBeVisible();

  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("progressbar", { name: "Runs finished" })).toHaveAttribute(
    "aria-valuetext",
    "2 of 2 runs finished",
    { timeout: 60_000 },
  );
  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix.getByRole("rowheader", { name: /continuous · Pre-copy/ })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: /continuous · post-copy · multifd ×4/ })).toBeVisible();
  // Post-copy's pause is the switchover: far shorter than pre-copy's stop-and-copy of a hot guest.
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByRole("cell", { name: "post-copy · multifd ×4" })).toBeVisible();
  const campaignUrl = page.url();
  const id = Number(page.url().split("/").pop());
  const api = await apiClient("viewer");
  const body = await (await api.get(`/api/campaigns/${id}`)).json();
  const rows = body.results.rows as { settingsKey: string; label: string }[];
  expect(rows.map((r) => r.settingsKey).sort()).toEqual(["", "post-copy · multifd ×4"]);
  expect(body.campaign.variants).toHaveLength(2);

  // The campaign's Compare card puts the two against each other on /compare: one group, a side per variant.
  await page
    .getByRole("region", { name: "Compare" })
    .getByRole("link", { name: "post-copy · multifd ×4 against Pre-copy" })
    .click();
  await expect(page).toHaveURL(/bv=Pre-copy&cv=post-copy/);
  const comparison = page.getByRole("table", { name: "Comparison" });
  await expect(comparison.getByRole("rowheader")).toHaveText([/^1 × 16 GiB · continuous · [0-9.]+ Gb\/s/]);
  await expect(comparison.getByRole("row").filter({ hasText: "continuous" })).toContainText("n = 1");
  await expect(page.getByText(`Baseline: ${name} · Pre-copy (1 runs)`)).toBeVisible();
  await expect(page.getByText(`Candidate: ${name} · post-copy · multifd ×4 (1 runs)`)).toBeVisible();
  // Unpinning the candidate splits its variants into groups of their own again.
  const controls = page.getByRole("form", { name: "Comparison controls" });
  await expect(controls.getByLabel("Settings variant").nth(1)).toHaveValue("post-copy · multifd ×4");
  await controls.getByLabel("Settings variant").nth(1).selectOption("");
  await controls.getByRole("button", { name: "Show comparison" }).click();
  await expect(page).not.toHaveURL(/cv=/);
  await expect(comparison.getByRole("rowheader")).toHaveCount(2);
  await expect(comparison.getByRole("rowheader").nth(1)).toContainText("post-copy · multifd ×4");

  // The post-copy run's page says what it ran with and what that did.
  await page.goto(campaignUrl);
  await page
    .getByRole("table", { name: "Runs" })
    .getByRole("row")
    .filter({ hasText: "post-copy · multifd ×4" })
    .getByRole("link", { name: /^#\d+$/ })
    .click();
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Migration settings" }) });
  await expect(card).toContainText("post-copy · multifd ×4");
  await expect(card).toContainText("Switched to post-copy at");
  await expect(card).toContainText("Guest ran degraded (post-copy) for");
});

test("a vSphere testbed greys the settings out with the reason, and the API refuses them", async ({ page }) => {
  const { testbedId, linkId } = await plantTestbed(uniqueName("vmotion"), "vsphere", {
    url: "https://vc.example.com",
    username: "u",
    passwordRef: "env:MIGBENCH_SECRET_NONE",
    vms: ["vm-1"],
  });
  await page.goto(`/campaigns/new?testbed=${testbedId}`);
  await expect(page.getByRole("note").filter({ hasText: "applies no migration settings" })).toContainText(
    "vMotion chooses its own strategy",
  );
  await expect(page.getByRole("option", { name: /Auto-converge — not on this testbed/ })).toBeDisabled();
  await expect(page.getByLabel("Multifd channels")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add a variant" })).toBeDisabled();

  const campaigns = await countRows("Campaign");
  const api = await apiClient("operator");
  const profiles = (await (await api.get("/api/profiles")).json()).profiles as { id: number }[];
  const res = await api.post("/api/campaigns", {
    data: {
      name: "refused",
      testbedId,
      linkIds: [linkId],
      profileIds: [profiles[0].id],
      iterations: 1,
      variants: [{ strategy: "postcopy" }],
    },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(
    /Variant 1 \(post-copy\) cannot run on this testbed: post-copy: vMotion/,
  );
  // A bad variant or sweep is refused by the schema, naming what is wrong.
  const bad = await api.post("/api/campaigns", {
    data: {
      name: "bad",
      testbedId,
      linkIds: [linkId],
      profileIds: [profiles[0].id],
      iterations: 1,
      variants: [{ multifdChannels: 64 }],
      sweep: { variable: "dirtyRate", from: 0, to: 1e9, steps: 500 },
    },
  });
  expect(bad.status()).toBe(400);
  const errors = (await bad.json()).error.fieldErrors;
  expect(errors.variants.join(" ")).toMatch(/Multifd channels must be a whole number from 1 to 16/);
  expect(errors.sweep.join(" ")).toMatch(/Steps must be a whole number from 2 to 50/);
  expect(await countRows("Campaign")).toBe(campaigns);
});

test("each added variant starts on a strategy not yet used, and the predictions have one row per combination", async ({
  page,
}) => {
  await page.goto("/campaigns/new");
  await pickTestbed(page, REPLICA);
  // Both links × two profiles: 4 combinations per variant.
  await page.getByLabel("1 × 16 GiB · once").check();
  await page.getByLabel("1 × 16 GiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("1");
  const predictions = page.getByRole("region", { name: "Predictions" });
  // One header row, then a row per combination.
  const combinations = (n: number) => expect(predictions.getByRole("row")).toHaveCount(n + 1);
  await combinations(4);

  const add = page.getByRole("button", { name: "Add a variant" });
  await add.click();
  await expect(page.getByLabel("Strategy (variant 2)")).toHaveValue("auto-converge");
  await combinations(8);
  await add.click();
  await expect(page.getByLabel("Strategy (variant 3)")).toHaveValue("postcopy");
  await combinations(12);
  await expect(page.getByText("12 runs")).toBeVisible();

  // Removing the second leaves pre-copy and post-copy: the next one added takes auto-converge again.
  await page.getByRole("button", { name: "Remove variant 2" }).click();
  await combinations(8);
  await expect(page.getByLabel("Strategy (variant 2)")).toHaveValue("postcopy");
  await add.click();
  await expect(page.getByLabel("Strategy (variant 3)")).toHaveValue("auto-converge");
  await combinations(12);
  await page.getByRole("button", { name: "Remove variant 1" }).click();
  await combinations(8);
  await add.click();
  await expect(page.getByLabel("Strategy (variant 3)")).toHaveValue("precopy");
  await combinations(12);
  await expect(page.getByRole("alert").filter({ hasText: "Repeats variant" })).toHaveCount(0);

  // Made alike by hand, a variant says which one it repeats (the server would refuse it), at its field.
  await page.getByLabel("Strategy (variant 3)").selectOption("postcopy");
  await expect(page.getByLabel("Strategy (variant 3)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Repeats variant" })).toHaveText(
    "Repeats variant 1 (post-copy): change its strategy or a setting.",
  );
  await combinations(12);
});

test("a sweep starts from a sensible range, says why it gives no runs, and 'as fast as possible' is not 0 ms", async ({
  page,
}) => {
  await page.goto("/campaigns/new");
  await pickTestbed(page, REPLICA);
  await page.getByLabel(FORTY).uncheck();
  await page.getByLabel("1 × 16 GiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("1");

  await page.getByLabel("Sweep", { exact: true }).selectOption("bandwidth");
  await expect(page.getByLabel("From (% of the link)")).toHaveValue("10");
  await expect(page.getByLabel("To (% of the link)")).toHaveValue("100");
  await expect(page.getByLabel("Steps")).toHaveValue("7");
  await expect(page.getByText("7 runs")).toBeVisible();
  // Another variable starts from its own range, not the last one's numbers in another unit.
  await page.getByLabel("Sweep", { exact: true }).selectOption("dirtyRate");
  await expect(page.getByLabel("From (MB/s)")).toHaveValue("0");
  await expect(page.getByLabel("To (MB/s)")).toHaveValue("1200");

  // Emptied or out of bounds, the sweep says why there are no runs, in the unit typed.
  await page.getByLabel("To (MB/s)").fill("");
  await expect(page.getByRole("status").filter({ hasText: "No runs yet" })).toHaveText(
    "No runs yet: Give From and To (MB/s) to sweep the dirty rate.",
  );
  await expect(page.getByText("0 runs: the sweep has no values yet (see above)")).toBeVisible();
  await page.getByLabel("To (MB/s)").fill("5000000");
  await expect(page.getByRole("status").filter({ hasText: "No runs yet" })).toHaveText(
    "No runs yet: Dirty rate values must be from 0 to 1000000 MB/s; 5000000 is not.",
  );
  await page.getByLabel("To (MB/s)").fill("600");
  await expect(page.getByRole("status").filter({ hasText: "No runs yet" })).toHaveCount(0);
  await expect(page.getByText("7 runs")).toBeVisible();

  // Accelerated, the wall time is the model's time shrunk; as fast as possible, it is not "0 ms".
  const summary = page.getByText(/^predicted .* of migration/);
  await expect(summary).toContainText(/about [\d.]+ (ms|s) of wall time/);
  await page.getByLabel("Simulator time").selectOption("0");
  await expect(summary).toContainText("played without waiting: as fast as the workers compute it");
  await expect(summary).not.toContainText("0 ms");
});

test("a dirty-rate sweep says it makes a 'once' profile dirty memory, and its runs do", async ({ page }) => {
  const name = uniqueName("once swept");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await pickTestbed(page, REPLICA);
  await page.getByLabel(FORTY).uncheck();
  await page.getByLabel("1 × 16 GiB · once").check();
  await page.getByLabel("1 × 16 GiB · continuous").check();
  await page.getByLabel("Iterations per cell").fill("1");
  await page.getByLabel("Simulator time").selectOption("0");
  await page.getByLabel("Sweep", { exact: true }).selectOption("dirtyRate");
  await page.getByLabel("Values", { exact: true }).selectOption("list");
  await page.getByLabel(/^Dirty rate values/).fill("0, 600");
  const note = page.getByRole("note").filter({ hasText: "A dirty-rate sweep sets each VM's workload" });
  await expect(note).toContainText("at 0 MB/s the guest writes its memory once, at any higher rate it dirties memory");
  // Only the profile whose own workload changes is named.
  await expect(note).toContainText(
    "So 1 × 16 GiB · once (once in its profile) is migrated while memory is dirtied continuously",
  );
  await expect(note).not.toContainText("1 × 16 GiB · continuous");
  await expect(page.getByText("4 runs")).toBeVisible();

  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const id = Number(page.url().split("/").pop());
  // The run the runner plays at 600 MB/s of the 'once' profile dirties memory, as the form said.
  const [run] = await query<{ id: number }>(
    `SELECT r."id" FROM "Run" r JOIN "VmProfile" p ON p."id" = r."profileId"
     WHERE r."campaignId" = ? AND p."name" = '1 × 16 GiB · once' AND r."sweepValue" = 600000000`,
    id,
  );
  await page.goto(`/runs/${run.id}`);
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "VM profile" }) });
  await expect(card).toContainText(/continuous at 600(\.0)? MB\/s/);
  await expect(card).toContainText("The profile says once; the campaign's dirty-rate sweep set this run's workload.");
});
