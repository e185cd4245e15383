import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { openReferenceCampaign } from "./fixtures";
import { replicaIds, simulatedCampaign } from "./simulated";

/**
 * migbench on a phone (390 × 844, an iPhone 12–15): every page fits the screen's width — wide tables
 * scroll inside their cards instead — the navigation folds behind a Menu button, and chart labels
 * stay readable.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** How far the page reaches past the screen's right edge, and the widest element doing it. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    if (over <= 0) return null;
    let widest = "";
    let right = 0;
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect().right;
      if (r > right) [right, widest] = [r, `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`];
    }
    return `${over} px too wide (${widest} ends at ${Math.round(right)} px)`;
  });
}

/** Labels of an axis that overlap a neighbour. */
async function overlappingLabels(page: Page, figure: string) {
  const labels = page
    .getByRole("figure", { name: figure })
    .first()
    .locator(".recharts-xAxis .recharts-cartesian-axis-tick");
  const boxes: ({ x: number; y: number; width: number; height: number } | null)[] = [];
  for (const label of await labels.all()) boxes.push(await label.boundingBox());
  const clashes: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        clashes.push(`${Math.round(a.x)}/${Math.round(b.x)}`);
    }),
  );
  return clashes;
}

test("every page fits a phone's width; tables scroll inside their cards", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { testbedId, ten, forty, once } = await replicaIds(request);
  const campaign = await simulatedCampaign(request, 2);
  expect((await request.post(`/api/campaigns/${campaign.id}/baseline`)).status()).toBe(200);
  const { runs } = await (await request.get(`/api/campaigns/${campaign.id}`)).json();
  const runId = runs.items[0].id as number;
  const compare = `/compare?b=campaign%3A${campaign.id}%2Blink%3A${ten}&c=campaign%3A${campaign.id}%2Blink%3A${forty}&metric=durationMs&group=profile`;

  // Saving a comparison works from the phone, and gives the shared page to check as well.
  await page.goto(compare);
  await page.getByLabel("Title").fill(uniqueName("phone"));
  await page.getByRole("button", { name: "Save comparison" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9]{20}$/);
  const shared = new URL(page.url()).pathname;

  await openReferenceCampaign(page);
  const reference = new URL(page.url()).pathname;

  const pages = [
    "/",
    "/campaigns",
    reference,
    `/campaigns/${campaign.id}`,
    `/runs/${runId}`,
    "/campaigns/new",
    "/campaigns/import",
    "/testbeds",
    `/testbeds/${testbedId}`,
    `/testbeds/${testbedId}/edit`,
    `/testbeds/${testbedId}/links/${ten}/edit`,
    "/testbeds/new",
    "/profiles",
    "/profiles/new",
    `/profiles/${once}/edit`,
    "/compare",
    compare,
    shared,
    "/series",
    `/series/${ten}/${once}`,
    "/schedules",
    "/account",
    "/admin/users",
    "/admin/audit",
    "/runs/999999",
  ];
  const problems: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    // Charts are drawn in the browser: measure once they are.
    for (const figure of await page.getByRole("figure").all())
      await expect(figure.locator("svg").first()).toBeVisible();
    const overflow = await sidewaysOverflow(page);
    if (overflow) problems.push(`${path}: ${overflow}`);
  }
  expect(problems).toEqual([]);

  // The result matrix is wider than the phone: it scrolls inside its card, its first column staying in view.
  await page.goto(reference);
  const matrix = page.getByRole("table", { name: "Result matrix" });
  const scroller = matrix.locator("xpath=..");
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const firstCell = matrix.getByRole("rowheader").first();
  // Bring the matrix on screen first: how far down the page it sits depends on what the campaign shows above it.
  await firstCell.scrollIntoViewIfNeeded();
  await expect(firstCell).toBeInViewport();
  const before = (await firstCell.boundingBox())!.x;
  await scroller.evaluate((el) => el.scrollBy(200, 0));
  await expect.poll(async () => (await firstCell.boundingBox())!.x).toBe(before);
  await expect(firstCell).toBeInViewport();
  // A line under it says there are more columns, until the last one is in view.
  const hint = scroller.locator("xpath=../..").getByRole("note").filter({ hasText: "More columns to the right" });
  await expect(hint).toBeVisible();
  await scroller.evaluate((el) => el.scrollTo(el.scrollWidth, 0));
  await expect(hint).toHaveCount(0);

  // The bar charts' category labels do not run into each other.
  for (const figure of ["Migration time by link", "Speed-up of the faster link"])
    expect(await overlappingLabels(page, figure), figure).toEqual([]);
});

test("the navigation folds behind a Menu button on a phone", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await nav.getByRole("link", { name: "Campaigns" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  // Following a link closes the menu.
  await expect(nav).toBeHidden();
});
