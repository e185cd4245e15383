import { apiClient, expect, pickTestbed, storageStateOf, test, uniqueName } from "./fixtures";
import { deleteCampaign, plantTestbed, query } from "./db";
import type { Page } from "@playwright/test";

/** The whitepaper's results table, with its own columns and units, as a reader would copy it out. */
const PUBLISHED = `Memory Allocation Method,BW (Gb/s),Time (Sec),Data Size (Gb)
Once (10GE),8.78,16.65,145.45
Once (40GE),19.87,7.465,145.17
Continuous (10GE),8.43,38.93,328.58
Continuous (40GE),17.67,10.44,179.15`;

/** The same four rows under column names of a lab's own spreadsheet: none of them is one of ours. */
const FOREIGN = `Interconnect,Memory pattern,Elapsed (s),Avg BW (Gb/s),Volume (Gb)
10GE,Once,16.65,8.78,145.45
40GE,Once,7.465,19.87,145.17
10GE,Continuous,38.93,8.43,328.58
40GE,Continuous,10.44,17.67,179.15`;

const SEEDED_TESTBED = "ESX 4.1 vMotion — HP DL380 G6";

/** Opens the import form for a testbed and source with a file chosen; returns the mapping step. */
async function openImport(page: Page, { testbed, source, name, csv }: Record<string, string>) {
  await page.goto("/campaigns/import");
  await pickTestbed(page, testbed, "Testbed the runs were measured on");
  await page.getByLabel("New campaign name").fill(name);
  await page.getByLabel(/^Source/).fill(source);
  // The testbed and source are the page's URL: it brings the testbed's links and the mapping saved for them.
  await expect(page).toHaveURL((url) => url.searchParams.get("source") === source);
  await page.getByLabel(/^File/).setInputFiles({ name: "table.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  return page.getByRole("region", { name: "Column mapping" });
}

test("the whitepaper's four rows under foreign column names import onto the seeded links and profiles, nothing else created", async ({
  page,
}) => {
  const [testbed] = await query<{ id: number }>(`SELECT "id" FROM "Testbed" WHERE "name" = ?`, SEEDED_TESTBED);
  const links = await query<{ id: number; name: string }>(
    `SELECT "id", "name" FROM "Link" WHERE "testbedId" = ? ORDER BY "lineRateGbps"`,
    testbed.id,
  );
  const [ten, forty] = links;
  expect(forty.name).toBe("40GbE ConnectX-2 (PCIe Gen2 x8, ~27 Gb/s bus limit)");
  const profileCount = async () => Number((await query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "VmProfile"`))[0].n);
  const profilesBefore = await profileCount();
  const source = uniqueName("Lab spreadsheet of the Mellanox study");
  const name = uniqueName("whitepaper, foreign columns");

  const mapping = await openImport(page, { testbed: SEEDED_TESTBED, source, name, csv: FOREIGN });
  // Each value is mapped onto one of the testbed's own links by a picker, guessed from the rate it names.
  await expect(mapping.getByLabel("Link for “10GE”")).toHaveValue(String(ten.id));
  await expect(mapping.getByLabel("Link for “40GE”")).toHaveValue(String(forty.id));
  await expect(mapping.getByLabel("Workload of “Continuous”")).toHaveValue("continuous");
  const [continuous] = await query<{ id: number }>(
    `SELECT "id" FROM "VmProfile" WHERE "name" = ?`,
    "1 × 16 GiB · continuous",
  );
  await expect(mapping.getByLabel("VM profile for “1 × 16 GiB · continuous”")).toHaveValue(String(continuous.id));
  // The columns no name gives away are mapped by hand.
  await mapping.getByLabel("Source of Migration time").selectOption("column:Elapsed (s)");
  await mapping.getByLabel("Source of Data transferred").selectOption("column:Volume (Gb)");
  await expect(mapping.getByLabel("Unit of Data transferred")).toHaveValue("Gb");

  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByText("All 4 rows are valid.")).toBeVisible();
  await expect(page.getByText(/This import adds|creates a new/)).toHaveCount(0);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const campaignId = Number(new URL(page.url()).pathname.split("/").pop());
  try {
    const matrix = page.getByRole("table", { name: "Result matrix" });
    await expect(matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · once" })).toContainText("2.23×");
    await expect(matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · continuous" })).toContainText("3.73×");

    // Nothing else created: the testbed's links and the profiles are as they were.
    const linksAfter = await query<{ id: number }>(`SELECT "id" FROM "Link" WHERE "testbedId" = ?`, testbed.id);
    expect(linksAfter.map((l) => l.id).sort()).toEqual(links.map((l) => l.id).sort());
    expect(await profileCount()).toBe(profilesBefore);
    // The runs landed on the seeded links and profiles.
    const runs = await query<{ linkId: number; profile: string; durationMs: number }>(
      `SELECT r."linkId", p."name" AS "profile", r."durationMs" FROM "Run" r JOIN "VmProfile" p ON p."id" = r."profileId" WHERE r."campaignId" = ? ORDER BY r."id"`,
      campaignId,
    );
    expect(runs.map((r) => [r.linkId, r.profile, r.durationMs])).toEqual([
      [ten.id, "1 × 16 GiB · once", 16650],
      [forty.id, "1 × 16 GiB · once", 7465],
      [ten.id, "1 × 16 GiB · continuous", 38930],
      [forty.id, "1 × 16 GiB · continuous", 10440],
    ]);

    // The mapping is kept on the server for this testbed and source: another browser starts from it.
    const saved = await query<{ n: number }>(
      `SELECT COUNT(*) AS "n" FROM "ImportMapping" WHERE "testbedId" = ? AND "source" = ?`,
      testbed.id,
      source,
    );
    expect(Number(saved[0].n)).toBe(1);
    await page.evaluate(() => localStorage.clear());
    const again = await openImport(page, { testbed: SEEDED_TESTBED, source, name: uniqueName("again"), csv: FOREIGN });
    await expect(again.getByText(`The mapping saved for “${source}” on this testbed is filled in.`)).toBeVisible();
    await expect(again.getByLabel("Source of Migration time")).toHaveValue("column:Elapsed (s)");
    await expect(again.getByLabel("Link for “40GE”")).toHaveValue(String(forty.id));
  } finally {
    // Later specs count the seeded testbed's campaigns and runs.
    await deleteCampaign(campaignId);
  }
});

test("an admin may map a value to a new link, said in words; the import adds it and audits it", async ({ page }) => {
  const testbed = uniqueName("paper lab");
  const planted = await plantTestbed(testbed, "simulator", {});
  const source = uniqueName("Mellanox white paper, Test Results");
  const mapping = await openImport(page, { testbed, source, name: uniqueName("whitepaper table"), csv: PUBLISHED });
  // The guesses: units from the headers, workload from the method column's values, 10GE onto the one 10GbE link.
  await expect(mapping.getByLabel("Source of Migration time")).toHaveValue("column:Time (Sec)");
  await expect(mapping.getByLabel("Unit of Migration time")).toHaveValue("s");
  await expect(mapping.getByLabel("Unit of Data transferred")).toHaveValue("Gb");
  await expect(mapping.getByLabel("Category column")).toHaveValue("Memory Allocation Method");
  await expect(mapping.getByLabel("Link for “Once (10GE)”")).toHaveValue(String(planted.linkId));
  // No 40GbE link on this testbed: nothing is guessed, and a new one is the admin's explicit choice.
  await expect(mapping.getByLabel("Link for “Once (40GE)”")).toHaveValue("");
  for (const value of ["Once (40GE)", "Continuous (40GE)"]) {
    await mapping.getByLabel(`Link for “${value}”`).selectOption({ label: "a new link…" });
    await mapping.getByLabel(`Name of the new link for “${value}”`).fill("40GbE ConnectX-2");
    await expect(mapping.getByLabel(`Line rate of the new link for “${value}”`)).toHaveValue("40");
  }
  await expect(mapping.getByText(`A new link will be added to testbed “${testbed}”`).first()).toBeVisible();

  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByText("All 4 rows are valid.")).toBeVisible();
  await expect(page.getByText("This import adds a new link to the testbed: “40GbE ConnectX-2”.")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const matrix = page.getByRole("table", { name: "Result matrix" });
  await expect(matrix.getByRole("row").filter({ hasText: "1 × 16 GiB · once" })).toContainText("2.23×");
  await expect(matrix.getByRole("columnheader", { name: /40GbE ConnectX-2/ })).toBeVisible();
  const audited = await query<{ action: string }>(
    `SELECT "action" FROM "AuditEvent" WHERE "summary" LIKE ? AND "action" = 'link.create'`,
    `Added link “40GbE ConnectX-2” to testbed “${testbed}”%`,
  );
  expect(audited).toHaveLength(1);

  // The next file from the same source on this testbed opens with the mapping as it was confirmed.
  const again = await openImport(page, { testbed, source, name: uniqueName("again"), csv: PUBLISHED });
  await expect(again.getByText(`The mapping saved for “${source}” on this testbed is filled in.`)).toBeVisible();
  const [created] = await query<{ id: number }>(
    `SELECT "id" FROM "Link" WHERE "testbedId" = ? AND "name" = ?`,
    planted.testbedId,
    "40GbE ConnectX-2",
  );
  // Saved as "a new link", it is now the link that import added.
  await expect(again.getByLabel("Link for “Once (40GE)”", { exact: true })).toHaveValue(String(created.id));
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "These runs were already imported from this source" }),
  ).toBeVisible();
});

test("an operator is offered no new link, and the server refuses an import that would add one", async ({ browser }) => {
  const testbed = uniqueName("operator lab");
  const planted = await plantTestbed(testbed, "simulator", {});
  const context = await browser.newContext({ storageState: storageStateOf("operator") });
  const page = await context.newPage();
  const mapping = await openImport(page, {
    testbed,
    source: uniqueName("operator's source"),
    name: uniqueName("operator import"),
    csv: PUBLISHED,
  });
  await expect(mapping.getByLabel("Link for “Once (10GE)”")).toHaveValue(String(planted.linkId));
  await expect(mapping.getByLabel("Link for “Once (40GE)”").locator("option", { hasText: "a new link" })).toHaveCount(
    0,
  );
  await context.close();

  // Past the form: the same file in the export's columns, naming a link the testbed does not have.
  const api = await apiClient("operator");
  const linksBefore = await query(`SELECT "id" FROM "Link" WHERE "testbedId" = ?`, planted.testbedId);
  const csv = [
    "link,lineRateGbps,profile,memoryBytes,workload,iteration,status,durationMs",
    "10GbE,10,1 × 16 GiB · once,17179869184,once,1,succeeded,16650",
    "40GbE ConnectX-2,40,1 × 16 GiB · once,17179869184,once,1,succeeded,7465",
  ].join("\n");
  const res = await api.post(
    `/api/imports?testbedId=${planted.testbedId}&name=${encodeURIComponent(uniqueName("sneaky"))}&source=e2e&intent=import`,
    { headers: { "content-type": "text/csv" }, data: csv },
  );
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.preview.errors).toEqual([
    {
      row: 2,
      messages: [
        'link "40GbE ConnectX-2" is not on this testbed, and only an admin may add a link through an import: map it to one of the testbed\'s links',
      ],
    },
  ]);
  expect(await query(`SELECT "id" FROM "Link" WHERE "testbedId" = ?`, planted.testbedId)).toEqual(linksBefore);
  await api.dispose();
});

test("rows the mapping cannot place are named before anything is sent", async ({ page }) => {
  const testbed = uniqueName("paper lab");
  await plantTestbed(testbed, "simulator", {});
  const mapping = await openImport(page, {
    testbed,
    source: uniqueName("odd"),
    name: uniqueName("odd table"),
    csv: "Method,Time (Sec)\nOnce (10GE),16.65\nMystery,abc\n",
  });
  await expect(mapping.getByLabel("Workload of “Mystery”")).toHaveValue("");
  await expect(mapping.getByLabel("Link for “Mystery”")).toHaveValue("");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: "1 row cannot be mapped" });
  await expect(alert).toContainText('row 2: "Mystery" in column "Method" has no workload in its rule');
  await expect(alert).toContainText('Migration time: "abc" is not a number');
  await expect(alert).toContainText('"Mystery" is not mapped to a link of this testbed');
});
