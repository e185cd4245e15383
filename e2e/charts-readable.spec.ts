import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { FORTY, replicaIds, simulatedCampaign } from "./simulated";

// Charts stay readable however many series a campaign has: small multiples with short names in a legend
// that toggles them, a plot that keeps its height at desktop and phone width, and each mean's interval.

const PROFILES = ["1 × 16 GiB · once", "1 × 16 GiB · continuous"];
const AXIS = "Bandwidth cap (% of the link)";

/** A bandwidth-cap sweep on both simulated links over two profiles and `variants`, every run ended (a continuous guest at half of 10GbE may not converge). */
async function sweepCampaign(api: APIRequestContext, variants: object[]) {
  const { testbedId, ten, forty, profileId } = await replicaIds(api);
  const res = await api.post("/api/campaigns", {
    data: {
      name: uniqueName("readable sweep"),
      testbedId,
      linkIds: [ten, forty],
      profileIds: PROFILES.map(profileId),
      iterations: 1,
      timeScale: 0,
      variants,
      sweep: { variable: "bandwidth", values: [0.5, 1] },
    },
  });
  expect(res.status()).toBe(201);
  const { campaign } = await res.json();
  const runs = 2 * PROFILES.length * variants.length * 2;
  await expect
    .poll(
      async () => {
        const { counts } = (await (await api.get(`/api/campaigns/${campaign.id}`)).json()).campaign;
        return counts.succeeded + counts.failed;
      },
      { timeout: 60_000 },
    )
    .toBe(runs);
  return campaign.id as number;
}

/** The height of a chart's plot area (its grid), in CSS pixels. */
async function plotHeight(figure: Locator): Promise<number> {
  const box = await figure.locator(".recharts-cartesian-grid").boundingBox();
  return box?.height ?? 0;
}

async function expectReadableSweep(page: Page, legendEntries: number) {
  const legend = page.getByRole("group", { name: "Series in the sweep charts" });
  await expect(legend.getByRole("button")).toHaveCount(legendEntries);
  // Short names: the link without its parenthesis (the full name is the entry's title and the tooltip's).
  await expect(legend.getByRole("button", { name: /^40GbE/ }).first()).toHaveAttribute(
    "title",
    new RegExp(FORTY.replace(/[()]/g, "\\$&")),
  );
  for (const name of await legend.getByRole("button").allTextContents()) expect(name.length).toBeLessThanOrEqual(40);
  // A panel per profile for each metric, every plot at least 240 px high.
  const panels = page.getByRole("figure", {
    name: new RegExp(`^Migration time against ${AXIS.replace(/[()]/g, "\\$&")} — `),
  });
  await expect(panels).toHaveCount(2);
  for (const profile of PROFILES)
    await expect(page.getByRole("figure", { name: `Migration time against ${AXIS} — ${profile}` })).toBeVisible();
  for (const figure of await page
    .getByRole("figure", { name: new RegExp(`against ${AXIS.replace(/[()]/g, "\\$&")}`) })
    .all()) {
    await figure.scrollIntoViewIfNeeded();
    expect(await plotHeight(figure)).toBeGreaterThanOrEqual(240);
  }
}

for (const [width, height] of [
  [1280, 900],
  [390, 844],
] as const) {
  test(`sweep charts at ${width} px: a panel per profile, a short legend that hides a link, plots 240 px high with 4 and 16 series`, async ({
    page,
    request: api,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height });
    // 2 links × 2 profiles: 4 series, the case whose 8-entry legend crushed the plot.
    const four = await sweepCampaign(api, [{}]);
    await page.goto(`/campaigns/${four}`);
    await expectReadableSweep(page, 2);

    // Hiding 40GbE takes its points out of every panel and gives them back.
    const first = page.getByRole("figure", { name: `Migration time against ${AXIS} — ${PROFILES[0]}` });
    await expect(first.locator(".recharts-scatter-symbol")).toHaveCount(4);
    const forty = page
      .getByRole("group", { name: "Series in the sweep charts" })
      .getByRole("button", { name: "40GbE" });
    await forty.click();
    await expect(forty).toHaveAttribute("aria-pressed", "false");
    await expect(first.locator(".recharts-scatter-symbol")).toHaveCount(2);
    await forty.click();
    await expect(first.locator(".recharts-scatter-symbol")).toHaveCount(4);

    // Each panel's numbers are a table under it.
    await first.locator("xpath=..").getByText("Data table").click();
    await expect(
      page.getByRole("table", { name: `Migration time against ${AXIS} — ${PROFILES[0]}: data` }).getByRole("row"),
    ).toHaveCount(5);

    // 2 links × 2 profiles × 4 strategies: 16 series, 8 legend entries (link · strategy), the same plots.
    const sixteen = await sweepCampaign(api, [
      { strategy: "precopy" },
      { strategy: "postcopy" },
      { strategy: "auto-converge" },
      { strategy: "precopy", multifdChannels: 4 },
    ]);
    await page.goto(`/campaigns/${sixteen}`);
    await expectReadableSweep(page, 8);

    // Its 16 matrix rows lie down as bars, a row each with its label whole, the plot as tall as it needs.
    const bars = page.getByRole("figure", { name: "Migration time by link" });
    await bars.scrollIntoViewIfNeeded();
    expect(await plotHeight(bars)).toBeGreaterThanOrEqual(16 * 40);
    const ticks = await bars
      .locator(".recharts-yAxis-tick-labels text")
      .evaluateAll((texts) =>
        texts
          .map((t) => [...t.querySelectorAll("tspan")].map((s) => s.textContent).join(" "))
          .filter((t) => t.includes("GiB")),
      );
    expect(ticks).toHaveLength(16);
    for (const tick of ticks) expect(tick).not.toContain("…");
    expect(ticks.join("\n")).toContain("1 × 16 GiB · continuous · post-copy · 50% of the link");
  });
}

test("spread where people look first: ± and n in the matrix, whiskers on the bars, a data table under each chart", async ({
  page,
  request: api,
}) => {
  const { id } = await simulatedCampaign(api, 3);
  await page.goto(`/campaigns/${id}`);
  const matrix = page.getByRole("table", { name: "Result matrix" });
  const cell = matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · once" }).getByRole("cell").nth(1);
  await expect(cell).toContainText(/\d s ± [\d.]+ (ms|s)/);
  await expect(cell).toContainText("n = 3");
  const time = page.getByRole("figure", { name: "Migration time by link" });
  // A whisker on each link's bar.
  await expect(time.locator(".recharts-errorBar")).toHaveCount(2);
  const card = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Migration time", exact: true }) });
  await card.getByText("Data table").click();
  await expect(card.getByRole("table", { name: "Migration time by link: data" })).toContainText(/± .* \(n = 3\)/);
  // The legend hides a link's bar.
  await card
    .getByRole("group", { name: "Links in Migration time by link" })
    .getByRole("button", { name: "10GbE" })
    .click();
  await expect(time.locator(".recharts-errorBar")).toHaveCount(1);
});
