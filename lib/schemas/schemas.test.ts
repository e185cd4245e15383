import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { testbedSchema } from "./testbed";
import { linkSchema } from "./link";
import { usableRateGbps } from "@/lib/model/rates";
import { vmProfileSchema } from "./profile";
import {
  campaignListQuerySchema,
  campaignRunsQuerySchema,
  campaignRunsQueryString,
  MAX_CAMPAIGN_SEARCH,
} from "./campaign";

function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, "expected the input to be rejected");
  return z.flattenError(result.error!).fieldErrors as Record<string, string[]>;
}

// Forms as the browser sends them (strings), each test changing what it is about.
const TESTBED_FORM = { name: "x", hypervisor: "qemu", sourceHost: "esx-01", destinationHost: "esx-02" };
const PROFILE_FORM = { name: "p", memoryGiB: "16", vcpuCount: "1", vmCount: "1", workload: "once" };

test("a valid testbed form is accepted and host memory becomes bytes", () => {
  const out = testbedSchema.parse({
    ...TESTBED_FORM,
    name: " Lab A ",
    hostMemoryGiB: "24",
    connectionJson: "",
    notes: "",
  });
  assert.equal(out.name, "Lab A");
  assert.equal(out.hostMemoryBytes, 24 * 1024 ** 3);
  assert.equal(out.connectionJson, "{}");
});

test("a testbed form with blanks and bad values names each field", () => {
  const errors = errorsOf(testbedSchema, {
    ...TESTBED_FORM,
    ...{ name: "", hypervisor: "hyperv", destinationHost: "", hostMemoryGiB: "lots", connectionJson: "{not json" },
  });
  assert.deepEqual(errors.name, ["Name is required"]);
  assert.match(errors.hypervisor[0], /hypervisor/);
  assert.deepEqual(errors.destinationHost, ["Destination host is required"]);
  assert.match(errors.hostMemoryGiB[0], /Host memory in GiB must be a number/);
  assert.match(errors.connectionJson[0], /JSON object/);
});

test("a testbed cannot migrate to itself nor store a password", () => {
  const errors = errorsOf(testbedSchema, {
    ...TESTBED_FORM,
    ...{ hypervisor: "vsphere", destinationHost: "esx-01", connectionJson: '{"password": "hunter2"}' },
  });
  assert.match(errors.destinationHost[0], /differ/);
  assert.match(errors.connectionJson[0], /"password" is not a setting of vsphere testbeds/);
});

test("a valid link form gets defaults for blank optional fields", () => {
  const out = linkSchema.parse({ testbedId: "3", name: "40GbE", lineRateGbps: "40", busLimitGbps: "27", mtuBytes: "" });
  assert.equal(out.testbedId, 3);
  assert.equal(out.mtuBytes, 1500);
  assert.equal(out.pcieLanes, null);
  assert.equal(out.emulated, false);
  assert.equal(usableRateGbps(out), 27);
  assert.equal(usableRateGbps({ lineRateGbps: 10, busLimitGbps: null }), 10);
});

test("a link form with impossible values is rejected field by field", () => {
  const link = { testbedId: "1", name: "x" };
  const errors = errorsOf(linkSchema, {
    ...link,
    lineRateGbps: "-10",
    busLimitGbps: "0",
    mtuBytes: "100",
    pcieLanes: "3",
  });
  assert.match(errors.lineRateGbps[0], /more than 0/);
  assert.match(errors.busLimitGbps[0], /more than 0/);
  assert.match(errors.mtuBytes[0], /576 to 9216/);
  assert.match(errors.pcieLanes[0], /1, 2, 4, 8, 16 or 32/);
  const missing = errorsOf(linkSchema, { testbedId: "1", name: "x", lineRateGbps: "" });
  assert.deepEqual(missing.lineRateGbps, ["Line rate is required"]);
});

test("a continuous profile needs a dirty rate; idle drops it", () => {
  const errors = errorsOf(vmProfileSchema, { ...PROFILE_FORM, workload: "continuous" });
  assert.match(errors.dirtyRateMBps[0], /dirty rate/);
  const idle = vmProfileSchema.parse({
    ...PROFILE_FORM,
    vcpuCount: "2",
    vmCount: "8",
    workload: "idle",
    dirtyRateMBps: "500",
  });
  assert.equal(idle.memoryBytes, 16 * 1024 ** 3);
  assert.equal(idle.dirtyRateBytesPerSec, null);
  const cont = vmProfileSchema.parse({
    ...PROFILE_FORM,
    workload: "continuous",
    dirtyRateMBps: "500",
    workingSetGiB: "4",
  });
  assert.equal(cont.dirtyRateBytesPerSec, 500e6);
  assert.equal(cont.workingSetBytes, 4 * 1024 ** 3);
});

test("profile limits: whole VM counts and a working set within memory", () => {
  const errors = errorsOf(vmProfileSchema, {
    ...PROFILE_FORM,
    ...{
      memoryGiB: "2",
      vcpuCount: "1.5",
      vmCount: "0",
      workload: "continuous",
      dirtyRateMBps: "10",
      workingSetGiB: "4",
    },
  });
  assert.match(errors.vcpuCount[0], /whole number/);
  assert.match(errors.vmCount[0], /whole number/);
  assert.match(errors.workingSetGiB[0], /cannot exceed/);
});

test("one launch schema, two encodings: the API is strict, the form reads its own strings", async () => {
  const { launchCampaignSchema, launchCampaignFormSchema } = await import("./campaign");
  const json = { name: "x", testbedId: 2, linkIds: [3], profileIds: [1], iterations: 2 };
  assert.equal(launchCampaignSchema.safeParse(json).success, true);
  for (const [field, value] of [
    ["iterations", "2"],
    ["iterations", "0x10"],
    ["testbedId", "2"],
    ["profileIds", true],
    ["profileIds", ["1"]],
    ["timeScale", []],
    ["iterations", 1e308],
    ["testbedId", 1.5],
  ] as const) {
    assert.equal(
      launchCampaignSchema.safeParse({ ...json, [field]: value }).success,
      false,
      `${field}: ${JSON.stringify(value)}`,
    );
  }
  const form = { name: "x", testbedId: "2", linkIds: ["3"], profileIds: ["1"], iterations: " 2 ", timeScale: "" };
  const parsed = launchCampaignFormSchema.parse(form);
  assert.deepEqual([parsed.testbedId, parsed.linkIds, parsed.iterations, parsed.timeScale], [2, [3], 2, 50]);
  assert.equal(launchCampaignFormSchema.safeParse({ ...form, iterations: "0x10" }).success, false);
  assert.equal(launchCampaignFormSchema.safeParse({ ...form, iterations: "Infinity" }).success, false);
});

test("the campaign list's name search is trimmed, bounded and optional, beside the verdict and the page", () => {
  assert.deepEqual(campaignListQuerySchema.parse({ q: "  40GbE ", verdict: "regression", before: "12" }), {
    q: "40GbE",
    verdict: "regression",
    before: 12,
  });
  assert.equal(campaignListQuerySchema.parse({ q: "   " }).q, undefined);
  assert.equal(campaignListQuerySchema.parse({ q: ["first", "second"] }).q, "first");
  assert.equal(campaignListQuerySchema.parse({ q: "x".repeat(MAX_CAMPAIGN_SEARCH) }).q?.length, MAX_CAMPAIGN_SEARCH);
  assert.equal(campaignListQuerySchema.safeParse({ q: "x".repeat(MAX_CAMPAIGN_SEARCH + 1) }).success, false);
});

test("a campaign's runs table takes known statuses, ids and orders only, and writes back the same URL", () => {
  const q = campaignRunsQuerySchema.parse({
    status: "failed",
    link: "3",
    profile: "",
    sort: "duration-desc",
    after: "40",
  });
  assert.deepEqual(q, { status: "failed", link: 3, profile: undefined, sort: "duration-desc", after: 40 });
  assert.equal(campaignRunsQuerySchema.parse({}).sort, "id");
  for (const bad of [
    { status: "exploded" },
    { sort: "name" },
    { link: "3 OR 1=1" },
    { after: "-1" },
    { profile: "1e99" },
  ])
    assert.equal(campaignRunsQuerySchema.safeParse(bad).success, false, JSON.stringify(bad));
  assert.equal(campaignRunsQueryString(q), "status=failed&link=3&sort=duration-desc");
  assert.equal(campaignRunsQueryString(q, 77), "status=failed&link=3&sort=duration-desc&after=77");
  assert.equal(campaignRunsQueryString(campaignRunsQuerySchema.parse({ sort: "id" })), "");
});
