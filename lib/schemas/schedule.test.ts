import { test } from "node:test";
import assert from "node:assert/strict";
import { scheduleSchema } from "./schedule";

test("the schedule schema reads the create and edit forms alike: a ticked Paused box pauses, none leaves it firing", () => {
  const read = (fields: Record<string, string>) => scheduleSchema.safeParse(fields);
  const ticked = read({ name: "nightly", cron: "0 3 * * 1-5", paused: "on" });
  assert.ok(ticked.success);
  assert.equal(ticked.data.paused, true);
  const unticked = read({ name: "nightly", cron: "0 3 * * 1-5" });
  assert.ok(unticked.success);
  assert.notEqual(unticked.data.paused, true);
  const bad = read({ name: "nightly", cron: "0 25 * * *" });
  assert.equal(bad.success, false);
  assert.match(bad.error!.issues[0].message, /Invalid value for hour: 25/);
});
