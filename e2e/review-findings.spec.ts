import fc from "fast-check";
import { request as playwrightRequest } from "@playwright/test";
import { apiClient, baseURL, expect, storageStateOf, test } from "./fixtures";
import { waitForIdleRunner, writeCount } from "./db";
import { actionForm, actionsOfBuild, adminBrowserSession } from "./server-actions";
import { hostileString } from "./hostile";

/**
 * The security reviews' findings about input, each reproduced against the running app and shown
 * closed; with fuzz.spec.ts's properties, which look for the ones nobody has found yet.
 */

test("the review's findings stay fixed: coercions refused, bound ids checked, oversized and broken names refused", async () => {
  await waitForIdleRunner();
  const api = await apiClient("admin");
  const { testbeds } = await (await api.get("/api/testbeds")).json();
  const replica = testbeds.find((t: { name: string }) => t.name === "Whitepaper replica (simulated)");
  const { testbed } = await (await api.get(`/api/testbeds/${replica.id}`)).json();
  const good = {
    name: "ok",
    testbedId: replica.id,
    linkIds: [testbed.links[0].id],
    profileIds: [1],
    iterations: 1,
    timeScale: 0,
  };
  const cases: [Record<string, unknown>, string, string][] = [
    [{ iterations: "0x10" }, "iterations", "Iterations must be a number"],
    [{ iterations: "16" }, "iterations", "Iterations must be a number"],
    [{ profileIds: true }, "profileIds", "Choose at least one VM profile"],
    [{ profileIds: [true] }, "profileIds", "Invalid VM profile id"],
    [{ timeScale: [] }, "timeScale", "Time scale must be a number"],
    [{ name: "\u0000" }, "name", "Name must not contain control characters or line breaks"],
    [{ name: "x\ud800y" }, "name", "Name contains a broken character (an unpaired surrogate)"],
    [{ name: "x".repeat(1_000_000) }, "name", "Name must be at most 200 characters"],
    [{ iterations: 1e308 }, "iterations", "Iterations must be a whole number from 1 to 100"],
    [{ testbedId: 1.5 }, "testbedId", "Choose a testbed"],
  ];
  for (const [over, field, message] of cases) {
    const before = await writeCount();
    const res = await api.post("/api/campaigns", { data: { ...good, ...over } });
    expect(res.status(), JSON.stringify(over).slice(0, 100)).toBe(400);
    expect((await res.json()).error.fieldErrors[field]).toContain(message);
    expect(await writeCount()).toBe(before);
  }
  // A run-id list in a URL is capped with a clear 400, not a database error.
  const ids = Array.from({ length: 997 }, (_, i) => i + 1).join(".");
  const many = await api.get(`/compare/export?b=runs:${ids}&c=runs:1`);
  expect(many.status()).toBe(400);
  expect((await many.json()).error.fieldErrors.b[0]).toMatch(/at most 500 ids/);
  // The campaign list pages instead of asking the database for every campaign at once.
  const page = await api.get("/api/campaigns?limit=2");
  const body = await page.json();
  expect(body.items.length).toBeLessThanOrEqual(2);
  expect(body).toHaveProperty("next");
  expect((await api.get("/api/campaigns?limit=0x10")).status()).toBe(400);
  await api.dispose();

  // A bound id of 1.5 once overwrote testbed 1: now refused, testbed untouched.
  const session = await adminBrowserSession();
  const action = actionsOfBuild().find((a) => a.name === "updateTestbedAction")!;
  const before = await writeCount();
  const res = await session.post(action.page, {
    headers: { "next-action": action.id, origin: baseURL },
    multipart: actionForm([1.5], {
      name: "overwritten",
      hypervisor: "simulator",
      sourceHost: "a",
      destinationHost: "b",
    }),
  });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("This request is not valid");
  expect(await writeCount()).toBe(before);
  // A form submission above 1 MB is refused with 413 (Next alone answered 500).
  const launch = actionsOfBuild().find((a) => a.name === "launchCampaignAction")!;
  const huge = await session.post(launch.page, {
    headers: { "next-action": launch.id, origin: baseURL, "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ ok: null }, "x".repeat(1_200_000)]),
  });
  expect(huge.status()).toBe(413);
  expect(await writeCount()).toBe(before);
  await session.dispose();
});

test("sign-in's next: any string gives a same-origin path (never a 5xx, never another host)", async () => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("admin") });
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        hostileString,
        fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => `/${s}`),
        fc
          .constantFrom("/\t/", "/\n/", "/\r/", "/\u3000/", "/\\", "//", "/./", "/../")
          .chain((p) => fc.string({ maxLength: 20 }).map((s) => `${p}${s}`)),
      ),
      async (next) => {
        cases++;
        // URLSearchParams writes a lone surrogate as U+FFFD where encodeURIComponent would throw.
        const res = await admin.get(`/sign-in?${new URLSearchParams({ next })}`, { maxRedirects: 0 });
        expect(res.status(), JSON.stringify(next)).toBeLessThan(500);
        const location = res.headers().location ?? "";
        expect(location, JSON.stringify(next)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$|^\/$/);
      },
    ),
    { numRuns: 150 },
  );
  expect(cases).toBeGreaterThanOrEqual(150);
  await admin.dispose();
});
