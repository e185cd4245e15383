import { expect, openReferenceCampaign, test, uniqueName } from "./fixtures";
import { replicaIds } from "./simulated";

const PUBLISHED = [
  { profile: "1 × 16 GiB · once", link: 0, time: "16.65 s", bw: "8.78 Gb/s", data: "145.45 Gb" },
  { profile: "1 × 16 GiB · once", link: 1, time: "7.465 s", bw: "19.87 Gb/s", data: "145.17 Gb" },
  { profile: "1 × 16 GiB · continuous", link: 0, time: "38.93 s", bw: "8.43 Gb/s", data: "328.58 Gb" },
  { profile: "1 × 16 GiB · continuous", link: 1, time: "10.44 s", bw: "17.67 Gb/s", data: "179.15 Gb" },
];

test("the reference campaign shows the whitepaper's four published results", async ({ page }) => {
  await openReferenceCampaign(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE");
  await expect(page.getByText(/Source:.*Mellanox white paper/)).toBeVisible();

  const matrix = page.getByRole("table", { name: "Result matrix" });
  const headers = matrix.getByRole("columnheader");
  await expect(headers.nth(2)).toContainText("10GbE ConnectX-2");
  await expect(headers.nth(3)).toContainText("40GbE ConnectX-2");
  await expect(headers.nth(3)).toContainText("usable 27.00 Gb/s");

  for (const r of PUBLISHED) {
    const row = matrix
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${r.profile}`) }) });
    const cell = row.getByRole("cell").nth(1 + r.link);
    await expect(cell).toContainText(r.time);
    await expect(cell).toContainText(r.bw);
    await expect(cell).toContainText(r.data);
    await expect(cell).toContainText("n = 1");
  }
  // 16.65 / 7.465 and 38.93 / 10.44
  await expect(matrix.getByRole("row").filter({ hasText: "· once" })).toContainText("2.23×");
  await expect(matrix.getByRole("row").filter({ hasText: "· continuous" })).toContainText("3.73×");
  // The campaign's text states the same speed-ups its table computes.
  await expect(page.getByText(/Once: 40GbE 2\.23× faster .* Continuous: 40GbE 3\.73× faster/)).toBeVisible();
});

test("pinned campaigns, the reference among them, stay on the overview however many follow", async ({
  page,
  request,
}) => {
  const { testbedId, ten, once } = await replicaIds(request);
  const launch = async (name: string) => {
    const res = await request.post("/api/campaigns", {
      data: { name, testbedId, linkIds: [ten], profileIds: [once], iterations: 1, timeScale: 0 },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).campaign.id as number;
  };
  const mine = uniqueName("pin me");
  const id = await launch(mine);
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: "Pin to overview" }).click();
  await expect(page.getByRole("button", { name: "Unpin from overview" })).toBeVisible();
  for (let i = 0; i < 7; i++) await launch(uniqueName("newer"));

  await page.goto("/");
  const list = page
    .getByRole("region", { name: "Campaigns" })
    .or(page.locator("section").filter({ has: page.getByRole("heading", { name: "Campaigns", exact: true }) }))
    .last();
  const items = list.getByRole("listitem");
  await expect(items.first()).toContainText("pinned");
  await expect(items.filter({ hasText: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE" })).toContainText("pinned");
  await expect(items.filter({ hasText: mine })).toContainText("pinned");
  await expect(items.filter({ hasText: "newer" })).toHaveCount(6);

  // Unpinned, it is one more campaign among newer ones and leaves the overview.
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: "Unpin from overview" }).click();
  await expect(page.getByRole("button", { name: "Pin to overview" })).toBeVisible();
  await page.goto("/");
  await expect(items.filter({ hasText: mine })).toHaveCount(0);
});

test("the campaign charts draw a bar per link and workload, with units on the axes", async ({ page }) => {
  await openReferenceCampaign(page);
  const time = page.getByRole("figure", { name: "Migration time by link" });
  await expect(time.locator(".recharts-bar-rectangle")).toHaveCount(4);
  // Axis title and tick labels carry their units.
  await expect(time).toContainText("Migration time (s)");
  await expect(time).toContainText("40 s");
  // The legend names each link short (its bus limit is in the tooltip and the entry's title).
  await expect(page.getByRole("group", { name: "Links in Migration time by link" })).toContainText("40GbE ConnectX-2");

  for (const name of ["Throughput by link", "Data transferred by link"]) {
    await expect(page.getByRole("figure", { name }).locator(".recharts-bar-rectangle")).toHaveCount(4);
  }
  await expect(page.getByRole("figure", { name: "Throughput by link" })).toContainText("Throughput (Gb/s)");
  await expect(page.getByRole("figure", { name: "Throughput by link" })).toContainText("20 Gb/s");
  await expect(page.getByRole("figure", { name: "Data transferred by link" })).toContainText("Data transferred (GB)");
  // The paper reported no downtime: unknown, not zero — no chart of zeros.
  await expect(page.getByRole("table", { name: "Result matrix" }).getByText("downtime not reported")).toHaveCount(4);
  await expect(
    page.getByText("None of these runs reported a downtime (published results often leave it out)."),
  ).toBeVisible();
  await expect(page.getByRole("figure", { name: "Downtime by link" })).toHaveCount(0);

  const speedup = page.getByRole("figure", { name: "Speed-up of the faster link" });
  await expect(speedup.locator(".recharts-bar-rectangle")).toHaveCount(2);
  await expect(speedup).toContainText("2.23×");
  await expect(speedup).toContainText("3.73×");

  // The 40GbE bars of the time chart are shorter than the 10GbE bars.
  const heights = await time
    .locator(".recharts-bar-rectangle path")
    .evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().height));
  const [tenOnce, tenCont, fortyOnce, fortyCont] = heights;
  expect(fortyOnce).toBeLessThan(tenOnce);
  expect(fortyCont).toBeLessThan(tenCont);
});

test("a published run shows its metrics, source and no progress curve", async ({ page }) => {
  await openReferenceCampaign(page);
  await page
    .getByRole("table", { name: "Runs" })
    .getByRole("row")
    .filter({ hasText: "10GbE ConnectX-2" })
    .filter({ hasText: "once" })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/\/runs\/\d+$/);
  await expect(page.getByText("16.65 s")).toBeVisible();
  await expect(page.getByText("8.78 Gb/s")).toBeVisible();
  await expect(page.getByText("145.45 Gb")).toBeVisible();
  await expect(page.getByText("not reported")).toBeVisible();
  await expect(page.getByText("Imported results carry only their final figures.")).toBeVisible();
  await page.getByText("Show what the adapter reported").click();
  await expect(page.getByText(/"publishedDataSizeGb": 145.45/)).toBeVisible();
});

test("the overview leads to each section", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "All campaigns" })).toBeVisible();
  // Header row plus at least the four published runs (the section streams in; wait for it).
  await expect(page.getByRole("table", { name: "Latest runs" }).getByRole("row").nth(4)).toBeVisible();
  await page.getByRole("link", { name: "All campaigns" }).click();
  await expect(page.getByRole("link", { name: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE" })).toBeVisible();
  await page.goto("/");
  await page.getByRole("link", { name: /^Testbeds →/ }).click();
  await expect(page.getByRole("link", { name: "ESX 4.1 vMotion — HP DL380 G6" })).toBeVisible();
});
