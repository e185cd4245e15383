import { expect, fillByLabel, submitTestbedForm, test, uniqueName } from "./fixtures";

test("invalid testbed input shows errors beside the fields and creates nothing", async ({ page }) => {
  const name = uniqueName("Bad testbed");
  await submitTestbedForm(page, name, null, ["host-a", "host-a"], {
    "Host memory (GiB)": "0",
    "Connection settings (JSON)": "{not json",
  });

  await expect(page.getByLabel("Destination host")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#destinationHost-error")).toHaveText("Destination host must differ from the source host");
  await expect(page.locator("#hostMemoryGiB-error")).toHaveText(
    "Host memory must be more than 0 and at most 65536 GiB",
  );
  await expect(page.locator("#connectionJson-error")).toContainText("must be a JSON object");
  // What the user typed is still there.
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Source host")).toHaveValue("host-a");
  await expect(page).toHaveURL(/\/testbeds\/new$/);

  await page.goto("/testbeds");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("a valid testbed and link are created and listed; bad link input creates no link", async ({ page }) => {
  const name = uniqueName("Lab pair");
  await submitTestbedForm(page, name, "qemu", ["kvm-01", "kvm-02"], { "Host memory (GiB)": "64" });
  await expect(page).toHaveURL(/\/testbeds\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("No links yet")).toBeVisible();

  // Invalid link: nothing is added.
  await fillByLabel(page, {
    "Link name": "25GbE",
    "Line rate (Gb/s)": "-25",
    "MTU (bytes)": "100000",
    "PCIe lanes": "3",
    "Per-stream ceiling (Gb/s)": "0",
  });
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.locator("#lineRateGbps-error")).toHaveText("Line rate must be more than 0 and at most 1600 Gb/s");
  await expect(page.locator("#mtuBytes-error")).toHaveText("MTU must be a whole number of bytes from 576 to 9216");
  await expect(page.locator("#pcieLanes-error")).toHaveText("PCIe lanes must be 1, 2, 4, 8, 16 or 32");
  await expect(page.locator("#modelStreamCeilingGbps-error")).toHaveText(
    "Per-stream ceiling must be more than 0 and at most 1600 Gb/s (leave blank for none)",
  );
  await page.reload();
  await expect(page.getByText("No links yet")).toBeVisible();

  // Valid link.
  await fillByLabel(page, {
    "Link name": "40GbE ConnectX-3",
    "Line rate (Gb/s)": "40",
    "Bus limit (Gb/s)": "31.5",
    "PCIe generation": "3",
    "PCIe lanes": "8",
    "Per-stream ceiling (Gb/s)": "12",
  });
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText('Link "40GbE ConnectX-3" added.')).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "40GbE ConnectX-3" });
  await expect(row).toContainText("40.00 Gb/s");
  await expect(row).toContainText("31.50 Gb/s");
  await expect(row).toContainText("Gen3 x8");
  await expect(row).toContainText("≤ 12.00 Gb/s");

  // A duplicate link name is refused beside the name field.
  await page.getByLabel("Link name").fill("40GbE ConnectX-3");
  await page.getByLabel("Line rate (Gb/s)").fill("40");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.locator("#name-error")).toContainText("already has a link named");

  await page.goto("/testbeds");
  const listed = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(listed).toContainText("kvm-01 → kvm-02");
  await expect(listed).toContainText("64 GiB");
});

test("deleting a link or testbed that results refer to is refused with the reason", async ({ page }) => {
  await page.goto("/testbeds");
  await page.getByRole("link", { name: "ESX 4.1 vMotion — HP DL380 G6" }).click();
  const row = page.getByRole("row").filter({ hasText: "10GbE ConnectX-2" });
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row.getByRole("alert")).toContainText("2 runs were measured over this link");

  await page.getByRole("button", { name: "Delete testbed" }).click();
  await expect(page.getByText("This testbed has 1 campaign; delete it first so no results are lost.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "10GbE ConnectX-2" })).toBeVisible();
});

test("a testbed without results can be edited and deleted", async ({ page }) => {
  const name = uniqueName("Scratch");
  await submitTestbedForm(page, name, null, ["a", "b"]);
  await expect(page).toHaveURL(/\/testbeds\/\d+$/);

  await page.getByRole("link", { name: "Edit testbed" }).click();
  await page.getByLabel("Destination host").fill("c");
  await page.getByRole("button", { name: "Save testbed" }).click();
  await expect(page.getByText("a → c")).toBeVisible();

  await page.getByRole("button", { name: "Delete testbed" }).click();
  await expect(page).toHaveURL(/\/testbeds$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});
