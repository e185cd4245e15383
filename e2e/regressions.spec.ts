import { createHmac } from "node:crypto";
import { startWebhookReceiver, type ReceivedMessage } from "../test-support/webhook-receiver";
import { countRows, plantTestbed, query } from "./db";
import { expect, pageAs, submitProfileForm, test, uniqueName } from "./fixtures";

/** Whether a message carries the signature of the e2e server's key (MIGBENCH_SECRET_E2E_HOOK). */
function signedByServer({ headers, body }: ReceivedMessage) {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers["x-migbench-signature"])) ?? [];
  return !!t && createHmac("sha256", "e2e-hook-secret").update(`${t}.${body}`).digest("hex") === v1;
}

/**
 * Regression tracking as an engineer meets it: a campaign marked as the baseline of its series, a NIC
 * "firmware change" that makes the testbed's link 10% slower, and the next campaign flagged — on its
 * page, in the campaign list, on the overview, on the series chart and in the JSON API, with the
 * comparison against the baseline one click away.
 */
test("a campaign 10% slower than its series' baseline is flagged everywhere it shows", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { testbedId, linkId } = await plantTestbed(uniqueName("regression testbed"), "simulator", {});
  const profileName = uniqueName("4 GB once");
  await submitProfileForm(page, profileName, 4, "once");
  await expect(page).toHaveURL(/\/profiles$/);
  const [{ id: profileId }] = await query<{ id: number }>(`SELECT "id" FROM "VmProfile" WHERE "name" = ?`, profileName);

  const launch = async (name: string) => {
    const res = await request.post("/api/campaigns", {
      data: { name, testbedId, linkIds: [linkId], profileIds: [profileId], iterations: 5, timeScale: 0 },
    });
    expect(res.status()).toBe(201);
    const { campaign } = (await res.json()) as { campaign: { id: number } };
    await expect
      .poll(async () => (await (await request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.status, {
        timeout: 60_000,
      })
      .toBe("completed");
    return campaign.id;
  };

  const before = await launch(uniqueName("before the firmware change"));
  await page.goto(`/campaigns/${before}`);
  await expect(page.getByText("No verdict: none of this campaign's series had a baseline")).toBeVisible();
  const baselinesBefore = await countRows("SeriesBaseline");
  await page.getByRole("button", { name: "Mark as baseline" }).click();
  await expect(page.getByText("This campaign is the baseline of 1 series")).toBeVisible();
  expect(await countRows("SeriesBaseline")).toBe(baselinesBefore + 1);

  // Regressions of this testbed go to a receiver: added on the testbed page, tested with a message.
  const hook = await startWebhookReceiver();
  await page.goto(`/testbeds/${testbedId}`);
  const addHook = page.getByRole("form", { name: "Add a webhook" });
  await addHook.getByLabel("URL").fill(hook.url);
  await addHook.getByLabel("Signing secret").fill("env:MIGBENCH_SECRET_E2E_HOOK");
  await addHook.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("Webhook added")).toBeVisible();
  await page.getByRole("button", { name: "Send a test" }).click();
  await expect.poll(() => hook.received.length, { timeout: 30_000 }).toBe(1);
  expect(hook.received[0].headers["x-migbench-event"]).toBe("ping");
  expect(signedByServer(hook.received[0])).toBe(true);
  await page.reload();
  await expect(page.getByRole("table", { name: /^Deliveries of webhook/ }).getByText("delivered")).toBeVisible();

  // The firmware change: the testbed's link now carries 90% of its rate.
  await page.goto(`/testbeds/${testbedId}/edit`);
  await page.getByLabel("Link scale").fill("0.9");
  await page.getByRole("button", { name: "Save testbed" }).click();
  await expect(page).toHaveURL(new RegExp(`/testbeds/${testbedId}$`));

  const afterName = uniqueName("after the firmware change");
  const after = await launch(afterName);
  await page.goto(`/campaigns/${after}`);
  const verdicts = page.getByRole("table", { name: "Verdicts by series" });
  await expect(verdicts.getByRole("link", { name: `${profileName} · 10GbE` })).toBeVisible();
  await expect(
    verdicts.getByText(/^Regression: migration time \d+\.\d% longer than the baseline \(.+ s → .+ s\), p/),
  ).toBeVisible();
  await expect(verdicts.getByText(/^Regression: throughput \d+\.\d% lower than the baseline/)).toBeVisible();

  // The receiver was told, with a signed message naming the campaign and the comparison.
  await expect.poll(() => hook.received.length, { timeout: 30_000 }).toBe(2);
  const message = hook.received[1];
  expect(message.headers["x-migbench-event"]).toBe("campaign.verdict");
  expect(signedByServer(message)).toBe(true);
  expect(signedByServer({ ...message, body: message.body.replace("regression", "improvement") })).toBe(false);
  const payload = JSON.parse(message.body);
  expect(payload).toMatchObject({ verdict: "regression", campaign: { id: after, name: afterName } });
  expect(payload.series[0].compareUrl).toMatch(/\/compare\?b=runs%3A/);
  await hook.close();

  // The comparison against the baseline, one click away: the same runs, the baseline faster.
  await verdicts
    .getByText(/^Regression: migration time/)
    .getByRole("link", { name: "compare" })
    .click();
  await expect(page).toHaveURL(
    /\/compare\?b=runs%3A[0-9.]+&c=campaign%3A\d+%2Blink%3A\d+%2Bprofile%3A\d+&metric=durationMs/,
  );
  await expect(page.getByText(/is faster: 1\.\d\d×/).first()).toBeVisible();

  // The campaign list's badge and filter, the overview's Regressions panel.
  await page.goto("/campaigns?verdict=regression");
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: afterName }) });
  await expect(listed.getByRole("link", { name: "Regression" })).toBeVisible();
  await page.goto("/");
  const panel = page.locator("section").filter({ has: page.getByRole("heading", { name: "Regressions" }) });
  await expect(panel.getByRole("link", { name: afterName })).toBeVisible();
  await expect(panel.getByText(/Regression: migration time/).first()).toBeVisible();

  // The series page: a point per run, the regressed campaign marked, the baseline drawn as a band.
  await page.goto(`/series/${linkId}/${profileId}`);
  const time = page.getByRole("figure", { name: "Migration time over time" });
  await expect(time.locator(".recharts-scatter-symbol")).toHaveCount(10);
  await expect(time.locator('[data-verdict="regression"]')).toHaveCount(1);
  await expect(time.locator(".recharts-reference-area-rect")).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Campaigns of this series" }).getByText("the baseline")).toBeVisible();

  // The JSON API says the same.
  const list = await (await request.get("/api/campaigns?verdict=regression")).json();
  expect(list.items.map((c: { id: number }) => c.id)).toContain(after);
  const detail = await (await request.get(`/api/campaigns/${after}`)).json();
  expect(detail.campaign.verdict).toBe("regression");
  const durationVerdict = detail.verdicts[0].metrics.find((m: { metric: string }) => m.metric === "durationMs");
  expect(durationVerdict.verdict).toBe("regression");
  expect(durationVerdict.pValue).toBeLessThan(0.05);
  expect(durationVerdict.changePct).toBeGreaterThan(5);
  const series = await (await request.get(`/api/series/${linkId}/${profileId}`)).json();
  expect(series.campaigns.map((c: { id: number }) => c.id)).toEqual([before, after]);
  expect(series.baseline.runIds).toHaveLength(5);
  expect((await request.get("/api/series/999999/1")).status()).toBe(404);
  expect((await request.get("/api/campaigns?verdict=worse")).status()).toBe(400);
});

test("a viewer sees verdicts but no baseline buttons; the testbed's minimum effect is an operator's to set", async ({
  page,
  browser,
}) => {
  const [{ id }] = await query<{ id: number }>(`SELECT "id" FROM "Testbed" ORDER BY "id" LIMIT 1`);
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto("/campaigns/1");
  await expect(viewer.getByRole("heading", { name: "Against the baseline" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Mark as baseline" })).toHaveCount(0);
  await viewer.goto(`/testbeds/${id}`);
  await expect(
    viewer.getByText(/A significant change under [\d.]+% of the baseline's mean counts as no change/),
  ).toBeVisible();
  await expect(viewer.getByRole("form", { name: "Minimum effect" })).toHaveCount(0);
  await viewer.context().close();

  await page.goto(`/testbeds/${id}`);
  const form = page.getByRole("form", { name: "Minimum effect" });
  await form.getByLabel("Minimum effect (%)").fill("250");
  await form.getByRole("button", { name: "Save minimum effect" }).click();
  await expect(page.getByText("Minimum effect must be from 0 to 100 %")).toBeVisible();
  await page.getByRole("form", { name: "Minimum effect" }).getByLabel("Minimum effect (%)").fill("5");
  await page.getByRole("form", { name: "Minimum effect" }).getByRole("button", { name: "Save minimum effect" }).click();
  await expect(page.getByText("Saved: changes under 5% are not regressions")).toBeVisible();
});

test("an operator schedules a campaign from its page, then pauses, resumes and deletes the schedule", async ({
  page,
}) => {
  await page.goto("/campaigns");
  await page.getByRole("link", { name: /^Whitepaper: vMotion/ }).click();
  // The reference campaign is imported: it cannot be scheduled; a launched one can.
  await expect(page.getByRole("heading", { name: "Run on a schedule" })).toHaveCount(0);
  const [{ id }] = await query<{ id: number }>(
    `SELECT "id" FROM "Campaign" WHERE "status" <> 'imported' ORDER BY "id" LIMIT 1`,
  );
  await page.goto(`/campaigns/${id}`);
  const form = page.getByRole("form", { name: "Run on a schedule" });
  const name = uniqueName("nightly");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("When (cron, UTC)").fill("0 25 * * *");
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText("Not a schedule: Invalid value for hour: 25")).toBeVisible();
  await page.getByRole("form", { name: "Run on a schedule" }).getByLabel("When (cron, UTC)").fill("0 3 * * 1-5");
  // Said in words while typed, with the next five times it fires.
  await expect(
    page.getByRole("form", { name: "Run on a schedule" }).getByRole("status").filter({ hasText: "At 03:00" }),
  ).toContainText(/At 03:00, Monday through Friday \(UTC\)next: (\d{4}-\d\d-\d\d 03:00 UTC( · )?){5}$/);
  await page.getByRole("form", { name: "Run on a schedule" }).getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled: first run \d{4}-\d\d-\d\d 03:00 UTC$/)).toBeVisible();
  // The same matrix at the same times again (a second click, another tab): refused, one schedule stays.
  await page.getByRole("form", { name: "Run on a schedule" }).getByLabel("Name").fill(`${name} again`);
  await page.getByRole("form", { name: "Run on a schedule" }).getByLabel("When (cron, UTC)").fill("0  3 * * 1-5");
  await page.getByRole("form", { name: "Run on a schedule" }).getByRole("button", { name: "Schedule" }).click();
  await expect(page.locator("#cron-error")).toContainText(`Schedule “${name}”`);
  await expect(page.locator("#cron-error")).toContainText("already launches this campaign's matrix");
  expect(await query(`SELECT "id" FROM "Schedule" WHERE "name" = ?`, `${name} again`)).toHaveLength(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedules" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedules" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("0 3 * * 1-5")).toBeVisible();
  await expect(row.getByText("At 03:00, Monday through Friday (UTC)")).toBeVisible();
  await expect(row.getByRole("list", { name: `Next runs of ${name}` }).getByRole("listitem")).toHaveCount(5);
  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row.getByText("paused")).toBeVisible();
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row.getByRole("button", { name: "Pause" })).toBeVisible();
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
