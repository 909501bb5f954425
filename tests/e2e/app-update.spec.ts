/*
 * A new app version reaching a tablet that already has one: the new service worker
 * installs beside the old one and waits; the tablet offers "reload now"; the tap
 * hands over (SKIP_WAITING, workers/sw.ts) and the page reloads into the new version
 * — with what the panelist had typed still there, and the new version complete
 * offline. The "new version" is the built app with a marker in its index.html and
 * that file's precache revision changed in sw.js, exactly what a rebuild changes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, test } from "@playwright/test";
import { type BenchServer, startBenchServer } from "../bench/server-process.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import { waitForServiceWorkerControl } from "./helpers/page.ts";

const MARKER = '<meta name="panelis-build" content="next" />';

/** Rewrites the served copy into the next version: index.html gains the marker, sw.js its new revision. */
const publishNextVersion = (root: string) => {
  const indexPath = join(root, "index.html");
  const html = readFileSync(indexPath, "utf8");
  writeFileSync(indexPath, html.replace("</head>", `${MARKER}</head>`));
  const swPath = join(root, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  const entry = /\{"revision":"[0-9a-f]+","url":"index\.html"\}/;
  if (!entry.test(sw)) throw new Error("sw.js has no precache entry for index.html");
  writeFileSync(swPath, sw.replace(entry, '{"revision":"next-version","url":"index.html"}'));
};

test("a new version waits, is offered, and takes over on 'reload now' without losing a typed score", async () => {
  const root = mkdtempSync(join(tmpdir(), "panelis-update-"));
  cpSync("dist", root, { recursive: true });
  const profile = newProfileDir();
  let server: BenchServer | null = null;
  let context: BrowserContext | null = null;
  try {
    server = await startBenchServer({ seed: "none", staticRoot: root });
    context = await launchProfile(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);

    // Practice on the sample edition: a level chosen on the first sheet.
    await page.getByRole("button", { name: "Muat edisi contoh" }).click();
    await page
      .getByRole("button", { name: /Tim Teknis/ })
      .first()
      .click();
    await page.locator("[data-testid^=assignment-] a").first().click();
    const firstLevel = page.locator("article.indicator").first().locator("label.level").first();
    await firstLevel.click();
    await expect(firstLevel.locator("input")).toBeChecked();
    await expect(page.getByTestId("update-prompt")).toHaveCount(0);

    publishNextVersion(root);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    // Installed and waiting: the old version still runs the page until the panelist says so.
    const prompt = page.getByTestId("update-prompt");
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    expect(await page.locator('meta[name="panelis-build"]').count()).toBe(0);

    await Promise.all([
      page.waitForEvent("framenavigated", { timeout: 30_000 }),
      prompt.getByRole("button", { name: "Muat ulang sekarang" }).click(),
    ]);
    await expect(page.locator('meta[name="panelis-build"]')).toHaveCount(1);
    await expect(page.getByTestId("update-prompt")).toHaveCount(0);
    await expect(page.locator("article.indicator").first().locator("label.level input").first()).toBeChecked();

    // The new version is whole without the network: served by the new worker from its own precache.
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('meta[name="panelis-build"]')).toHaveCount(1);
    await expect(page.locator("article.indicator").first().locator("label.level input").first()).toBeChecked();
  } finally {
    await context?.close();
    await server?.stop();
    removeProfileDir(profile);
    rmSync(root, { recursive: true, force: true });
  }
});
