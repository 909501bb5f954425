import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "@playwright/test";

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/* Flags that keep Chromium from reaching for hosts this machine cannot reach. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  /*
   * Chromium 150 gives every new document its own frame host (RenderDocument), and
   * Playwright's offline switch does not reach a document swapped in after it: a reload
   * with the network off read navigator.onLine === true, which no tablet without signal
   * does. Off, a reloaded or newly opened page reads the switch like a real device.
   */
  "--disable-features=RenderDocument",
];

/**
 * CHROMIUM_ARGS with more Chromium features switched off. Chromium reads only the last
 * --disable-features switch, so the list is merged into the one switch rather than appended.
 */
export const chromiumArgsWithout = (features: readonly string[]): string[] =>
  features.length === 0
    ? CHROMIUM_ARGS
    : CHROMIUM_ARGS.map((arg) => (arg.startsWith("--disable-features=") ? `${arg},${features.join(",")}` : arg));

export const newProfileDir = (): string => mkdtempSync(join(tmpdir(), "panelis-profile-"));

export const removeProfileDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** A browser on a profile directory that survives close/relaunch, like a tablet that was switched off. */
export const launchProfile = (
  profileDir: string,
  locale = "id-ID",
  disabledFeatures: readonly string[] = [],
): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgsWithout(disabledFeatures),
    viewport: { width: 1280, height: 800 },
    locale,
  });
