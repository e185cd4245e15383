/**
 * Next.js calls register() once when the server starts: a watch on the database (pages and the API
 * answer 503 while it is unreachable), and the app's own runner unless MIGBENCH_RUNNER=off (then start
 * workers with `npm run worker`). Without MIGBENCH_URL it says, once, where previews and links will point.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { missingPublicUrlWarning } = await import("./lib/http/public-url");
  const warning = missingPublicUrlWarning();
  if (warning) console.warn(warning);
  const { startDatabaseWatch } = await import("./lib/http/health");
  startDatabaseWatch();
  if (process.env.MIGBENCH_RUNNER === "off") return;
  const { startRunner } = await import("./lib/runner/start");
  await startRunner({ retry: true });
}
