import { test } from "node:test";
import assert from "node:assert/strict";
import { missingPublicUrlWarning } from "./public-url";

test("the start-up warning names MIGBENCH_URL and the localhost address previews fall back to, on one line", () => {
  const warning = missingPublicUrlWarning({ PORT: "3302" });
  assert.ok(warning);
  assert.match(warning, /MIGBENCH_URL is not set/);
  assert.match(warning, /http:\/\/localhost:3302/);
  assert.doesNotMatch(warning, /\n/);
  assert.match(missingPublicUrlWarning({ MIGBENCH_URL: "" }) ?? "", /localhost:3000/);
  assert.match(missingPublicUrlWarning({ MIGBENCH_URL: "/" }) ?? "", /not set/);
});

test("no warning once MIGBENCH_URL is set", () => {
  assert.equal(missingPublicUrlWarning({ MIGBENCH_URL: "https://migbench.lab.example" }), null);
  assert.equal(missingPublicUrlWarning({ MIGBENCH_URL: "http://10.0.0.5:3000/" }), null);
});
