import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  apiClient,
  baseURL,
  expect,
  NO_COOKIES,
  pageAs,
  storageStateOf,
  test,
  type E2ERole,
  uniqueName,
  submitTestbedForm,
} from "./fixtures";
import { countRows, E2E_DATABASE_URL, plantTestbed, query, writeCount } from "./db";
import { addUser, createToken } from "../test-support/user-cli";
import { request as playwrightRequest } from "@playwright/test";

/**
 * The findings of the security review, each reproduced against the running app and shown closed.
 * Testbeds with dangerous settings are planted straight into the database (as if saved before the
 * rules existed), since the forms now refuse them.
 */

let fakeVcenter: net.Server;
let connections = 0;
let received = "";
let vcPort = 0;
let canaryDir = "";
let canaryMarker = "";
type Planted = { testbedId: number; linkId: number; name: string };
let planted: { vsphere: Planted; libvirt: Planted };

test.beforeAll(async () => {
  // A "vCenter" that records every connection and byte sent to it.
  fakeVcenter = net.createServer((socket) => {
    connections++;
    socket.on("data", (d) => (received += d.toString("latin1")));
    socket.on("error", () => {});
    socket.end();
  });
  await new Promise<void>((resolve) => fakeVcenter.listen(0, "127.0.0.1", resolve));
  vcPort = (fakeVcenter.address() as net.AddressInfo).port;
  // A program a libvirt URI could name: it leaves a file behind if it ever runs.
  canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-canary-"));
  canaryMarker = path.join(canaryDir, "ran");
  fs.writeFileSync(path.join(canaryDir, "canary.sh"), `#!/bin/sh\ntouch ${canaryMarker}\n`, { mode: 0o755 });
  planted = {
    vsphere: await plantTestbed(uniqueName("planted vCenter"), "vsphere", {
      url: `http://127.0.0.1:${vcPort}`,
      username: "x",
      passwordRef: "file:/etc/shadow",
      vms: ["a"],
    }),
    libvirt: await plantTestbed(uniqueName("planted libvirt"), "libvirt", {
      sourceUri: `qemu+ext:///system?command=${canaryDir}/canary.sh`,
      destinationUri: `qemu+ext:///system?command=${canaryDir}/canary.sh`,
    }),
  };
});

test.afterAll(async () => {
  await new Promise((r) => fakeVcenter.close(r));
  fs.rmSync(canaryDir, { recursive: true, force: true });
});

const PAGES = [
  "/",
  "/campaigns",
  "/testbeds",
  "/profiles",
  "/compare",
  "/series",
  "/schedules",
  "/campaigns/new",
  "/campaigns/import",
  "/account",
  "/admin/users",
  "/admin/audit",
];
const TESTBED_PAGES = ({ testbedId, linkId }: { testbedId: number; linkId: number }) => [
  `/testbeds/${testbedId}`,
  `/testbeds/${testbedId}/edit`,
  `/testbeds/${testbedId}/links/${linkId}/edit`,
  `/series?testbed=${testbedId}`,
];

test("opening every page and every GET route, as anyone, contacts no hypervisor and runs nothing", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  for (const role of [null, "viewer", "operator", "admin"] as (E2ERole | null)[]) {
    const page = await pageAs(browser, role);
    for (const url of [...PAGES, ...TESTBED_PAGES(planted.vsphere), ...TESTBED_PAGES(planted.libvirt)])
      await page.goto(url, { waitUntil: "domcontentloaded" });
    const api = await apiClient(role);
    for (const url of [
      "/api/testbeds",
      `/api/testbeds/${planted.vsphere.testbedId}`,
      `/api/testbeds/${planted.libvirt.testbedId}`,
    ])
      await api.get(url);
    await api.dispose();
    await page.context().close();
  }
  expect(connections, "the fake vCenter was contacted").toBe(0);
  expect(fs.existsSync(canaryMarker), "the canary program ran").toBe(false);
});

test("the testbed page does not tell whether a secret exists; GET returns references as written", async ({ page }) => {
  await page.goto(`/testbeds/${planted.vsphere.testbedId}`);
  await expect(page.getByText("Press “Check now”")).toBeVisible();
  await expect(page.getByText(/cannot be read|not set|does not exist/)).toHaveCount(0);
  const api = await apiClient("operator");
  const { testbed } = await (await api.get(`/api/testbeds/${planted.vsphere.testbedId}`)).json();
  expect(JSON.parse(testbed.connectionJson).passwordRef).toBe("file:/etc/shadow");
  expect(JSON.stringify(testbed)).not.toContain("root:");
  await api.dispose();
});

test("connection settings are for operators: viewers and anonymous readers see the kind, the hosts' names and the links", async ({
  browser,
}) => {
  const viewer = await apiClient("viewer");
  for (const tb of [planted.vsphere, planted.libvirt]) {
    const body = await (await viewer.get(`/api/testbeds/${tb.testbedId}`)).json();
    expect(body.testbed).not.toHaveProperty("connectionJson");
    expect(body.testbed.sourceHost).toBe("src-host");
    expect(body.testbed.links).toHaveLength(1);
    // Why it is not ready, without quoting the settings.
    expect(JSON.stringify(body.readiness)).not.toMatch(/canary|etc\/shadow|127\.0\.0\.1|ext/);
    expect(body.readiness.problems).toContain(
      "Its connection settings are incomplete or refused (an operator or admin sees which, on the testbed's page)",
    );
  }
  const list = JSON.stringify(await (await viewer.get("/api/testbeds")).json());
  expect(list).not.toMatch(/canary|etc\/shadow|connectionJson/);
  const schedules = (await (await viewer.get("/api/schedules")).json()).items as Record<string, unknown>[];
  expect(schedules.every((s) => !("createdBy" in s))).toBe(true);
  await viewer.dispose();
  const operator = await apiClient("operator");
  const operatorsView = await (await operator.get(`/api/testbeds/${planted.libvirt.testbedId}`)).json();
  expect(operatorsView.testbed.connectionJson).toContain("canary.sh");
  expect(operatorsView.readiness.problems.join(" ")).toContain('transport "ext" is not allowed');
  await operator.dispose();
  // The testbed list a viewer reads says the same in words.
  const page = await pageAs(browser, "viewer");
  await page.goto("/testbeds");
  const row = page.getByRole("row").filter({ hasText: planted.libvirt.name });
  await expect(row).toContainText("not ready: Its connection settings are incomplete or refused");
  await expect(row).not.toContainText("qemu+ext");
  await page.context().close();
});

test("a check or a run with such settings is refused with the reason, still contacting nobody", async ({ browser }) => {
  const page = await pageAs(browser, "operator");
  await page.goto(`/testbeds/${planted.vsphere.testbedId}`);
  await page.getByRole("button", { name: "Check now" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Not ready" });
  await expect(alert).toContainText("url must start with https://");
  await expect(alert).toContainText("file: references name a file inside the secrets directory");
  await page.goto(`/testbeds/${planted.libvirt.testbedId}`);
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not ready" })).toContainText(
    'transport "ext" is not allowed',
  );

  // A campaign launched anyway: its runs fail with the reason, nothing is executed.
  const api = await apiClient("operator");
  const profiles = (await (await api.get("/api/profiles")).json()).profiles as { id: number; name: string }[];
  const profileId = profiles.find((p) => p.name === "QEMU 256 MiB · idle")!.id;
  for (const tb of [planted.vsphere, planted.libvirt]) {
    const launched = await api.post("/api/campaigns", {
      data: {
        name: uniqueName("refused"),
        testbedId: tb.testbedId,
        linkIds: [tb.linkId],
        profileIds: [profileId],
        iterations: 1,
      },
    });
    expect(launched.status()).toBe(201);
    const { campaign } = await launched.json();
    await expect
      .poll(async () => (await (await api.get(`/api/campaigns/${campaign.id}`)).json()).campaign.counts.failed, {
        timeout: 30_000,
      })
      .toBe(1);
    const done = await (await api.get(`/api/campaigns/${campaign.id}`)).json();
    expect(done.runs.items[0].errorReason).toMatch(/url must start with https|transport "ext" is not allowed/);
  }
  await api.dispose();
  expect(connections).toBe(0);
  expect(received).toBe("");
  expect(fs.existsSync(canaryMarker)).toBe(false);
});

test("connection settings with a disguised password, a foreign variable or plain http are refused by the form", async ({
  page,
}) => {
  const name = uniqueName("disguise");
  for (const [json, message] of [
    [
      '{"url":"https://vc.lab","username":"u","passwordRef":"env:MIGBENCH_SECRET_VC","pass\\u0077ord":"hunter2"}',
      '"password" is not a setting of vsphere testbeds',
    ],
    ['{"url":"https://vc.lab","passwd":"hunter2"}', '"passwd" is not a setting'],
    ['{"url":"https://vc.lab","pwd":"hunter2"}', '"pwd" is not a setting'],
    ['{"url":"https://vc.lab","vcPassword":"hunter2"}', '"vcPassword" is not a setting'],
    [
      '{"url":"https://vc.lab","passwordRef":"env:DATABASE_URL"}',
      "env: references must name a variable MIGBENCH_SECRET_",
    ],
    ['{"url":"http://127.0.0.1:39999"}', "url must start with https://"],
  ]) {
    await submitTestbedForm(page, name, "vsphere", ["esx-a", "esx-b"], { "Connection settings (JSON)": json });
    await expect(page.locator("#connectionJson-error")).toContainText(message);
  }
  expect(await query(`SELECT "id" FROM "Testbed" WHERE "name" = ?`, name)).toHaveLength(0);
});

test("cookie-authenticated API writes must be same-origin JSON; tokens work from scripts", async () => {
  const body = JSON.stringify({
    name: uniqueName("csrf"),
    testbedId: 2,
    linkIds: [3],
    profileIds: [1],
    iterations: 1,
    timeScale: 0,
  });
  const browserLike = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("operator") });
  const before = await countRows("Campaign");
  // The cross-site form/text POST of the finding, and its variants.
  const attempts: Record<string, string>[] = [
    { "content-type": "text/plain", origin: "http://evil.example" },
    { "content-type": "application/json", origin: "http://evil.example" },
    { "content-type": "text/plain", origin: baseURL },
    { "content-type": "application/json" },
  ];
  for (const headers of attempts) {
    const res = await browserLike.post("/api/campaigns", { headers, data: body });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
  }
  expect(
    (
      await browserLike.post("/api/campaigns/1/cancel", {
        headers: { "content-type": "text/plain", origin: "http://evil.example" },
        data: "{}",
      })
    ).status(),
  ).toBe(403);
  expect(await countRows("Campaign")).toBe(before);
  // The same request from a page of the app goes through.
  const same = await browserLike.post("/api/campaigns", {
    headers: { "content-type": "application/json", origin: baseURL },
    data: body,
  });
  expect(same.status()).toBe(201);
  await browserLike.dispose();
  // A server action posted from another site is refused before it runs.
  const page = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("admin") });
  const crossSite = await page.post("/compare", {
    headers: { "next-action": "0".repeat(42), origin: "http://evil.example", "content-type": "text/plain" },
    data: "[]",
  });
  expect(crossSite.status()).toBe(403);
  await page.dispose();
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
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === "deleteComparisonAction")![0];
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

test("every response carries the security headers, and pages pass under the CSP", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  const res = await page.goto("/campaigns/1");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The page works under it: charts are drawn by client scripts.
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.goto("/compare?b=link:1&c=link:2&metric=durationMs&group=workload");
  await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
  expect(errors).toEqual([]);
  for (const url of ["/api/campaigns", "/sign-in"]) {
    const r = await request.get(url);
    expect(r.headers()["x-content-type-options"], url).toBe("nosniff");
    expect(r.headers()["content-security-policy"], url).toContain("default-src 'self'");
  }
  const script = page.locator("script[src]").first();
  const asset = await request.get((await script.getAttribute("src"))!);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

/** A server action's id in this build, by its exported name. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0];
}

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
  const target = `/api/campaigns/${planted.vsphere.testbedId + 1_000_000}/cancel`;
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
  const res = await operator.post(`/api/testbeds/${planted.libvirt.testbedId}/check`, { data: {} });
  expect(res.status()).toBe(200);
  const [entry] = await query<{ actorLabel: string; summary: string }>(
    `SELECT "actorLabel", "summary" FROM "AuditEvent" WHERE "action" = 'testbed.check' AND "targetId" = ? ORDER BY "id" DESC`,
    String(planted.libvirt.testbedId),
  );
  expect(entry.actorLabel).toContain("operator@e2e.test");
  expect(entry.summary).toBe(
    `Checked the adapter of testbed “${planted.libvirt.name}” (#${planted.libvirt.testbedId}): 2 problems`,
  );
  await operator.dispose();
  expect(fs.existsSync(canaryMarker)).toBe(false);
});

test("a password goes only to hosts its owner listed, and a libvirt URI's ';' hides no parameter: both refused on save", async ({
  page,
}) => {
  const name = uniqueName("stolen secret");
  await submitTestbedForm(page, name, "vsphere", ["esx-a", "esx-b"], {
    "Connection settings (JSON)": JSON.stringify({
      url: "https://attacker.example",
      username: "u",
      passwordRef: "env:MIGBENCH_SECRET_E2E_VC",
      insecure: true,
      vms: ["x"],
    }),
  });
  await expect(page.locator("#connectionJson-error")).toContainText(
    "passwordRef: The secret env:MIGBENCH_SECRET_E2E_VC may not be sent to attacker.example: its hosts are 127.0.0.1",
  );
  for (const uri of [
    "qemu+ssh://kvm-01/system?no_tty=1;command=/usr/bin/env;keyfile=-Ssh%20-c%20'id'",
    "qemu+ssh://kvm-01/system?no_tty=1%0Acommand=/bin/sh",
    "qemu+ssh://kvm-01/system?no_tty=1&no_tty=0",
  ]) {
    await submitTestbedForm(page, name, "libvirt", ["kvm-01", "kvm-02"], {
      "Connection settings (JSON)": JSON.stringify({ sourceUri: uri, destinationUri: "qemu+ssh://kvm-02/system" }),
    });
    await expect(page.locator("#connectionJson-error")).toContainText(
      /"command" is refused|value of "no_tty"|given twice/,
    );
  }
  expect(await query(`SELECT "id" FROM "Testbed" WHERE "name" = ?`, name)).toHaveLength(0);
});

test("links and profiles an import creates are audited by name, with the import that made them", async () => {
  const api = await apiClient("operator");
  // A testbed of this file's own: a link added to a shared one would show up in later tests' forms.
  const replica = { id: planted.libvirt.testbedId, name: planted.libvirt.name };
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
  expect(entries.every((e) => e.actorLabel.includes("operator@e2e.test"))).toBe(true);
  await api.dispose();
});
