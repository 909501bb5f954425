import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/* Issue 15: a retried test hides flakiness; neither runner may retry in CI. */
describe("test runners never retry", () => {
  it("vitest is configured with retry 0", () => {
    expect(readFileSync("vite.config.ts", "utf8")).toMatch(/\bretry:\s*0\b/);
  });

  it("Playwright is configured with retries 0", () => {
    expect(readFileSync("playwright.config.ts", "utf8")).toMatch(/\bretries:\s*0\b/);
  });

  it("no script passes a retry flag", () => {
    const scripts = [readFileSync("package.json", "utf8"), readFileSync("scripts/test-all.mjs", "utf8")];
    for (const text of scripts) expect(text).not.toMatch(/--retr(y|ies)/);
  });
});
