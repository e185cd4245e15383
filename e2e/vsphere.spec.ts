import fs from "node:fs";
import path from "node:path";
import { hostOfVm } from "../test-support/vcsim";
import type { Page } from "@playwright/test";
import { expect, pickTestbed, submitTestbedForm, test, uniqueName } from "./fixtures";

const VC_URL = `https://127.0.0.1:${process.env.E2E_VCSIM_PORT ?? 18989}`;
// scripts/e2e-server.sh puts vcsim's CA in the e2e secrets directory and its password in MIGBENCH_SECRET_E2E_VC.
const CA_REF = "file:e2e-vcsim-ca.pem";
const PASSWORD_REF = "env:MIGBENCH_SECRET_E2E_VC";

/** The new-testbed form for vcsim's two hosts, migrating `vm`, with credentials by reference only. */
const submitVcsimTestbed = (page: Page, name: string, vm: string, more: Record<string, string> = {}) =>
  submitTestbedForm(page, name, "vsphere", ["DC0_C0_H0", "DC0_C0_H1"], {
    ...more,
    "Connection settings (JSON)": JSON.stringify({
      url: VC_URL,
      username: "admin",
      passwordRef: PASSWORD_REF,
      caRef: CA_REF,
      vms: [vm],
    }),
  });

const hostOf = (vm: string) =>
  hostOfVm({
    url: VC_URL,
    ca: fs.readFileSync(path.join(process.cwd(), "data", "e2e-secrets", "e2e-vcsim-ca.pem"), "utf8"),
    username: "admin",
    password: "s3cret",
    vm,
  });

test("a campaign of vMotions launched from the form moves the VM against vcsim and is tabulated", async ({ page }) => {
  const name = uniqueName("vcsim lab");
  await submitVcsimTestbed(page, name, "DC0_C0_RP0_VM1", { "Concurrent runs": "1" });
  await expect(page).toHaveURL(/\/testbeds\/\d+$/);
  // Opening the page contacts nobody; the check runs when asked.
  await expect(page.getByText("Press “Check now”")).toBeVisible();
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText("Ready: migrations can run on this testbed.")).toBeVisible();
  await expect(page.getByText("VMware vCenter Server 6.5.0 build-5973321")).toBeVisible();
  await expect(page.getByText(`TLS verified against the CA certificate ${CA_REF}`)).toBeVisible();
  // The password reference is shown, never a password.
  await expect(page.getByText("s3cret")).toHaveCount(0);
  await page.getByLabel("Link name").fill("vMotion 10GbE");
  await page.getByLabel("Line rate (Gb/s)").fill("10");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText('Link "vMotion 10GbE" added.')).toBeVisible();

  const before = await hostOf("DC0_C0_RP0_VM1");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(uniqueName("vmotion"));
  await pickTestbed(page, name);
  await page.getByLabel("1 × 16 GiB · once").check();
  await page.getByLabel("Iterations per cell").fill("3");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("progressbar", { name: "Runs finished" })).toHaveAttribute(
    "aria-valuetext",
    "3 of 3 runs finished",
    { timeout: 30_000 },
  );
  await expect(page.getByText("3 succeeded")).toBeVisible();
  // Three moves back and forth: the VM ends on the other host.
  expect(await hostOf("DC0_C0_RP0_VM1")).not.toBe(before);
  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix).toContainText("vMotion 10GbE");
  await expect(matrix).toContainText("n = 3");
  await expect(page.getByRole("figure", { name: "Migration time by link" })).toBeVisible();
  // What vCenter does not report stays unknown.
  await page.getByRole("table", { name: "Runs" }).getByRole("link").first().click();
  await page.getByText("Show what the adapter reported").click();
  await expect(page.getByText(/"to": "DC0_C0_H[01]"/)).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^—$/ }).first()).toBeVisible();
});

test("the testbed's check, on request, names the VM vCenter does not have, before any run", async ({ page }) => {
  const name = uniqueName("vcsim typo");
  await submitVcsimTestbed(page, name, "DC0_C0_RP0_VM9");
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not ready" })).toContainText(
    'VM "DC0_C0_RP0_VM9" not found in vCenter',
  );
});
