import { apiClient, expect, test, uniqueName } from "./fixtures";

test("the JSON API launches a campaign and reads its runs and results back", async ({ request }) => {
  const testbeds = (await (await request.get("/api/testbeds")).json()).testbeds as { id: number; name: string }[];
  const replica = testbeds.find((t) => t.name === "Whitepaper replica (simulated)")!;
  const { testbed } = await (await request.get(`/api/testbeds/${replica.id}`)).json();
  const linkIds = testbed.links.map((l: { id: number }) => l.id);
  const profiles = (await (await request.get("/api/profiles")).json()).profiles as { id: number; name: string }[];
  const once = profiles.find((p) => p.name === "1 × 16 GiB · once")!;

  const launched = await request.post("/api/campaigns", {
    data: {
      name: uniqueName("api"),
      testbedId: replica.id,
      linkIds,
      profileIds: [once.id],
      iterations: 2,
      timeScale: 0,
    },
  });
  expect(launched.status()).toBe(201);
  const { campaign } = await launched.json();
  expect(campaign.runCount).toBe(4);
  expect(launched.headers()["location"]).toBe(`/api/campaigns/${campaign.id}`);

  await expect
    .poll(async () => (await (await request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.counts.succeeded, {
      timeout: 30_000,
    })
    .toBe(4);
  const body = await (await request.get(`/api/campaigns/${campaign.id}`)).json();
  expect(body.campaign.status).toBe("completed");
  expect(body.results.links).toHaveLength(2);
  const row = body.results.rows[0];
  expect(row.cells[linkIds[0]].n).toBe(2);
  expect(row.speedup.factor).toBeGreaterThan(2);

  // Links and profiles once; runs paged, naming them by id.
  expect(body.links.map((l: { id: number }) => l.id).sort()).toEqual([...linkIds].sort());
  expect(body.runs.items).toHaveLength(4);
  expect(body.runs.next).toBeNull();
  expect(body.runs.items[0].link).toBeUndefined();
  const runId = body.runs.items[0].id;
  const { run } = await (await request.get(`/api/runs/${runId}`)).json();
  expect(run.status).toBe("succeeded");
  expect(run.samples.length).toBeGreaterThan(10);
  expect(run.rawStats.model).toBe("pre-copy");

  // The CSV export: its header, then a row per run — no blank line between them.
  const csv = (await (await request.get(`/api/campaigns/${campaign.id}/export?format=csv`)).text()).split("\n");
  expect(csv[0]).toMatch(/^runId,campaign,/);
  expect(csv[1]).toMatch(/^\d+,/);
  expect(csv.filter((line) => line !== "")).toHaveLength(5);

  const cancel = await request.post(`/api/campaigns/${campaign.id}/cancel`);
  expect(cancel.status()).toBe(409);
  expect((await cancel.json()).error.message).toContain("no queued or running runs");
});

test("the API validates like the forms and answers with proper status codes", async ({ request }) => {
  const bad = await request.post("/api/campaigns", {
    data: { name: "", testbedId: "x", linkIds: [], profileIds: [1], iterations: 500 },
  });
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.fieldErrors.name).toEqual(["Name is required"]);
  expect(error.fieldErrors.testbedId).toEqual(["Choose a testbed"]);
  expect(error.fieldErrors.linkIds).toEqual(["Choose at least one link"]);
  expect(error.fieldErrors.iterations).toEqual(["Iterations must be a whole number from 1 to 100"]);

  const notJson = await request.post("/api/campaigns", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.message).toBe("The request body is not valid JSON");

  const foreign = await request.post("/api/campaigns", {
    data: { name: "x", testbedId: 999999, linkIds: [1], profileIds: [1], iterations: 1 },
  });
  expect(foreign.status()).toBe(400);
  expect((await foreign.json()).error.fieldErrors.testbedId).toEqual(["This testbed does not exist"]);

  expect((await request.get("/api/campaigns/999999")).status()).toBe(404);
  expect((await request.get("/api/runs/abc")).status()).toBe(404);
  expect((await request.post("/api/runs/999999/cancel")).status()).toBe(404);
  expect((await request.get("/api/testbeds/999999")).status()).toBe(404);
});

test("a JSON body that is not an object is refused", async ({ request }) => {
  const res = await request.post("/api/campaigns", { data: [1, 2] });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toBe("The request body must be a JSON object");
});

test("health for load balancers without signing in, and Prometheus metrics with a token", async () => {
  const anonymous = await apiClient(null);
  const health = await anonymous.get("/api/health");
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body.database).toMatchObject({ reachable: true });
  expect(body.migrations).toMatchObject({ current: true });
  expect(body.workers.live).toBeGreaterThanOrEqual(1);
  expect(typeof body.queue.depth).toBe("number");
  expect(JSON.stringify(body)).not.toMatch(/e2e\.test|Whitepaper|secret/i);
  expect((await anonymous.get("/metrics")).status()).toBe(401);
  await anonymous.dispose();

  const viewer = await apiClient("viewer");
  const metrics = await viewer.get("/metrics");
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const text = await metrics.text();
  expect(text).toMatch(/^migbench_runs\{status="succeeded"\} \d+$/m);
  expect(text).toMatch(/^migbench_migration_duration_seconds_bucket\{adapter="simulator",le="\+Inf"\} \d+$/m);
  expect(text).toMatch(/^migbench_workers_live \d+$/m);
  await viewer.dispose();
});
