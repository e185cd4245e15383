import { test } from "node:test";
import assert from "node:assert/strict";
import { nextPathField, safeNextPath, signInSchema } from "./auth";

test("after sign-in only a path of this app is followed: tabs, line breaks, full-width and backslash forms become /", () => {
  for (const hostile of [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u3000/evil.example",
    "/\uff0f/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /campaigns",
    "/campaigns\n",
    "/x\u0000",
    "/" + "a".repeat(2001),
    "",
  ])
    assert.equal(safeNextPath(hostile), "/", JSON.stringify(hostile));
  assert.equal(safeNextPath(undefined), "/");
  assert.equal(safeNextPath(null), "/");
  // Same-origin paths come back as parsed (dot segments resolved, escapes kept).
  assert.equal(safeNextPath("/campaigns/12?tab=runs"), "/campaigns/12?tab=runs");
  assert.equal(safeNextPath("/%09/evil.example"), "/%09/evil.example");
  assert.equal(safeNextPath("/a/../../..//evil.example"), "/", "dot segments cannot climb into a scheme-relative URL");
  assert.equal(safeNextPath("/compare?b=1&c=2#x"), "/compare?b=1&c=2");
  // The form's field: anything but a string is "/", never an error.
  assert.equal(nextPathField.parse(42), "/");
  assert.equal(signInSchema.parse({ email: "a@b.example", password: "x", next: "/\t/evil.example" }).next, "/");
});
