import { defineConfig } from "@playwright/test";

/* Real Chromium from apt; Playwright's own browser downloads cannot reach this network. */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: { actionTimeout: 30_000, viewport: { width: 1280, height: 800 }, locale: "id-ID" },
});
