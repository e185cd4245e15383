import { test } from "node:test";
import assert from "node:assert/strict";
import { shortNames } from "./short-names";

test("a link's name loses its trailing parenthesis in a legend", () => {
  const short = shortNames(["10GbE (simulated)", "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)"]);
  assert.equal(short.get("10GbE (simulated)"), "10GbE");
  assert.equal(short.get("40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)"), "40GbE");
});

test("names that would become alike, or empty, stay whole", () => {
  const short = shortNames(["10GbE (lab A)", "10gbe (lab B)", "(unnamed)", "25GbE"]);
  assert.equal(short.get("10GbE (lab A)"), "10GbE (lab A)");
  assert.equal(short.get("10gbe (lab B)"), "10gbe (lab B)");
  assert.equal(short.get("(unnamed)"), "(unnamed)");
  assert.equal(short.get("25GbE"), "25GbE");
});

test("a name repeated is one name", () => {
  assert.equal(shortNames(["10GbE (x)", "10GbE (x)"]).get("10GbE (x)"), "10GbE");
});
