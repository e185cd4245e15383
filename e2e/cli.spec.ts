import { execFile } from "node:child_process";
import { plantTestbed, query } from "./db";
import { baseURL, expect, submitProfileForm, test, tokenOf, uniqueName } from "./fixtures";

/** Runs `npm run cli -- …` against the test server as a pipeline would: an operator's token, no terminal. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "bin/cli.ts", ...args],
      { env: { ...process.env, MIGBENCH_URL: baseURL, MIGBENCH_TOKEN: tokenOf("operator") }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("the command-line client launches, waits with progress, and fails the pipeline on a regression", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const testbedName = uniqueName("cli testbed");
  const { testbedId } = await plantTestbed(testbedName, "simulator", {});
  const profileName = uniqueName("2 GB once");
  await submitProfileForm(page, profileName, 2, "once");
  await expect(page).toHaveURL(/\/profiles$/);

  // Names, as a pipeline script would write them; the campaign runs to the end with a progress bar.
  const first = await cli([
    ...["launch", "--testbed", testbedName, "--links", "10GbE", "--profiles", profileName],
    ...["--iterations", "4", "--time-scale", "0", "--name", "before the deploy", "--wait", "--poll-ms", "200"],
  ]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Launched campaign #(\d+): 4 runs queued/);
  expect(first.stdout).toMatch(/\[#{30}\] 4\/4 runs · 4 succeeded · completed/);
  expect(first.stdout).toContain("No verdict: none of its series had a baseline");
  const baseline = Number(/Launched campaign #(\d+)/.exec(first.stdout)![1]);
  const marked = await request.post(`/api/campaigns/${baseline}/baseline`);
  expect(marked.status()).toBe(200);
  expect(await marked.json()).toMatchObject({ series: 1, runs: 4 });

  // The deploy made the link slower; the same matrix again fails the pipeline, saying why.
  await page.goto(`/testbeds/${testbedId}/edit`);
  await page.getByLabel("Link scale").fill("0.85");
  await page.getByRole("button", { name: "Save testbed" }).click();
  await expect(page).toHaveURL(new RegExp(`/testbeds/${testbedId}$`));
  const again = await cli([
    "launch",
    "--from-campaign",
    String(baseline),
    "--wait",
    "--fail-on-regression",
    "--poll-ms",
    "200",
  ]);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain("Verdict against the baselines: regression");
  expect(again.stdout).toMatch(/compare: http:\/\/127\.0\.0\.1:\d+\/compare\?b=runs%3A/);
  expect(again.stderr).toMatch(/^Failing: .* · 10GbE: Regression: migration time \d+\.\d% longer than the baseline/);
  const regressed = Number(/Launched campaign #(\d+)/.exec(again.stdout)![1]);
  const [row] = await query<{ name: string }>(`SELECT "name" FROM "Campaign" WHERE "id" = ?`, regressed);
  expect(row.name).toMatch(/^before the deploy \(again /);

  // status follows the same rule; without --fail-on-regression the verdict is reported, not failed on.
  expect((await cli(["status", String(regressed), "--fail-on-regression"])).code).toBe(1);
  expect((await cli(["status", String(regressed)])).code).toBe(0);
  expect((await cli(["status", String(baseline), "--fail-on-regression"])).code).toBe(0);
  const compared = await cli(["compare", "--baseline", `campaign:${baseline}`, "--candidate", `campaign:${regressed}`]);
  expect(compared.code).toBe(0);
  expect(compared.stdout).toMatch(/before the deploy.* is faster: 1\.\d\d×/);

  // A schedule's template launches now, the same way.
  await page.goto(`/campaigns/${baseline}`);
  const scheduleName = uniqueName("yearly");
  const form = page.getByRole("form", { name: "Run on a schedule" });
  await form.getByLabel("Name").fill(scheduleName);
  await form.getByLabel("When (cron, UTC)").fill("0 0 1 1 *");
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled: first run/)).toBeVisible();
  const [{ id: scheduleId }] = await query<{ id: number }>(
    `SELECT "id" FROM "Schedule" WHERE "name" = ?`,
    scheduleName,
  );
  const viaSchedule = await cli(["launch", "--from-schedule", String(scheduleId), "--wait", "--poll-ms", "200"]);
  expect(viaSchedule.code).toBe(0);
  expect(viaSchedule.stdout).toMatch(/Launched campaign #\d+: 4 runs queued/);
  expect((await cli(["launch", "--from-schedule", "999999"])).stderr).toContain("there is no schedule #999999");

  // Refusals exit 2 with the server's reason.
  const bad = await cli([
    "launch",
    "--testbed",
    testbedName,
    "--links",
    "10GbE",
    "--profiles",
    profileName,
    "--iterations",
    "0",
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("iterations: Iterations must be a whole number from 1 to 100");
  const unknown = await cli(["launch", "--testbed", "no such testbed anywhere", "--links", "x", "--profiles", "y"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no testbed is named "no such testbed anywhere"');
});

test("the command line helps: --help for every command, names typed loosely, a link name with a comma, a suggestion for a typo", async () => {
  for (const [args, says] of [
    [["--help"], "commands:"],
    [["help"], "commands:"],
    [["launch", "--help"], "--link <id|name> [--link …]"],
    [["status", "--help"], "usage: npm run cli -- status <campaign id>"],
    [["compare", "-h"], "A selection is campaign:<id>"],
  ] as const) {
    const out = await cli([...args]);
    expect(out.code, args.join(" ")).toBe(0);
    expect(out.stdout).toContain(says);
    expect(out.stderr).toBe("");
  }
  // Unknown options and commands: usage on stderr, exit 2, never a stack trace.
  for (const args of [["--bogus"], ["frobnicate"], ["launch", "--iterations"]]) {
    const out = await cli(args);
    expect(out.code, args.join(" ")).toBe(2);
    expect(out.stderr).toMatch(/^migbench: /);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }

  // The seeded link whose name holds a comma, whole in --links or repeated --link; "x" for "×", no "·".
  const launched = await cli([
    ...["launch", "--testbed", "whitepaper replica simulated", "--links", "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)"],
    ...["--link", "10gbe (simulated)", "--profile", "1 x 16 GiB once", "--iterations", "1", "--time-scale", "0"],
  ]);
  expect(launched.stderr).toBe("");
  expect(launched.stdout).toMatch(/Launched campaign #\d+: 2 runs queued/);
  const id = Number(/Launched campaign #(\d+)/.exec(launched.stdout)![1]);
  const links = await query<{ name: string }>(
    `SELECT DISTINCT l."name" FROM "Run" r JOIN "Link" l ON l."id" = r."linkId" WHERE r."campaignId" = ? ORDER BY l."name"`,
    id,
  );
  expect(links.map((l) => l.name)).toEqual(["10GbE (simulated)", "40GbE (simulated, PCIe Gen2 x8 ~27 Gb/s)"]);

  const typo = await cli([
    "launch",
    "--testbed",
    "Whitepaper replica (simulated)",
    "--link",
    "10GbE (simulated)",
    "--profile",
    "1 x 16 GiB onse",
  ]);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain('no VM profile is named "1 x 16 GiB onse" (did you mean "1 × 16 GiB · once"');
});
