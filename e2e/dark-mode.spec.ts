import type { Page } from "@playwright/test";
import { expect, openReferenceCampaign, test } from "./fixtures";

/** With the system set to dark, pages and charts turn dark and stay readable. */
test.use({ colorScheme: "dark" });

/**
 * WCAG contrast ratio of pairs of CSS colours as the page computes them (any syntax: a canvas turns each
 * into sRGB).
 */
async function contrasts(page: Page, pairs: [string, string][]): Promise<number[]> {
  return page.evaluate((list) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const luminance = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return list.map(([a, b]) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    });
  }, pairs);
}

const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

test("pages follow the system's dark setting, and chart labels stay legible on them", async ({ page }) => {
  await openReferenceCampaign(page);
  const figure = 'figure[aria-label="Speed-up of the faster link"]';
  await expect(page.locator(`${figure} .recharts-label-list text`).first()).toBeVisible();
  const body = await style(page, "body", "background-color");
  const card = await style(page, "section", "background-color");
  const text = await style(page, "h1", "color");
  const tick = await style(page, `${figure} .recharts-cartesian-axis-tick-value`, "fill");
  const barLabel = await style(page, `${figure} .recharts-label-list text`, "fill");
  const grid = await style(page, `${figure} .recharts-cartesian-grid line`, "stroke");
  // A dark page: the body is darker than its text.
  const [bodyVsBlack] = await contrasts(page, [[body, "#000"]]);
  expect(bodyVsBlack).toBeLessThan(2);
  const [heading, tickOnCard, labelOnCard, gridOnCard] = await contrasts(page, [
    [text, body],
    [tick, card],
    [barLabel, card],
    [grid, card],
  ]);
  expect(heading).toBeGreaterThan(7);
  // Axis ticks and the values on the bars read as text (WCAG AA for small text is 4.5).
  expect(tickOnCard).toBeGreaterThan(4.5);
  expect(labelOnCard).toBeGreaterThan(4.5);
  // Grid lines are visible but quieter than text.
  expect(gridOnCard).toBeGreaterThan(1.2);
  expect(gridOnCard).toBeLessThan(tickOnCard);
});
