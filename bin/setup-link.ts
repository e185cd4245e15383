/**
 * First run: while no enabled admin exists, prints a one-time link to create the first one in the
 * browser (a fresh random token each time; the previous link stops working). Quiet otherwise.
 * Called by `npm run app` before the server starts.
 */
async function main() {
  const { activeAdminExists } = await import("../lib/db/users");
  if (await activeAdminExists()) return;
  const { issueSetupToken } = await import("../lib/auth/setup-token");
  const token = await issueSetupToken();
  const { publicUrl } = await import("../lib/http/public-url");
  const base = publicUrl();
  const line = "=".repeat(78);
  console.log(
    `\n${line}\n migbench has no admin yet. Open this one-time link to create the first one:\n\n   ${base}/setup?token=${token}\n\n Or from a terminal: npm run user -- add --email you@lab.example --role admin\n${line}\n`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`setup link: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
