import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

// Debian's chromium: Playwright cannot download its own browser on this network.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results/playwright",
  // Signs one user per role in and makes their API tokens (the server creates the users).
  globalSetup: "./e2e/global-setup.ts",
  use: {
    storageState: "test-results/.auth/admin.json",
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `http://127.0.0.1:${port}/`,
    // E2E_REUSE=1: run against a server already started with scripts/e2e-server.sh (while developing).
    reuseExistingServer: process.env.E2E_REUSE === "1",
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
