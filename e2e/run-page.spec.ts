import type { APIRequestContext } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { replicaIds } from "./simulated";

/** Launches one simulated run of a profile over the 10GbE link; returns its id once it has the status wanted. */
async function oneRun(request: APIRequestContext, profile: string, timeScale: number, status: string) {
  const { testbedId, ten, profileId } = await replicaIds(request);
  const res = await request.post("/api/campaigns", {
    data: {
      name: uniqueName("run page"),
      testbedId,
      linkIds: [ten],
      profileIds: [profileId(profile)],
      iterations: 1,
      timeScale,
    },
  });
  expect(res.status()).toBe(201);
  const { campaign } = await res.json();
  let runId = 0;
  await expect
    .poll(
      async () => {
        const body = await (await request.get(`/api/campaigns/${campaign.id}`)).json();
        runId = body.runs.items[0]?.id ?? 0;
        return body.runs.items[0]?.status;
      },
      { timeout: 30_000 },
    )
    .toBe(status);
  return { runId, campaignId: campaign.id as number };
}

test("a run's page tables its pre-copy rounds and keeps the raw statistics folded", async ({ page, request }) => {
  const { runId } = await oneRun(request, "1 × 16 GiB · continuous", 0, "succeeded");
  await page.goto(`/runs/${runId}`);
  const rounds = page.getByRole("table", { name: "Pre-copy rounds" });
  const rows = rounds.getByRole("row");
  // A header and one row per round: a continuously dirtied 16 GB guest needs several over 10GbE.
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
  await expect(rows.nth(1)).toContainText(/^0\s*17\.\d\d GB/);
  // Round 1's dirty rate is the guest's 525 MB/s, give or take the run's seeded noise (σ = 3%).
  await expect(rows.nth(2)).toContainText(/^1\s*\d+\.\d\d GB.* Gb\/s\s*(4[5-9]\d|5\d\d|60\d)(\.\d)? MB\/s$/);
  const raw = page.getByText('"model": "pre-copy"');
  await expect(raw).toBeHidden();
  await page.getByText("Show what the adapter reported").click();
  await expect(raw).toBeVisible();
});

test("a run of several VMs tables each VM's results", async ({ page, request }) => {
  const { runId } = await oneRun(request, "8 × 2 GiB · once", 0, "succeeded");
  await page.goto(`/runs/${runId}`);
  const table = page.getByRole("table", { name: "Per-VM results" });
  await expect(table.getByRole("rowheader")).toHaveText([
    "VM 1",
    "VM 2",
    "VM 3",
    "VM 4",
    "VM 5",
    "VM 6",
    "VM 7",
    "VM 8",
  ]);
  await expect(table.getByRole("row").nth(1)).toContainText(/\d+\.\d+ s.*ms.*GB/);
});

test("a running run says how long it has left", async ({ page, request }) => {
  // Real time: a 16 GB guest dirtied continuously takes about 40 s over 10GbE, long enough to watch.
  const { runId, campaignId } = await oneRun(request, "1 × 16 GiB · continuous", 1, "running");
  await page.goto(`/runs/${runId}`);
  const card = page
    .getByRole("region", { name: "In progress" })
    .or(page.locator("section").filter({ hasText: "In progress" }));
  await expect(card.getByText(/^About \d/)).toBeVisible();
  await expect(card.getByRole("progressbar", { name: "Predicted bytes sent" })).toBeVisible();
  expect((await request.post(`/api/campaigns/${campaignId}/cancel`)).status()).toBe(200);
});
