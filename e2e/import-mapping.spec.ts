import { expect, pickTestbed, test, uniqueName } from "./fixtures";
import { plantTestbed } from "./db";

/** The whitepaper's results table, with its own columns and units, as a reader would copy it out. */
const PUBLISHED = `Memory Allocation Method,BW (Gb/s),Time (Sec),Data Size (Gb)
Once (10GE),8.78,16.65,145.45
Once (40GE),19.87,7.465,145.17
Continuous (10GE),8.43,38.93,328.58
Continuous (40GE),17.67,10.44,179.15`;

test("a published table imports through a column mapping, which is kept for its source", async ({ page }) => {
  const testbed = uniqueName("paper lab");
  await plantTestbed(testbed, "simulator", {});
  const source = uniqueName("Mellanox white paper, Test Results");
  const open = async (name: string) => {
    await page.goto("/campaigns/import");
    await pickTestbed(page, testbed, "Testbed the runs were measured on");
    await page.getByLabel("New campaign name").fill(name);
    await page.getByLabel(/^Source/).fill(source);
    await page
      .getByLabel(/^File/)
      .setInputFiles({ name: "whitepaper.csv", mimeType: "text/csv", buffer: Buffer.from(PUBLISHED) });
    return page.getByRole("region", { name: "Column mapping" });
  };

  const name = uniqueName("whitepaper table");
  const mapping = await open(name);
  // The guesses: units from the headers, workload and link from the method column's values.
  await expect(mapping.getByLabel("Source of Migration time")).toHaveValue("column:Time (Sec)");
  await expect(mapping.getByLabel("Unit of Migration time")).toHaveValue("s");
  await expect(mapping.getByLabel("Unit of Data transferred")).toHaveValue("Gb");
  await expect(mapping.getByLabel("Category column")).toHaveValue("Memory Allocation Method");
  await expect(mapping.getByLabel("Workload of “Continuous (10GE)”")).toHaveValue("continuous");
  await expect(mapping.getByLabel("Link of “Once (10GE)”")).toHaveValue("10GbE");
  // The 40GbE NIC is named as on the testbed the user has in mind; its bus limit comes as one value.
  for (const value of ["Once (40GE)", "Continuous (40GE)"])
    await mapping.getByLabel(`Link of “${value}”`).fill("40GbE ConnectX-2");

  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByText("All 4 rows are valid.")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const matrix = page.getByRole("table", { name: "Result matrix" });
  const once = matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · once" });
  await expect(once).toContainText("16.65 s");
  await expect(once).toContainText("7.465 s");
  await expect(once).toContainText("145.45 Gb");
  await expect(once).toContainText("2.23×");
  await expect(matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · continuous" })).toContainText("3.73×");
  await expect(matrix.getByRole("columnheader", { name: /40GbE ConnectX-2/ })).toBeVisible();

  // The next file from the same source opens with the mapping as it was confirmed.
  const again = await open(uniqueName("whitepaper again"));
  await expect(again.getByText(`The mapping saved for “${source}” is filled in.`)).toBeVisible();
  await expect(again.getByLabel("Link of “Once (40GE)”")).toHaveValue("40GbE ConnectX-2");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "These runs were already imported from this source" }),
  ).toBeVisible();
});

test("rows the mapping cannot place are named before anything is sent", async ({ page }) => {
  const testbed = uniqueName("paper lab");
  await plantTestbed(testbed, "simulator", {});
  await page.goto("/campaigns/import");
  await pickTestbed(page, testbed, "Testbed the runs were measured on");
  await page.getByLabel("New campaign name").fill(uniqueName("odd table"));
  await page.getByLabel(/^Source/).fill(uniqueName("odd"));
  await page.getByLabel(/^File/).setInputFiles({
    name: "odd.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Method,Time (Sec)\nOnce (10GE),16.65\nMystery,abc\n"),
  });
  const mapping = page.getByRole("region", { name: "Column mapping" });
  await expect(mapping.getByLabel("Workload of “Mystery”")).toHaveValue("");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: "1 row cannot be mapped" });
  await expect(alert).toContainText('row 2: "Mystery" in column "Method" has no link name in its rule');
  await expect(alert).toContainText('"Mystery" in column "Method" has no workload in its rule');
  await expect(alert).toContainText('Migration time: "abc" is not a number');
});
