import net from "node:net";
import {
  apiClient,
  baseURL,
  expect,
  pageAs,
  storageStateOf,
  test,
  type E2ERole,
  uniqueName,
  submitTestbedForm,
} from "./fixtures";
import { countRows, plantTestbed, query } from "./db";
import { plantLibvirtCanary } from "./canary";
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
let canary: Awaited<ReturnType<typeof plantLibvirtCanary>>;
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
  canary = await plantLibvirtCanary(uniqueName("planted libvirt"));
  planted = {
    vsphere: await plantTestbed(uniqueName("planted vCenter"), "vsphere", {
      url: `http://127.0.0.1:${vcPort}`,
      username: "x",
      passwordRef: "file:/etc/shadow",
      vms: ["a"],
    }),
    libvirt: canary.planted,
  };
});

test.afterAll(async () => {
  await new Promise((r) => fakeVcenter.close(r));
  canary.remove();
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
  expect(canary.ran(), "the canary program ran").toBe(false);
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
  expect(canary.ran()).toBe(false);
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
