import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_VARIANT_DRAFT, draftKey, nextVariantDraft, type VariantDraft } from "./settings-drafts";

test("Add a variant four times gives four variants the server tells apart", () => {
  const variants: VariantDraft[] = [DEFAULT_VARIANT_DRAFT];
  for (let i = 0; i < 3; i++) variants.push(nextVariantDraft(variants, null));
  const keys = variants.map((v) => draftKey(v, null));
  assert.deepEqual(
    variants.map((v) => v.strategy),
    ["precopy", "auto-converge", "postcopy", "postcopy-after-rounds"],
  );
  assert.equal(new Set(keys).size, 4, `keys: ${keys.join(" | ")}`);
  // None left: a copy, for the user to change a setting.
  assert.equal(nextVariantDraft(variants, null).strategy, "postcopy-after-rounds");
});

test("a strategy the testbed cannot apply is skipped", () => {
  const capabilities = { "auto-converge": "not on vSphere", postcopy: "not on vSphere", multifd: null, xbzrle: null };
  const next = nextVariantDraft([DEFAULT_VARIANT_DRAFT], capabilities as never);
  assert.equal(next.strategy, "precopy", "nothing else applies: the copy");
});
