import { test } from "node:test";
import assert from "node:assert/strict";
import { cronInWords, nextFirings } from "./cron-words";

test("a schedule says when it runs in words, and its next five firings, in UTC", () => {
  assert.equal(cronInWords("0 3 * * *"), "At 03:00 (UTC)");
  assert.equal(cronInWords("0 3 * * 1-5"), "At 03:00, Monday through Friday (UTC)");
  assert.equal(cronInWords("not a schedule"), null);
  const next = nextFirings("0 3 * * 1-5", 5, new Date("2026-12-04T12:00:00Z")); // a Friday
  assert.deepEqual(
    next.map((d) => d.toISOString()),
    [
      "2026-12-07T03:00:00.000Z",
      "2026-12-08T03:00:00.000Z",
      "2026-12-09T03:00:00.000Z",
      "2026-12-10T03:00:00.000Z",
      "2026-12-11T03:00:00.000Z",
    ],
  );
  assert.deepEqual(nextFirings("bad", 5), []);
});
