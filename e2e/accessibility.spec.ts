import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { apiClient, expect, pageAs, test, uniqueName } from "./fixtures";
import { replicaIds, simulatedCampaign } from "./simulated";

/**
 * Every page passes axe's WCAG 2 A and AA rules with no serious or critical violation, in the light and
 * the dark theme (contrast, names, labels, landmarks), folded data tables included; the first Tab stop
 * is a skip link to the page's content.
 */

type Visit = { path: string; signedOut?: boolean };

let visits: Visit[] = [];

/**
 * The pages to check, with rows of their own where the seeded data has none: a simulated campaign (a run
 * with samples, a series), a dirty-rate sweep, a saved comparison and a schedule.
 */
async function pagesToVisit(browser: Browser): Promise<Visit[]> {
  const api = await apiClient("admin");
  const { testbedId, ten, forty, once } = await replicaIds(api);
  const campaign = await simulatedCampaign(api, 2);
  const { runs } = await (await api.get(`/api/campaigns/${campaign.id}`)).json();
  const runId = runs.items[0].id as number;
  const sweep = await api.post("/api/campaigns", {
    data: {
      name: uniqueName("a11y sweep"),
      testbedId,
      linkIds: [ten],
      profileIds: [once],
      iterations: 1,
      timeScale: 0,
      sweep: { variable: "dirtyRate", from: 100_000_000, to: 600_000_000, steps: 3 },
    },
  });
  expect(sweep.status()).toBe(201);
  const sweepId = (await sweep.json()).campaign.id as number;
  // Every run ended (a run at 600 MB/s may not converge: the page shows its failure either way).
  await expect
    .poll(async () => {
      const { counts } = (await (await api.get(`/api/campaigns/${sweepId}`)).json()).campaign;
      return counts.succeeded + counts.failed;
    })
    .toBe(3);
  await api.dispose();

  const page = await pageAs(browser, "admin");
  const compare = `/compare?b=campaign%3A${campaign.id}%2Blink%3A${ten}&c=campaign%3A${campaign.id}%2Blink%3A${forty}&metric=durationMs&group=profile`;
  await page.goto(compare);
  await page.getByLabel("Title").fill(uniqueName("a11y"));
  await page.getByRole("button", { name: "Save comparison" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9]{20}$/);
  const shared = new URL(page.url()).pathname;

  await page.goto(`/campaigns/${campaign.id}`);
  const form = page.getByRole("form", { name: "Run on a schedule" });
  await form.getByLabel("Name").fill(uniqueName("a11y schedule"));
  // Once a year, at a time no other schedule of the same matrix uses (one would be refused): it never
  // fires while the tests run.
  const at = (n: number) => Math.floor(Math.random() * n);
  await form.getByLabel("When (cron, UTC)").fill(`${at(60)} ${at(24)} ${1 + at(28)} ${1 + at(12)} *`);
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled: first run/)).toBeVisible();
  await page.goto("/schedules");
  const edit = page.getByRole("link", { name: "Edit" }).first();
  const scheduleEdit = (await edit.getAttribute("href"))!;

  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const reference = new URL(page.url()).pathname;
  await page.context().close();

  return [
    "/",
    "/campaigns",
    reference,
    `/campaigns/${campaign.id}`,
    `/campaigns/${sweepId}`,
    `/runs/${runId}`,
    "/campaigns/new",
    "/campaigns/import",
    "/testbeds",
    `/testbeds/${testbedId}`,
    `/testbeds/${testbedId}/edit`,
    `/testbeds/${testbedId}/links/${ten}/edit`,
    "/profiles",
    `/profiles/${once}/edit`,
    "/compare",
    compare,
    "/series",
    `/series/${ten}/${once}`,
    "/schedules",
    scheduleEdit,
    "/account",
    "/admin/users",
    "/admin/audit",
    "/no-such-page",
  ]
    .map((path): Visit => ({ path }))
    .concat([
      { path: "/sign-in", signedOut: true },
      { path: "/setup", signedOut: true },
      { path: shared, signedOut: true },
    ]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  visits = await pagesToVisit(browser);
});

/** The serious and critical violations on the page as it is, one line per element. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  await expect(page.locator("main")).toBeVisible();
  // Charts are drawn in the browser: check them once they are.
  for (const figure of await page.getByRole("figure").all()) await expect(figure.locator("svg").first()).toBeVisible();
  // Folded data tables are checked too.
  await page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary ?? v.help}`),
    );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page has no serious or critical axe violation in the ${colorScheme} theme`, async ({ browser }) => {
    test.setTimeout(120_000);
    const problems: string[] = [];
    const pages = { in: await pageAs(browser, "admin"), out: await pageAs(browser, null) };
    for (const page of Object.values(pages)) await page.emulateMedia({ colorScheme });
    for (const { path, signedOut } of visits) {
      const page = signedOut ? pages.out : pages.in;
      await page.goto(path);
      problems.push(...(await seriousViolations(page, `${path}${signedOut ? " (signed out)" : ""}`)));
    }
    for (const page of Object.values(pages)) await page.context().close();
    expect(problems, `${problems.length} serious or critical violation(s):\n${problems.join("\n")}`).toEqual([]);
  });
}

test("the first Tab stop skips to the page's content, past the navigation", async ({ page }) => {
  await page.goto("/profiles/new");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // The next stop is the first in the content: the form page's breadcrumb, then its first field.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link", { name: "VM profiles" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Name")).toBeFocused();
});
