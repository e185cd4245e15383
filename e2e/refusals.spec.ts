import { request as playwrightRequest } from "@playwright/test";
import { apiClient, baseURL, expect, NO_COOKIES, pageAs, storageStateOf, test, uniqueName } from "./fixtures";
import { countRows, E2E_DATABASE_URL, query, writeCount } from "./db";
import { addUser, createToken } from "../test-support/user-cli";
import { plantLibvirtCanary } from "./canary";
import { actionId } from "./server-actions";

/**
 * Refusals at the edges, and the audit rows they leave: posts from another site or with mangled
 * arguments, imports too large, writes by callers without the role; and what an adapter check and an
 * import record. A libvirt testbed with a dangerous URI is planted for the check and the imports.
 */

let canary: Awaited<ReturnType<typeof plantLibvirtCanary>>;
let planted: Awaited<ReturnType<typeof plantLibvirtCanary>>["planted"];

test.beforeAll(async () => {
  canary = await plantLibvirtCanary(uniqueName("planted libvirt"));
  planted = canary.planted;
});

test.afterAll(() => canary.remove());

test("hostile posts are refused with 4xx and write nothing: a no-JavaScript form from another site, arguments that are not a list", async () => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("admin") });
  const before = await writeCount();
  // A form without JavaScript posts its fields to the page, the action named by a field (no Next-Action header).
  const noJs = await admin.post("/profiles/new", {
    headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
    data: `$ACTION_ID_${actionId("createProfileAction")}=&name=cross-site&memoryGiB=1&workload=idle`,
  });
  expect(noJs.status()).toBe(403);
  for (const body of ['"notarray"', "42", "{}", "null", "true", "not json", '{"0":1}', ""]) {
    const res = await admin.post("/profiles", {
      headers: {
        "next-action": actionId("deleteProfileAction"),
        origin: baseURL,
        "content-type": "text/plain;charset=UTF-8",
      },
      data: body,
    });
    expect(res.status(), body).toBe(400);
    expect((await res.json()).error.message).toMatch(/This request is not valid/);
  }
  expect(await writeCount()).toBe(before);
  await admin.dispose();
});

test("an import between 10 and 20 MB arrives whole; above 20 MB it is refused with 413", async () => {
  const api = await apiClient("operator");
  const { testbeds } = await (await api.get("/api/testbeds")).json();
  const replica = testbeds.find((t: { name: string }) => t.name === "Whitepaper replica (simulated)");
  const header = "link,lineRateGbps,profile,memoryBytes,workload,iteration,status,durationMs,transferredBytes";
  const row = (i: number) =>
    `10GbE padded ${"x".repeat(60)},10,big import ${"y".repeat(40)},17179869184,once,${(i % 100) + 1},succeeded,${60_000 + i},17179869184`;
  const rows = 82_826;
  const csv = [header, ...Array.from({ length: rows }, (_, i) => row(i))].join("\n");
  expect(Buffer.byteLength(csv)).toBeGreaterThan(12 * 1024 * 1024);
  const preview = await api.post(`/api/imports?testbedId=${replica.id}&name=big&source=e2e&intent=preview`, {
    headers: { "content-type": "text/csv" },
    data: csv,
  });
  expect(preview.status()).toBe(200);
  expect((await preview.json()).preview.total, "every row arrived").toBe(rows);
  const tooBig = await api.post(`/api/imports?testbedId=${replica.id}&name=big&source=e2e&intent=preview`, {
    headers: { "content-type": "text/csv" },
    data: csv + csv.slice(header.length),
  });
  expect(tooBig.status()).toBe(413);
  await api.dispose();
});

test("refused changes are audited (who, from where, what it needed); reading is not", async () => {
  // Callers of their own: refusals are recorded within a budget per caller, which other tests spend.
  const email = `${uniqueName("refused").replace(/\s/g, "-")}@e2e.test`;
  addUser(E2E_DATABASE_URL, email, "viewer", "a viewer's long password");
  const viewer = await playwrightRequest.newContext({
    baseURL,
    storageState: NO_COOKIES,
    extraHTTPHeaders: { authorization: `Bearer ${createToken(E2E_DATABASE_URL, email, "refusals")}` },
  });
  // Through the trusted "proxy" (::1, scripts/e2e-server.sh), from an address no other test uses.
  const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  const anonymous = await playwrightRequest.newContext({
    baseURL: baseURL.replace("127.0.0.1", "[::1]"),
    storageState: NO_COOKIES,
    extraHTTPHeaders: { "x-forwarded-for": address },
  });
  const target = `/api/campaigns/${planted.testbedId + 1_000_000}/cancel`;
  expect((await viewer.post(target, { data: {} })).status()).toBe(403);
  expect((await anonymous.post(target, { data: {} })).status()).toBe(401);
  expect((await viewer.get("/admin/audit/export")).status()).toBe(403);
  const rows = await query<{ action: string; actorLabel: string; summary: string; ipAddress: string }>(
    `SELECT "action", "actorLabel", "summary", "ipAddress" FROM "AuditEvent" WHERE "targetId" = ? ORDER BY "id"`,
    `POST ${target}`,
  );
  expect(rows.map((r) => r.action)).toEqual(["access.forbidden", "access.unauthenticated"]);
  expect(rows[0].actorLabel).toContain(email);
  expect(rows[0].summary).toContain("needs operator, the token acts as viewer");
  expect(rows[1].summary).toContain("not signed in (needs operator)");
  expect(rows[1].ipAddress).toBe(address);
  expect(await query(`SELECT "id" FROM "AuditEvent" WHERE "targetId" LIKE 'GET %'`)).toHaveLength(0);
  await viewer.dispose();
  await anonymous.dispose();
});

test("an adapter check is audited with the testbed's name and its outcome", async () => {
  const operator = await apiClient("operator");
  const res = await operator.post(`/api/testbeds/${planted.testbedId}/check`, { data: {} });
  expect(res.status()).toBe(200);
  const [entry] = await query<{ actorLabel: string; summary: string }>(
    `SELECT "actorLabel", "summary" FROM "AuditEvent" WHERE "action" = 'testbed.check' AND "targetId" = ? ORDER BY "id" DESC`,
    String(planted.testbedId),
  );
  expect(entry.actorLabel).toContain("operator@e2e.test");
  expect(entry.summary).toBe(`Checked the adapter of testbed “${planted.name}” (#${planted.testbedId}): 2 problems`);
  await operator.dispose();
  expect(canary.ran()).toBe(false);
});

test("links and profiles an (admin's) import creates are audited by name, with the import that made them", async () => {
  const api = await apiClient("admin");
  // A testbed of this file's own: a link added to a shared one would show up in later tests' forms.
  const replica = { id: planted.testbedId, name: planted.name };
  const link = uniqueName("imported link");
  const profile = uniqueName("imported profile");
  const name = uniqueName("audited import");
  const csv = [
    "link,lineRateGbps,profile,memoryBytes,workload,iteration,status,durationMs,transferredBytes",
    `${link},25,${profile},1073741824,idle,1,succeeded,4000,1100000000`,
  ].join("\n");
  const res = await api.post(
    `/api/imports?testbedId=${replica.id}&name=${encodeURIComponent(name)}&source=e2e&intent=import`,
    { headers: { "content-type": "text/csv" }, data: csv },
  );
  expect(res.status()).toBe(201);
  const entries = await query<{ action: string; summary: string; actorLabel: string }>(
    `SELECT "action", "summary", "actorLabel" FROM "AuditEvent" WHERE "summary" LIKE ? ORDER BY "id"`,
    `%${name}%`,
  );
  expect(entries.map((e) => e.action)).toEqual(["campaign.import", "link.create", "profile.create"]);
  expect(entries[1].summary).toBe(
    `Added link “${link}” to testbed “${replica.name}” (#${replica.id}) with the import “${name}”`,
  );
  expect(entries[2].summary).toBe(`Created VM profile “${profile}” with the import “${name}”`);
  expect(entries.every((e) => e.actorLabel.includes("admin@e2e.test"))).toBe(true);
  await api.dispose();
});

test("one request cannot delete every saved comparison: a malformed slug deletes nothing", async ({ browser }) => {
  const page = await pageAs(browser, "operator");
  for (const title of ["keep me 1", "keep me 2"]) {
    await page.goto("/compare?b=link:1&c=link:2&metric=durationMs&group=workload");
    await page.getByLabel("Title").fill(uniqueName(title));
    await page.getByRole("button", { name: "Save comparison" }).click();
    await expect(page).toHaveURL(/\/c\/[a-z0-9]{20}$/);
  }
  const before = await countRows("Comparison");
  expect(before).toBeGreaterThanOrEqual(2);
  const id = actionId("deleteComparisonAction");
  const api = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("operator") });
  // "$undefined" is how React encodes undefined in an action's arguments.
  for (const args of [
    ["$undefined", { ok: null }],
    [{}, { ok: null }],
    [[], { ok: null }],
    [null, { ok: null }],
    [{ not: "x" }, { ok: null }],
    [1, { ok: null }],
  ]) {
    const res = await api.post("/compare", {
      headers: { "next-action": id, origin: baseURL, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(args),
    });
    expect(res.status(), JSON.stringify(args)).toBe(200);
    expect(await res.text()).toContain("This saved comparison does not exist");
  }
  await api.dispose();
  expect(await countRows("Comparison")).toBe(before);
  await page.context().close();
});
