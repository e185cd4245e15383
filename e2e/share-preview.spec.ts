import { request as playwrightRequest } from "@playwright/test";
import { baseURL, expect, NO_COOKIES, test, uniqueName } from "./fixtures";
import { replicaIds, simulatedCampaign } from "./simulated";

/** The static files of public/, served to anyone: icons, the web manifest, robots.txt, the preview image. */
test("the site's icons, manifest and robots.txt are served without signing in", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const robots = await anonymous.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  const manifest = await (await anonymous.get("/site.webmanifest")).json();
  expect(manifest.name).toBe("migbench");
  for (const { src, type } of manifest.icons as { src: string; type: string }[]) {
    const res = await anonymous.get(src);
    expect(res.status(), src).toBe(200);
    expect(res.headers()["content-type"]).toContain(type);
  }
  const ico = await anonymous.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  await anonymous.dispose();
});

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(body: Buffer) {
  expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

test("a pasted link to a saved comparison previews its title, outcome and chart", async ({ page, request }) => {
  const { ten, forty } = await replicaIds(request);
  const campaign = await simulatedCampaign(request, 3);
  const title = uniqueName("preview");
  await page.goto(
    `/compare?b=campaign%3A${campaign.id}%2Blink%3A${ten}&c=campaign%3A${campaign.id}%2Blink%3A${forty}&metric=durationMs&group=profile`,
  );
  // The live view's tab names what is compared.
  await expect(page).toHaveTitle(/^Migration time: .* · 10GbE \(simulated\) vs .* · 40GbE .* · migbench$/);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save comparison" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9]{20}$/);
  const path = new URL(page.url()).pathname;

  // What a chat or wiki sees: it fetches the page without signing in and reads its meta tags.
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const html = await (await anonymous.get(path)).text();
  const meta = (property: string) =>
    new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1]?.replaceAll("&amp;", "&");
  expect(meta("og:title")).toBe(title);
  expect(meta("og:description")).toMatch(
    /10GbE \(simulated\) vs .*40GbE.*, 6 runs\. 1 × 16 GiB · once: .* is faster: 2\.\d\d×/,
  );
  expect(meta("twitter:card")).toBe("summary_large_image");
  const image = meta("og:image")!;
  expect(image).toContain(`${path}/opengraph-image`);
  const png = await anonymous.get(new URL(image).pathname + new URL(image).search);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await png.body())).toEqual({ width: 1200, height: 630 });
  await anonymous.dispose();
});
