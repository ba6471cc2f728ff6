import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./scripts/lib/chromium.cjs";

/**
 * Browser tests run in Chromium against real processes: each spec's fixtures start the simulated
 * agent and the built dashboard (see e2e/fixtures.ts). Debian's Chromium is used when present
 * (CHROMIUM_PATH overrides), else Playwright's own browser for users who installed one.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // The list on the terminal; the JSON report in a file (npm test reads it), never on stdout.
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME || "test-results/playwright.json" }],
  ],
  outputDir: "test-results/e2e",
  use: {
    browserName: "chromium",
    viewport: { width: 1600, height: 1000 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
