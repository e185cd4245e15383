import { test } from "node:test";
import assert from "node:assert/strict";
import { whatIfQuerySchema } from "./what-if";

test("a what-if question from the page's form: blank fields are not given, numbers are bounded, other keys ignored", () => {
  const asked = whatIfQuerySchema.parse({
    testbed: "2",
    link: "3",
    gbps: "",
    profile: "",
    workload: "",
    dirtyMBps: "1500",
    strategy: "",
    multifd: "",
    evacuate: "",
    concurrent: "",
    extra: "ignored",
  });
  assert.deepEqual(JSON.parse(JSON.stringify(asked)), {
    testbed: 2,
    link: 3,
    dirtyMBps: 1500,
    strategy: "precopy",
    multifd: 1,
    concurrent: 2,
  });
  const refused = whatIfQuerySchema.safeParse({
    testbed: "0",
    gbps: "1e9",
    dirtyMBps: "-1",
    workload: "busy",
    strategy: "teleport",
    multifd: "2.5",
    evacuate: "100000",
    memoryGiB: "lots",
  });
  assert.equal(refused.success, false);
  const fields = Object.keys(refused.error!.flatten().fieldErrors).sort();
  assert.deepEqual(fields, [
    "dirtyMBps",
    "evacuate",
    "gbps",
    "memoryGiB",
    "multifd",
    "strategy",
    "testbed",
    "workload",
  ]);
});
