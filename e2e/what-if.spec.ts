import { apiClient, expect, test } from "./fixtures";
import { REPLICA, TEN, FORTY, replicaIds, simulatedCampaign } from "./simulated";

test("the planner answers a question about an untried dirty rate from the form, and says which link speed would converge", async ({
  page,
}) => {
  await page.goto("/what-if");
  await expect(page.getByText("Ask a question")).toBeVisible();
  await page.getByLabel("Testbed").selectOption({ label: REPLICA });
  await page.getByLabel("Link (its fitted stream)").selectOption({ label: `${TEN} (10 Gb/s)` });
  await page.getByLabel("Start from a VM profile").selectOption({ label: "1 × 16 GiB · continuous" });
  await page.getByLabel("Dirty rate (MB/s per VM)").fill("1500");
  await page.getByRole("button", { name: "Ask the model" }).click();
  await expect(page).toHaveURL(/\/what-if\?.*dirtyMBps=1500/);
  // 1.5 GB/s outruns 10GbE's ~1 GB/s: no convergence, with why and what would.
  const alert = page.getByRole("alert").filter({ hasText: "does not converge" });
  await expect(alert).toContainText("Use a link faster than");
  await expect(page.getByText("The first standard link speed at which it converges: 25 Gb/s")).toBeVisible();
  // The strategies side by side: pre-copy cannot, post-copy can.
  const strategies = page.getByRole("table", { name: "Strategies" });
  await expect(strategies.getByRole("row").filter({ hasText: /^Pre-copy/ })).toContainText("does not converge");
  await expect(strategies.getByRole("row").filter({ hasText: "Post-copy" }).first()).toContainText(/\d+(\.\d+)? s/);
  await expect(page.getByRole("figure", { name: "Migration time by link speed" })).toBeVisible();

  // A bad number is refused beside its field, and nothing is answered.
  await page.getByLabel("Dirty rate (MB/s per VM)").fill("-5");
  await page.getByRole("button", { name: "Ask the model" }).click();
  await expect(page.getByText("Dirty rate must be from 0 to 100000 MB/s")).toBeVisible();
  await expect(page.getByRole("table", { name: "Strategies" })).toHaveCount(0);
});

test("fitted to measured runs, the planner gives intervals, plans an evacuation and launches the question as a campaign", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Runs of guests written once and dirtying ones over both simulated links: what the fit learns from.
  await simulatedCampaign(request, 3, ["1 × 16 GiB · once", "1 × 16 GiB · continuous"]);
  const ids = await replicaIds(request);
  const continuous = ids.profileId("1 × 16 GiB · continuous");
  await page.goto(
    `/what-if?testbed=${ids.testbedId}&link=${ids.ten}&profile=${continuous}&gbps=25&evacuate=5&concurrent=2`,
  );
  const answer = page.locator("section").filter({ has: page.getByRole("heading", { name: "The answer" }) });
  await expect(answer).toContainText(/fitted on \d+ comparable runs of this testbed/);
  await expect(answer.getByText(/^80% interval: /)).toHaveCount(3);
  await expect(answer).toContainText("at 25 Gb/s line rate");
  // The evacuation: 5 VMs, 2 at a time → 3 waves, each VM on the timeline, the total with an interval.
  const evacuation = page.locator("section").filter({ has: page.getByRole("heading", { name: "Evacuation" }) });
  await expect(evacuation.getByText("Host drained in")).toBeVisible();
  await expect(evacuation.getByText(/^80% interval: /)).toBeVisible();
  await expect(page.getByRole("figure", { name: "Evacuation timeline" })).toBeVisible();
  await evacuation.getByText("Data table").click();
  await expect(page.getByRole("table", { name: "Evacuation timeline: data" }).getByRole("row")).toHaveCount(6);

  // One click to measure it: the launch form, filled in from the question.
  await answer.getByRole("link", { name: "Launch as a campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/new\?whatif=/);
  await expect(page.getByRole("status").filter({ hasText: "Filled in from a what-if question" })).toContainText(
    "no link here runs at",
  );
  await expect(page.getByLabel("1 × 16 GiB · continuous")).toBeChecked();
  await expect(page.getByLabel(TEN)).toBeChecked();
  await expect(page.getByLabel(FORTY)).not.toBeChecked();
});

test("GET /api/what-if answers as JSON, refuses bad input with its fields, and needs a sign-in", async () => {
  const viewer = await apiClient("viewer");
  const ids = await replicaIds(viewer);
  const ok = await viewer.get(
    `/api/what-if?testbed=${ids.testbedId}&memoryGiB=64&workload=once&evacuate=4&concurrent=4`,
  );
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.asked).toMatchObject({ memoryGiB: 64, workload: "once", evacuate: 4, concurrent: 4 });
  expect(body.answer.converges).toBe(true);
  expect(body.answer.durationMs.value).toBeGreaterThan(0);
  expect(body.answer.evacuation.timeline).toHaveLength(4);
  expect(body.launchUrl).toMatch(/^\/campaigns\/new\?whatif=/);

  const bad = await viewer.get(`/api/what-if?testbed=${ids.testbedId}&dirtyMBps=lots&multifd=99`);
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()).error.fieldErrors).sort()).toEqual(["dirtyMBps", "multifd"]);
  expect((await viewer.get("/api/what-if?testbed=2147483647")).status()).toBe(404);
  expect((await (await apiClient(null)).get(`/api/what-if?testbed=${ids.testbedId}`)).status()).toBe(401);
});
