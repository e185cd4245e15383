/**
 * Next.js calls register() once when the server starts: the app runs its own runner unless
 * MIGBENCH_RUNNER=off (then start workers with `npm run worker`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.MIGBENCH_RUNNER === "off") return;
  const { startRunner } = await import("./lib/runner/start");
  await startRunner();
}
