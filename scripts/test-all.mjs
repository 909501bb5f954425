/*
 * The one test command: static checks, then unit/component/server tests
 * (vitest), then real-browser e2e (Playwright + system Chromium). It prints the
 * plain "N passed, N failed" line CI reads, summed from the runners' JSON
 * reports, and exits non-zero if any step failed or no test ran.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const run = (label, command, args) => {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
};

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
};

rmSync("reports", { recursive: true, force: true });
mkdirSync("reports", { recursive: true });

const node = process.execPath;
const steps = [
  ["typecheck", node, ["node_modules/typescript/bin/tsc", "-b"]],
  ["lint", "npm", ["run", "-s", "lint"]],
  ["format", "npm", ["run", "-s", "format:check"]],
  ["unit, component and server tests", node, ["node_modules/vitest/vitest.mjs", "run"]],
  ["build", node, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"]],
  ["e2e in Chromium", node, ["node_modules/@playwright/test/cli.js", "test"]],
];

let failedSteps = 0;
for (const [label, command, args] of steps) if (!run(label, command, args)) failedSteps += 1;

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const playwright = readJson("reports/playwright.json");
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}
if (!existsSync("reports/playwright.json")) console.log("(no Playwright report)");

console.log(`\nsteps failed: ${failedSteps}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps > 0 || failed > 0 || passed === 0 ? 1 : 0);
