import { test } from "node:test";
import assert from "node:assert/strict";
import { withTestDatabase } from "@/test-support/test-database";

// Accounts on a real SQLite file: the last-admin rule, disabling, the one-time setup token.
withTestDatabase();
process.env.MIGBENCH_AUTH_SECRET = "x".repeat(40);

test("the last enabled admin can be neither demoted nor disabled; disabling ends sessions", async () => {
  const { createAccount } = await import("@/lib/auth/accounts");
  const users = await import("./users");
  const { db } = await import("./client");
  const { auth } = await import("@/lib/auth/server");
  const admin = await createAccount({ email: "a@lab.test", name: "a", role: "admin", password: "a long password" });
  const viewer = await createAccount({ email: "v@lab.test", name: "v", role: "viewer", password: "a long password" });
  assert.ok(admin.ok && viewer.ok);
  if (!admin.ok || !viewer.ok) return;
  assert.equal(await users.activeAdminExists(), true);
  assert.match(
    ((await users.setUserRole({ id: admin.value.id, role: "viewer" })) as { message: string }).message,
    /At least one enabled admin/,
  );
  assert.match(
    ((await users.setUserDisabled({ id: admin.value.id, disabled: true })) as { message: string }).message,
    /At least one enabled admin/,
  );
  assert.equal(
    (await createAccount({ email: "A@lab.test", name: "dup", role: "viewer", password: "a long password" })).ok,
    false,
    "emails are unique, whatever their case",
  );

  // A second admin makes the first one free to go.
  assert.ok((await users.setUserRole({ id: viewer.value.id, role: "admin" })).ok);
  await auth.api.signInEmail({ body: { email: "a@lab.test", password: "a long password" } });
  assert.equal(await db.session.count({ where: { userId: admin.value.id } }), 1);
  assert.ok((await users.setUserDisabled({ id: admin.value.id, disabled: true })).ok);
  assert.equal(
    await db.session.count({ where: { userId: admin.value.id } }),
    0,
    "disabling signs the user out everywhere",
  );
  await assert.rejects(
    auth.api.signInEmail({ body: { email: "a@lab.test", password: "a long password" } }),
    /disabled/,
  );
  assert.ok((await users.setUserDisabled({ id: admin.value.id, disabled: false })).ok);
  await auth.api.signInEmail({ body: { email: "a@lab.test", password: "a long password" } });
});

test("the setup token works once, and a newer one replaces it", async () => {
  const { issueSetupToken } = await import("@/lib/auth/setup-token");
  const { hashToken } = await import("@/lib/auth/tokens");
  const settings = await import("./app-settings");
  const first = await issueSetupToken();
  const second = await issueSetupToken();
  assert.equal(
    await settings.isSetupTokenHash({ tokenHash: hashToken(first) }),
    false,
    "the earlier link stopped working",
  );
  const consumed = await Promise.all([
    settings.consumeSetupTokenHash({ tokenHash: hashToken(second) }),
    settings.consumeSetupTokenHash({ tokenHash: hashToken(second) }),
  ]);
  assert.deepEqual(consumed.sort(), [false, true], "two submissions at once: exactly one wins");
  assert.equal(await settings.isSetupTokenHash({ tokenHash: hashToken(second) }), false);
});

test("API checks: a token acts at most at its owner's role; public read-only mode lets anonymous callers read, never write", async () => {
  const { authorizeApi } = await import("@/lib/auth/api-guard");
  const { generateToken } = await import("@/lib/auth/tokens");
  const { createApiToken } = await import("./api-tokens");
  const { createAccount } = await import("@/lib/auth/accounts");
  const created = await createAccount({
    email: "op@lab.test",
    name: "op",
    role: "operator",
    password: "a long password",
  });
  assert.ok(created.ok);
  if (!created.ok) return;
  const { token, tokenHash, prefix } = generateToken();
  // Stored as admin (as if the owner had been demoted since): the owner's operator role caps it.
  await createApiToken({
    data: { userId: created.value.id, name: "t", role: "admin", tokenHash, prefix, expiresAt: null },
  });
  const req = (method: string, headers: Record<string, string> = {}) =>
    new Request("http://lab:3000/api/campaigns", { method, headers });
  const bearer = { authorization: `Bearer ${token}` };
  assert.equal((await authorizeApi(req("POST", bearer), "operator")).ok, true);
  const admin = await authorizeApi(req("GET", bearer), "admin");
  assert.equal(admin.ok, false);
  if (!admin.ok) assert.equal(admin.response.status, 403);

  delete process.env.MIGBENCH_PUBLIC_READ;
  const closed = await authorizeApi(req("GET"), "viewer");
  assert.equal(closed.ok ? 200 : closed.response.status, 401);
  process.env.MIGBENCH_PUBLIC_READ = "1";
  try {
    assert.equal((await authorizeApi(req("GET"), "viewer")).ok, true);
    const write = await authorizeApi(req("POST", { "content-type": "application/json" }), "operator");
    assert.equal(write.ok ? 200 : write.response.status, 401);
  } finally {
    delete process.env.MIGBENCH_PUBLIC_READ;
  }
});
