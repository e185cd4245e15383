import type { APIRequestContext } from "@playwright/test";
import { deleteCampaign, query, setRunResult } from "./db";
import { expect, pageAs, test, uniqueName } from "./fixtures";
import { replicaIds, simulatedCampaign } from "./simulated";

/*
 * The small things of issue #30 point 10 that cost trust: times to the second with the exact time on
 * hover, an audit log that names what it is about, "Launch again", filtering and sorting a campaign's runs,
 * and finding a campaign by name.
 */

/** A simulated campaign over both links with a sweep, launched through the API and left to finish. */
async function sweptCampaign(request: APIRequestContext, iterations: number) {
  const { testbedId, ten, forty, once } = await replicaIds(request);
  const name = uniqueName("again");
  const res = await request.post("/api/campaigns", {
    data: {
      name,
      testbedId,
      linkIds: [ten, forty],
      profileIds: [once],
      iterations,
      timeScale: 0,
      sweep: { variable: "dirtyRate", values: [0, 600_000_000] },
    },
  });
  expect(res.status()).toBe(201);
  const { campaign } = await res.json();
  await expect
    .poll(async () => (await (await request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.counts.succeeded, {
      timeout: 30_000,
    })
    .toBe(4 * iterations);
  return { id: campaign.id as number, name };
}

test("run and campaign times show seconds, with the full ISO 8601 time in a <time> and on hover", async ({
  page,
  request,
}) => {
  const campaign = await simulatedCampaign(request, 1);
  const [run] = await query<{ id: number }>(
    `SELECT "id" FROM "Run" WHERE "campaignId" = ? ORDER BY "id" LIMIT 1`,
    campaign.id,
  );
  await page.goto(`/runs/${run.id}`);
  for (const label of ["Started", "Finished"]) {
    const time = page
      .locator("dt", { hasText: new RegExp(`^${label}$`) })
      .locator("xpath=..")
      .locator("time");
    await expect(time).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    const iso = await time.getAttribute("datetime");
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(time).toHaveAttribute("title", iso!);
    expect((await time.textContent())!.replace(" ", "T").replace(" UTC", "")).toBe(iso!.slice(0, 19));
  }
  await page.goto(`/campaigns/${campaign.id}`);
  const created = page
    .getByText(/created/)
    .first()
    .locator("time");
  await expect(created).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(created).toHaveAttribute("title", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await deleteCampaign(campaign.id);
});

test("the audit log names what an entry is about as it is now, and says when it was deleted", async ({
  page,
  request,
}) => {
  const campaign = await simulatedCampaign(request, 1);
  await page.goto("/admin/audit?action=campaign.launch");
  const row = page.getByRole("row").filter({ hasText: `Launched “${campaign.name}”` });
  await expect(row.getByRole("link", { name: campaign.name, exact: true })).toHaveAttribute(
    "href",
    `/campaigns/${campaign.id}`,
  );
  // The launch's details by name, not `{"testbedId":2,"linkIds":[3,4],…}`.
  await expect(row).toContainText("testbed Whitepaper replica (simulated)");
  await expect(row).toContainText("links 10GbE (simulated) (Whitepaper replica (simulated)), 40GbE");
  await expect(row).toContainText("VM profiles 1 × 16 GiB · once");
  await expect(row).not.toContainText('"linkIds"');

  await deleteCampaign(campaign.id);
  await page.reload();
  await expect(row).toContainText(`campaign #${campaign.id} (deleted)`);
  await expect(row.getByRole("link", { name: campaign.name, exact: true })).toHaveCount(0);
  // The summary still says what it was called then.
  await expect(row).toContainText(`Launched “${campaign.name}”`);
});

test("Launch again opens the form filled in from the campaign, and only the submit launches", async ({
  page,
  browser,
  request,
}) => {
  const campaign = await sweptCampaign(request, 2);
  await page.goto(`/campaigns/${campaign.id}`);
  const campaignsBefore = (await query(`SELECT "id" FROM "Campaign"`)).length;
  await page.getByRole("link", { name: "Launch again" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/new\\?from=${campaign.id}$`));
  await expect(page.getByRole("status").filter({ hasText: "Filled in from" })).toContainText(campaign.name);
  const form = page.getByRole("form", { name: "Launch a campaign" });
  await expect(form.getByLabel("Campaign name")).toHaveValue(`${campaign.name} (again)`);
  await expect(form.getByLabel("Iterations per cell")).toHaveValue("2");
  await expect(form.getByRole("checkbox", { name: /^10GbE \(simulated\)/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /^40GbE/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /^1 × 16 GiB · once/ })).toBeChecked();
  // 2 links × 1 profile × 2 swept values × 2 iterations: the sweep came along.
  await expect(form.getByText(/^8 runs/)).toBeVisible();
  expect((await query(`SELECT "id" FROM "Campaign"`)).length).toBe(campaignsBefore);

  await form.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const launchedId = Number(new URL(page.url()).pathname.split("/").pop());
  expect(launchedId).not.toBe(campaign.id);
  await expect(page.getByRole("heading", { name: `${campaign.name} (again)` })).toBeVisible();
  const [{ n }] = await query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Run" WHERE "campaignId" = ?`, launchedId);
  expect(Number(n)).toBe(8);

  // A campaign that is not there is explained; the form starts from the defaults.
  await page.goto("/campaigns/new?from=99999999");
  await expect(page.getByRole("status").filter({ hasText: "does not exist" })).toContainText("Campaign #99999999");
  await page.goto("/campaigns/new?from=abc");
  await expect(page.getByRole("status").filter({ hasText: "not a campaign id" })).toBeVisible();
  // A viewer is not offered it.
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto(`/campaigns/${campaign.id}`);
  await expect(viewer.getByRole("heading", { name: campaign.name })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Launch again" })).toHaveCount(0);
  await viewer.context().close();
  await deleteCampaign(launchedId);
  await deleteCampaign(campaign.id);
});

test("a campaign's runs filter by status, link and profile and sort by time, in the URL", async ({ page, request }) => {
  const campaign = await simulatedCampaign(request, 3);
  const runs = await query<{ id: number }>(`SELECT "id" FROM "Run" WHERE "campaignId" = ? ORDER BY "id"`, campaign.id);
  await setRunResult(runs[1].id, "failed", null);
  await page.goto(`/campaigns/${campaign.id}`);
  const filter = page.getByRole("form", { name: "Filter and sort the runs" });
  await filter.getByLabel("Status").selectOption("failed");
  await filter.getByRole("button", { name: "Apply" }).click();
  // A plain GET form: every field is in the URL, the blank ones too.
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaign.id}\\?status=failed&link=&profile=&sort=id#runs$`));
  const table = page.getByRole("table", { name: "Runs" });
  await expect(table.getByRole("link", { name: /^#\d+$/ })).toHaveText([`#${runs[1].id}`]);
  await expect(page.getByText("1 of 6 runs match")).toBeVisible();

  await filter.getByLabel("Status").selectOption("");
  await filter.getByLabel("Link").selectOption({ label: "10GbE (simulated)" });
  await filter.getByLabel("Order").selectOption({ label: "Time, longest first" });
  await filter.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?status=&link=\d+&profile=&sort=duration-desc#runs$/);
  const shown = (await table.getByRole("link", { name: /^#\d+$/ }).allTextContents()).map((t) => Number(t.slice(1)));
  expect(shown.length).toBe(3);
  const rows = await query<{ id: number; durationMs: number; linkId: number }>(
    `SELECT "id", "durationMs", "linkId" FROM "Run" WHERE "campaignId" = ?`,
    campaign.id,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const { ten } = await replicaIds(request);
  for (const id of shown) expect(Number(byId.get(id)!.linkId)).toBe(ten);
  const durations = shown.map((id) => Number(byId.get(id)!.durationMs));
  expect(durations).toEqual([...durations].sort((a, b) => b - a));

  // An order the table does not know is refused in words, and every run shown.
  await page.goto(`/campaigns/${campaign.id}?sort=name`);
  await expect(page.getByRole("alert").filter({ hasText: "sort must be one of" })).toBeVisible();
  await expect(table.getByRole("link", { name: /^#\d+$/ })).toHaveCount(6);
  await deleteCampaign(campaign.id);
});

test("campaigns are found by part of their name, whatever the case, with the verdict filter", async ({
  page,
  request,
}) => {
  const tag = uniqueName("Needle").split(" ")[1];
  const { testbedId, ten, once } = await replicaIds(request);
  const ids: number[] = [];
  for (const name of [`Needle ${tag} alpha`, `Haystack ${tag} beta`]) {
    const res = await request.post("/api/campaigns", {
      data: { name, testbedId, linkIds: [ten], profileIds: [once], iterations: 1, timeScale: 0 },
    });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).campaign.id);
  }
  // Finished before the test ends, so deleting them never pulls runs from under the runner.
  for (const id of ids)
    await expect
      .poll(async () => (await (await request.get(`/api/campaigns/${id}`)).json()).campaign.counts.succeeded, {
        timeout: 30_000,
      })
      .toBe(1);
  await page.goto("/campaigns");
  const search = page.getByRole("search", { name: "Search campaigns" });
  await search.getByLabel("Campaign name contains").fill(`needle ${tag.toUpperCase()}`);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/campaigns\?q=needle\+/);
  await expect(page.getByRole("link", { name: `Needle ${tag} alpha` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Haystack ${tag} beta` })).toHaveCount(0);
  await expect(page.getByRole("link", { name: new RegExp(tag) })).toHaveCount(1);

  // The verdict filter keeps the search; neither has a verdict, so nothing matches, and that is said.
  await page.getByRole("navigation", { name: "Filter by verdict" }).getByRole("link", { name: "Regression" }).click();
  await expect(page).toHaveURL(/verdict=regression&q=needle/);
  await expect(page.getByText(/No campaigns with the verdict .* whose name contains/)).toBeVisible();

  const api = await (await request.get(`/api/campaigns?q=${encodeURIComponent(tag)}`)).json();
  expect(api.items.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
  expect((await request.get(`/api/campaigns?q=${"x".repeat(101)}`)).status()).toBe(400);
  for (const id of ids) await deleteCampaign(id);
});
