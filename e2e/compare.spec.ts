import fs from "node:fs";
import type { Locator } from "@playwright/test";
import { expect, pickTestbed, test, uniqueName } from "./fixtures";
import { FORTY, REPLICA, TEN, replicaIds as ids, simulatedCampaign } from "./simulated";
import { countRows } from "./db";

/** Types into a searchable picker and chooses the match with that exact name. */
async function pick(scope: Locator, label: string, name: string) {
  const box = scope.getByRole("combobox", { name: label });
  await box.fill(name);
  await scope
    .getByRole("listbox", { name: `${label} matches` })
    .getByRole("option")
    .filter({ hasText: name })
    .first()
    .click();
  await expect(box).toHaveValue(name);
}

test("a comparison built with the controls is fully described by its URL", async ({
  page,
  request,
  browser,
  context,
}) => {
  const campaign = await simulatedCampaign(request, 3);
  await page.goto("/compare");
  const controls = page.getByRole("form", { name: "Comparison controls" });
  const baseline = controls.getByRole("group", { name: "Baseline" });
  const candidate = controls.getByRole("group", { name: "Candidate" });
  await pick(baseline, "Campaign", campaign.name);
  await pick(baseline, "Link", TEN);
  await pick(candidate, "Campaign", campaign.name);
  await pick(candidate, "Link", FORTY);
  await controls.getByLabel("Metric").selectOption("durationMs");
  await controls.getByRole("button", { name: "Show comparison" }).click();
  await expect(page).toHaveURL(
    new RegExp(
      `b=campaign%3A${campaign.id}%2Blink%3A\\d+&c=campaign%3A${campaign.id}%2Blink%3A\\d+&metric=durationMs&group=profile`,
    ),
  );

  const table = page.getByRole("table", { name: "Comparison" });
  const row = table.getByRole("row").filter({ hasText: "1 × 16 GiB · once" });
  await expect(row).toContainText("n = 3");
  // Significant (p < 0.05); how small p is with 3 runs a side depends on the runs' seeded noise.
  await expect(row).toContainText(/is faster: 2\.\d\d× \[2\.\d\d, 2\.\d\d\], p (< 0\.001|= 0\.0[0-4]\d)/);
  await expect(
    page.getByRole("figure", { name: "Baseline vs candidate" }).locator(".recharts-bar-rectangle"),
  ).toHaveCount(2);
  await expect(page.getByRole("figure", { name: "Remaining bytes over time" }).locator(".recharts-line")).toHaveCount(
    6,
  );
  const shown = await table.innerText();

  // Which runs are overlaid is a choice, kept in the URL: one per side, the candidate's dashed.
  await page.getByText("Choose the runs to overlay").click();
  const chooser = page.getByRole("form", { name: "Runs to overlay" });
  for (const side of ["Baseline", "Candidate"]) {
    const boxes = chooser.getByRole("group", { name: new RegExp(`^${side}`) }).getByRole("checkbox");
    await expect(boxes).toHaveCount(3);
    await boxes.nth(1).uncheck();
    await boxes.nth(2).uncheck();
  }
  await chooser.getByRole("button", { name: "Overlay these runs" }).click();
  await expect(page).toHaveURL(/&curves=\d+\.\d+$/);
  const curves = page.getByRole("figure", { name: "Remaining bytes over time" });
  await expect(curves.locator(".recharts-line")).toHaveCount(2);
  await expect(curves.locator(".recharts-legend-wrapper")).toContainText(/Baseline · 10GbE \(simulated\) · run #\d+/);
  await expect(curves.locator(".recharts-legend-wrapper")).toContainText(/Candidate · 40GbE .* · run #\d+/);
  await expect(curves.locator(".recharts-line path[stroke-dasharray]")).toHaveCount(1);
  await page.goBack();
  await expect(curves.locator(".recharts-line")).toHaveCount(6);

  // "Copy link" copies exactly the address that describes the view.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Link copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  // A fresh browser (no cookies, no storage) opening the link sees the same numbers.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(copied);
  await expect(fresh.getByRole("table", { name: "Comparison" })).toBeVisible();
  expect(await fresh.getByRole("table", { name: "Comparison" }).innerText()).toBe(shown);
  await other.close();

  // The chart image for reports uses the same selection.
  const svg = await request.get(copied.replace("/compare?", "/compare/image.svg?"));
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("1 × 16 GiB · once");
});

test("groups keep VM sizes apart unless pooled, and a pooled group says what it mixes", async ({ page, request }) => {
  const { ten, forty } = await ids(request);
  const campaign = await simulatedCampaign(request, 2, ["1 × 16 GiB · once", "1 × 64 GiB · once"]);
  await page.goto(
    `/compare?b=campaign%3A${campaign.id}%2Blink%3A${ten}&c=campaign%3A${campaign.id}%2Blink%3A${forty}&metric=durationMs&group=workload`,
  );
  const table = page.getByRole("table", { name: "Comparison" });
  const groups = table.getByRole("rowheader");
  await expect(groups).toHaveText(["1 × 16 GiB · once", "1 × 64 GiB · once"]);
  await expect(table.getByRole("row").filter({ hasText: "1 × 64 GiB · once" })).toContainText("n = 2");
  await expect(page.getByText(/VM sizes pooled/)).toHaveCount(0);

  const controls = page.getByRole("form", { name: "Comparison controls" });
  await controls.getByLabel("Pool VM sizes").check();
  await controls.getByRole("button", { name: "Show comparison" }).click();
  await expect(page).toHaveURL(/&pool=1/);
  await expect(groups).toHaveCount(1);
  await expect(groups.first()).toContainText("once");
  await expect(groups.first()).toContainText("mixes 2 VM profiles: 1 × 16 GiB · once; 1 × 64 GiB · once");
  await expect(table.getByRole("row").filter({ hasText: "mixes 2 VM profiles" })).toContainText("n = 4");
  await expect(page.getByText(/^VM sizes pooled: groups may mix VM counts and memory sizes/)).toBeVisible();
});

test("a saved comparison keeps its runs when new runs arrive", async ({ page, request }) => {
  const { testbedId, ten, forty } = await ids(request);
  await simulatedCampaign(request, 3);
  const query = `b=testbed:${testbedId}%2Blink:${ten}&c=testbed:${testbedId}%2Blink:${forty}&metric=throughputGbps&group=workload`;
  await page.goto(`/compare?${query}`);
  const title = uniqueName("frozen");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save comparison" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9]{20}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(/Saved .* UTC with \d+ runs/)).toBeVisible();
  const savedUrl = page.url();
  const before = await page.getByRole("table", { name: "Comparison" }).innerText();

  await simulatedCampaign(request, 2);
  await page.goto(`/compare?${query}`);
  const live = await page.getByRole("table", { name: "Comparison" }).innerText();
  expect(live).not.toBe(before);
  await page.goto(savedUrl);
  await expect(page.getByRole("table", { name: "Comparison" })).toBeVisible();
  expect(await page.getByRole("table", { name: "Comparison" }).innerText()).toBe(before);

  await page.goto("/compare");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("exported CSV re-imports into a new campaign with identical aggregates", async ({ page, request }) => {
  const campaign = await simulatedCampaign(request, 3);
  await page.goto(`/campaigns/${campaign.id}`);
  const original = await page.getByRole("table", { name: "Result matrix" }).innerText();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, "utf8");
  expect(csv.split("\n")[0]).toContain("durationMs");

  await page.goto("/campaigns/import");
  await pickTestbed(page, REPLICA, "Testbed the runs were measured on");
  const copyName = uniqueName("re-imported");
  await page.getByLabel("New campaign name").fill(copyName);
  await page.getByLabel(/^Source/).fill(`export of campaign ${campaign.id}`);
  await page.getByLabel(/^File/).setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByText("All 6 rows are valid.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Rows to import" }).getByRole("row")).toHaveCount(7);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(copyName);
  await expect(page.getByText(`Source: export of campaign ${campaign.id}`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Result matrix" })).toBeVisible();
  expect(await page.getByRole("table", { name: "Result matrix" }).innerText()).toBe(original);
  const copyUrl = new URL(page.url()).pathname;

  // The same file from the same source again: the preview says it is already there.
  await page.goto("/campaigns/import");
  await pickTestbed(page, REPLICA, "Testbed the runs were measured on");
  await page.getByLabel("New campaign name").fill(uniqueName("again"));
  await page.getByLabel(/^Source/).fill(`export of campaign ${campaign.id}`);
  await page.getByLabel(/^File/).setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const warning = page.getByRole("alert").filter({ hasText: "These runs were already imported from this source" });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("link", { name: copyName })).toHaveAttribute("href", copyUrl);
  // A template to start from is one click away, and is itself a valid file.
  const template = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download a template CSV" }).click();
  expect(fs.readFileSync((await (await template).path())!, "utf8").split("\n")[0]).toMatch(/^link,lineRateGbps,/);
});

test("an import file with bad rows shows which rows and why, and writes nothing", async ({ page }) => {
  const before = await countRows("Campaign");
  const csv = [
    "link,lineRateGbps,profile,memoryBytes,workload,iteration,status,durationMs,transferredBytes",
    "10GbE (simulated),10,1 × 16 GiB · once,17179869184,once,1,succeeded,16650,18181250000",
    "10GbE (simulated),10,1 × 16 GiB · once,17179869184,hot,2,succeeded,16700,18181250000",
    "10GbE (simulated),10,1 × 16 GiB · once,17179869184,once,3,succeeded,-5,18181250000",
    ",10,1 × 16 GiB · once,17179869184,once,4,succeeded,16600,18181250000",
    "10GbE (simulated),25,1 × 16 GiB · once,17179869184,once,5,succeeded,16600,18181250000",
  ].join("\n");
  await page.goto("/campaigns/import");
  await pickTestbed(page, REPLICA, "Testbed the runs were measured on");
  await page.getByLabel("New campaign name").fill(uniqueName("bad import"));
  await page.getByLabel(/^Source/).fill("hand-made file");
  await page.getByLabel(/^File/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const errors = page.getByRole("table", { name: "Row errors" });
  await expect(errors.getByRole("row").filter({ hasText: /^2/ })).toContainText(
    "workload must be idle, once or continuous",
  );
  await expect(errors.getByRole("row").filter({ hasText: /^3/ })).toContainText("durationMs must be more than 0");
  await expect(errors.getByRole("row").filter({ hasText: /^4/ })).toContainText("link is required");
  // Every row's problems at once: row 5 is valid on its own but contradicts the testbed's link.
  await expect(errors.getByRole("row").filter({ hasText: /^5/ })).toContainText(
    'link "10GbE (simulated)" exists on this testbed at 10 Gb/s, not 25 Gb/s',
  );
  await expect(page.getByRole("alert").filter({ hasText: "4 rows have problems; nothing was imported" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();

  // Valid rows, but one contradicts the testbed's link: still nothing is written.
  const conflict = csv
    .split("\n")
    .filter((_, i) => i === 0 || i === 1 || i === 5)
    .join("\n");
  await page
    .getByLabel(/^File/)
    .setInputFiles({ name: "conflict.csv", mimeType: "text/csv", buffer: Buffer.from(conflict) });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("table", { name: "Row errors" })).toContainText(
    'link "10GbE (simulated)" exists on this testbed at 10 Gb/s, not 25 Gb/s',
  );
  const after = await countRows("Campaign");
  expect(after).toBe(before);
});

test("a campaign offers what it can answer: its links against each other and its variants, never itself", async ({
  page,
  request,
}) => {
  const campaign = await simulatedCampaign(request, 3);
  await page.goto(`/campaigns/${campaign.id}`);
  const offers = page.getByRole("region", { name: "Compare" });
  // Two links and the defaults only: one offer, the whitepaper's question.
  await expect(offers.getByRole("link")).toHaveCount(1);
  await offers.getByRole("link", { name: `${FORTY} against ${TEN}` }).click();
  await expect(page).toHaveURL(
    new RegExp(`b=campaign%3A${campaign.id}%2Blink%3A\\d+&c=campaign%3A${campaign.id}%2Blink%3A\\d+`),
  );
  const row = page.getByRole("table", { name: "Comparison" }).getByRole("row").filter({ hasText: "1 × 16 GiB · once" });
  await expect(row).toContainText(/is faster: 2\.\d\d×/);
  await expect(page.getByText("no significant difference")).toHaveCount(0);

  // Variants: each pair is offered, the second against the first.
  const { testbedId, ten, once } = await ids(request);
  const res = await request.post("/api/campaigns", {
    data: {
      name: uniqueName("variants to compare"),
      testbedId,
      linkIds: [ten],
      profileIds: [once],
      iterations: 2,
      timeScale: 0,
      variants: [{ strategy: "precopy" }, { strategy: "postcopy" }],
    },
  });
  expect(res.status()).toBe(201);
  const { campaign: withVariants } = await res.json();
  await expect
    .poll(async () => (await (await request.get(`/api/campaigns/${withVariants.id}`)).json()).campaign.counts.succeeded)
    .toBe(4);
  await page.goto(`/campaigns/${withVariants.id}`);
  await expect(page.getByRole("region", { name: "Compare" }).getByRole("link")).toHaveCount(1);
  await expect(
    page.getByRole("region", { name: "Compare" }).getByRole("link", { name: "post-copy against Pre-copy" }),
  ).toHaveAttribute("href", /bv=Pre-copy&cv=post-copy/);
});
