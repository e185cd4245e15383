import fs from "node:fs";
import fc from "fast-check";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { apiClient, baseURL, expect, NO_COOKIES, storageStateOf, test, USERS } from "./fixtures";
import { waitForIdleRunner, writeCount } from "./db";

/**
 * Property-based fuzzing of every API route (over HTTP, with an admin token so every check after
 * the role is reached) and every server action (over the action protocol, as a signed-in admin's
 * browser would send it, with arbitrary arguments and form fields). Properties:
 *   - no 5xx, ever;
 *   - an API refusal has the shape { error: { message, fieldErrors? } };
 *   - a refused input writes nothing: the test database's write counter (triggers on every table but
 *     the runners' heartbeat, e2e/db.ts) does not move.
 * Ids never name a real row (only hostile strings, 0, negatives, fractions, or ids above 10^7), so
 * a valid-looking call cannot delete what later tests rely on. The seed is printed on failure; the
 * findings of the review are kept as fixed cases at the end.
 */

const RUNS_PER_ROUTE = 40;
const RUNS_PER_ACTION = 30;

const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "0x10",
    "1e308",
    "-1",
    "1.5",
    "NaN",
    "Infinity",
    "null",
    "true",
    "[]",
    "{}",
    "\u0000",
    "\ud800",
    "a\u0007b",
    "<script>alert(1)</script>",
    "'; DROP TABLE Run;--",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "$undefined",
    "x".repeat(5000),
    // Separators and whitespace that parsers drop or split on (the second security review's findings).
    "qemu+ssh://kvm-01/system?no_tty=1;command=/usr/bin/env;keyfile=-Ssh%20-c%20'id'",
    "qemu+ssh://kvm-01/system?no_tty=1\ncommand=/bin/sh",
    "qemu+ssh://kvm-01\t/system",
    "qemu+ssh://ｋｖｍ-01/system?no_tty=1；command=/bin/sh",
    "tcp://10.0.0.2:49152\n--xml /etc/passwd",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\u3000/evil.example",
    "//evil.example",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal./",
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e308, -0, 2 ** 31, 2 ** 53 + 2, 0.1),
  fc.integer({ min: -1000, max: 0 }),
  fc.integer({ min: 10_000_000, max: 2 ** 40 }),
  fc.double({ noInteger: true, noNaN: true }),
);
const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileScalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 5 }),
  ),
}));
/** Path segments: hostile, never a small real id (nor empty, "." or "..", which make another URL). */
const hostileSegment = fc
  .oneof(hostileString, hostileNumber.map(String))
  .filter((s) => !/^\s*\+?0*[1-9]\d{0,6}\s*$/.test(s) && !["", ".", ".."].includes(s.trim()));

/** Runs one request; when it was refused, nothing may have been written meanwhile. */
async function expectNoWriteIfRefused(
  what: string,
  send: () => Promise<{ status: number; accepted: boolean; body: string; json: boolean }>,
) {
  const before = await writeCount();
  const res = await send();
  expect(res.status, `${what} → ${res.status}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (!res.accepted)
    expect(await writeCount(), `${what} was refused (${res.status}) but something was written`).toBe(before);
  else await waitForIdleRunner();
  return res;
}

const ROUTES: { method: "GET" | "POST"; path: string }[] = [
  { method: "GET", path: "/api/testbeds" },
  { method: "GET", path: "/api/testbeds/:id" },
  { method: "POST", path: "/api/testbeds/:id/check" },
  { method: "GET", path: "/api/profiles" },
  { method: "GET", path: "/api/profiles/:id" },
  { method: "GET", path: "/api/campaigns" },
  { method: "POST", path: "/api/campaigns" },
  { method: "GET", path: "/api/campaigns/:id" },
  { method: "POST", path: "/api/campaigns/:id/cancel" },
  { method: "POST", path: "/api/campaigns/:id/baseline" },
  { method: "GET", path: "/api/series" },
  { method: "GET", path: "/api/schedules" },
  { method: "GET", path: "/api/series/:id/:id" },
  { method: "GET", path: "/api/campaigns/:id/export" },
  { method: "GET", path: "/api/campaigns/:id/live" },
  { method: "POST", path: "/api/imports" },
  { method: "GET", path: "/api/search" },
  { method: "GET", path: "/api/runs/:id" },
  { method: "POST", path: "/api/runs/:id/cancel" },
  { method: "POST", path: "/api/runs/:id/rerun" },
  { method: "GET", path: "/api/runs/:id/samples" },
  { method: "GET", path: "/api/compare" },
  { method: "GET", path: "/compare/export" },
  { method: "GET", path: "/compare/image.svg" },
  { method: "GET", path: "/c/:id/export" },
  { method: "GET", path: "/c/:id/image.svg" },
  { method: "GET", path: "/admin/audit/export" },
  { method: "GET", path: "/api/health" },
  { method: "GET", path: "/metrics" },
];

test("API routes: hostile paths, queries and bodies never give a 5xx, refusals say why and write nothing", async () => {
  test.setTimeout(300_000);
  await waitForIdleRunner();
  const api = await apiClient("admin");
  let cases = 0;
  for (const route of ROUTES) {
    await fc.assert(
      fc.asyncProperty(
        hostileSegment,
        fc.dictionary(
          fc.constantFrom(
            "b",
            "c",
            "metric",
            "group",
            "workload",
            "profile",
            "format",
            "limit",
            "before",
            "after",
            "kind",
            "q",
            "testbedId",
            "name",
            "source",
            "intent",
            "action",
            "actor",
            "from",
            "to",
            "x",
          ),
          hostileString,
          { maxKeys: 5 },
        ),
        hostileValue,
        fc.constantFrom("application/json", "text/csv", "text/plain", "application/x-www-form-urlencoded"),
        async (segment, query, body, contentType) => {
          cases++;
          const url = `${route.path.replaceAll(":id", encodeSegment(segment))}?${new URLSearchParams(query)}`;
          const data =
            route.path === "/api/imports" && contentType === "text/csv"
              ? `link,lineRateGbps\n${JSON.stringify(body)}`
              : JSON.stringify(body);
          await expectNoWriteIfRefused(`${route.method} ${url}`, async () => {
            const res = await api.fetch(url, {
              method: route.method,
              headers: { "content-type": contentType },
              data: route.method === "POST" ? data : undefined,
            });
            const text = await res.text();
            const isJson = (res.headers()["content-type"] ?? "").includes("application/json");
            if (res.status() >= 400) {
              expect(isJson, `${route.method} ${url}: a refusal is JSON`).toBe(true);
              const parsed = JSON.parse(text);
              expect(typeof parsed.error?.message).toBe("string");
              if (parsed.error.fieldErrors !== undefined) expect(typeof parsed.error.fieldErrors).toBe("object");
            }
            return {
              status: res.status(),
              accepted: res.status() < 400 && route.method === "POST",
              body: text,
              json: isJson,
            };
          });
        },
      ),
      { numRuns: RUNS_PER_ROUTE },
    );
  }
  await api.dispose();
  expect(cases).toBeGreaterThanOrEqual(ROUTES.length * RUNS_PER_ROUTE);
});

/** React's encoding of an argument list: a string starting with "$" is escaped as "$$…". */
function encodeArgs(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeArgs);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArgs(v)]));
  return value;
}

type Action = { id: string; name: string; page: string };

/**
 * A form submission as React sends it: the form's fields as entries "_1_<name>", then the argument
 * list as entry "0", where "$K1" stands for the form. The order matters: "0" is resolved when it
 * arrives, so it must come last (a FormData keeps it; an object would put "0" first).
 */
function actionForm(bound: unknown[], fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", JSON.stringify([...(encodeArgs(bound) as unknown[]), { ok: null }, "$K1"]));
  return form;
}

/** A path segment as raw bytes when it holds a lone surrogate (encodeURIComponent refuses those). */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          const c = ch.charCodeAt(0);
          return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join("");
        }
      })
      .join("");
  }
}

function actionsOfBuild(): Action[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers).find((w) => !w.startsWith("app/_not-found")) ?? "app/page";
    return {
      id,
      name: a.exportedName,
      page: ("/" + worker.replace(/^app\/?/, "").replace(/\/?page$/, "")).replace(/\[[^\]]+\]/g, "1"),
    };
  });
}

/** Form fields the forms send, and some they do not. */
const FIELD_NAMES = [
  "name",
  "hypervisor",
  "sourceHost",
  "destinationHost",
  "hostMemoryGiB",
  "linkScale",
  "maxConcurrentRuns",
  "connectionJson",
  "notes",
  "lineRateGbps",
  "busLimitGbps",
  "mtuBytes",
  "pcieGeneration",
  "pcieLanes",
  "emulated",
  "memoryGiB",
  "vcpuCount",
  "vmCount",
  "workload",
  "dirtyRateMBps",
  "workingSetGiB",
  "testbedId",
  "linkIds",
  "profileIds",
  "iterations",
  "timeScale",
  "title",
  "query",
  "role",
  "email",
  "password",
  "expiresInDays",
  "currentPassword",
  "newPassword",
  "confirm",
  "x",
];

/** Sign-in, sign-out and first-run setup are left out: they exist to be called anonymously, and a failed sign-in is audited by design. */
const NOT_FUZZED = new Set(["signInAction", "signOutAction", "createFirstAdminAction"]);

async function adminBrowserSession(): Promise<APIRequestContext> {
  // A session of its own, so nothing here signs out the admin the other tests use.
  const api = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const res = await api.post("/sign-in", {
    headers: { "next-action": actionsOfBuild().find((a) => a.name === "signInAction")!.id, origin: baseURL },
    multipart: actionForm([], { email: USERS.admin.email, password: USERS.admin.password, next: "/" }),
  });
  expect(res.status()).toBeLessThan(400);
  expect(
    (await api.storageState()).cookies.some((c) => c.name.endsWith("session_token")),
    "signed in",
  ).toBe(true);
  return api;
}

test("server actions: arbitrary arguments and form fields never give a 5xx, and refusals write nothing", async () => {
  test.setTimeout(300_000);
  await waitForIdleRunner();
  const api = await adminBrowserSession();
  const actions = actionsOfBuild().filter((a) => !NOT_FUZZED.has(a.name));
  let cases = 0;
  const send = async (action: Action, multipart: FormData | null, json: unknown[] | null) =>
    expectNoWriteIfRefused(
      `${action.name}(${JSON.stringify(json ?? [...(multipart?.entries() ?? [])]).slice(0, 200)})`,
      async () => {
        const headers = { "next-action": action.id, origin: baseURL };
        const res = multipart
          ? await api.post(action.page, { headers, multipart })
          : await api.post(action.page, {
              headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
              data: JSON.stringify(encodeArgs(json)),
            });
        const text = await res.text();
        const accepted = res.status() < 400 && (!!res.headers()["x-action-redirect"] || /"ok":true/.test(text));
        return { status: res.status(), accepted, body: text, json: false };
      },
    );
  // Objects that cannot be turned into text (a random find of this test: ids interpolated into the paths
  // to refresh before they were checked gave a 500). Every action, every time, not only when drawn.
  for (const action of actions)
    for (const args of [[{ toString: "" }], [{ toString: "" }, { toString: "" }, false]]) {
      cases++;
      await send(action, null, args);
    }
  for (const action of actions) {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileValue, { maxLength: 4 }), async (args) => {
        cases++;
        await send(action, null, args);
      }),
      { numRuns: RUNS_PER_ACTION / 2 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileValue, { maxLength: 2 }),
        fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileString, { maxKeys: 8 }),
        async (bound, fields) => {
          cases++;
          await send(action, actionForm(bound, fields), null);
        },
      ),
      { numRuns: RUNS_PER_ACTION / 2 },
    );
  }
  await api.dispose();
  expect(cases).toBeGreaterThanOrEqual(actions.length * RUNS_PER_ACTION);
});

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
