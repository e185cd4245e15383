import { test } from "node:test";
import assert from "node:assert/strict";
import { hasRole, lowerRole, ROLE_DESCRIPTIONS, ROLES } from "./roles";
import { generateToken, hashToken, looksLikeToken } from "./tokens";
import { originCheck } from "@/lib/http/origin";

test("roles are ordered viewer < operator < admin; unknown or missing roles may do nothing", () => {
  assert.equal(hasRole("admin", "operator"), true);
  assert.equal(hasRole("operator", "operator"), true);
  assert.equal(hasRole("viewer", "operator"), false);
  assert.equal(hasRole("root", "viewer"), false);
  assert.equal(hasRole(null, "viewer"), false);
  assert.equal(lowerRole("admin", "viewer"), "viewer");
  assert.equal(lowerRole("operator", "admin"), "operator");
});

test("each role's description reads as a sentence after “you may”: every 'also' is followed by a verb", () => {
  for (const role of ROLES) {
    const sentence = `you may ${ROLE_DESCRIPTIONS[role]}.`;
    assert.doesNotMatch(sentence, /also (testbeds|links|users|the )/, sentence);
  }
  assert.match(ROLE_DESCRIPTIONS.admin, /^also manage testbeds, .* and read the audit log$/);
});

test("API tokens: 256 random bits, shown once, stored as a SHA-256", () => {
  const a = generateToken();
  const b = generateToken();
  assert.notEqual(a.token, b.token);
  assert.ok(looksLikeToken(a.token));
  assert.equal(a.tokenHash, hashToken(a.token));
  assert.equal(a.tokenHash.length, 64);
  assert.ok(a.token.startsWith(a.prefix) && a.prefix.length < 12);
  assert.equal(looksLikeToken("mbt_short"), false);
});

test("origin check: same host, the configured public URL, foreign, or missing", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  assert.equal(originCheck(h({ origin: "http://lab:3000", host: "lab:3000" })), "same");
  assert.equal(originCheck(h({ origin: "http://evil.example", host: "lab:3000" })), "foreign");
  assert.equal(originCheck(h({ host: "lab:3000" })), "missing");
  assert.equal(originCheck(h({ origin: "null", host: "lab:3000" })), "foreign");
  // X-Forwarded-Host counts only when the socket's peer is a trusted proxy.
  globalThis.__migbenchPeerKey = "k";
  const viaProxy = { origin: "https://migbench.lab", host: "10.0.0.5:3000", "x-forwarded-host": "migbench.lab" };
  assert.equal(originCheck(h({ ...viaProxy, "x-migbench-peer": "k 10.0.0.9" })), "foreign");
  process.env.MIGBENCH_TRUSTED_PROXIES = "10.0.0.9";
  try {
    assert.equal(originCheck(h({ ...viaProxy, "x-migbench-peer": "k 10.0.0.9" })), "same");
    assert.equal(originCheck(h({ ...viaProxy, "x-migbench-peer": "forged 10.0.0.9" })), "foreign");
  } finally {
    delete process.env.MIGBENCH_TRUSTED_PROXIES;
    delete globalThis.__migbenchPeerKey;
  }
});
