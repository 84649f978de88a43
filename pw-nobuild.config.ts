import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;
// localhost, not 127.0.0.1: Auth.js builds its callback URLs from the host it sees.
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's chromium: Playwright cannot download its own browsers on this network.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // The production build on the embedded defaults, with a fresh data folder per run.
    command: `rm -rf .data-e2e && npx next start -p ${PORT}`,
    url: `${baseURL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { DATA_DIR: ".data-e2e", APP_URL: baseURL, PORT: String(PORT), LEDGERBRIDGE_MODE: "embedded", LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn", XERO_SANDBOX_PORT: "4110" },
  },
});
