import fc from "fast-check";
import { apiClient, baseURL, expect, test } from "./fixtures";
import { waitForIdleRunner, writeCount } from "./db";
import { actionForm, actionsOfBuild, adminBrowserSession, encodeArgs, type Action } from "./server-actions";
import { hostileSegment, hostileString, hostileValue } from "./hostile";

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
