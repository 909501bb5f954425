/*
 * The Lighthouse row's baseline: the panelist start screen of a first visit as a
 * static page — the DOM the app rendered, with the same stylesheet, and no
 * JavaScript. Lighthouse on it measures what this machine's Chromium charges for
 * the screen itself (the first style and layout pass, font set-up, painting), so the
 * row can say how much of the app's score is the app's own work. Written into a copy
 * of the build, never into dist.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchProfile, newProfileDir, removeProfileDir } from "../e2e/helpers/browser.ts";

export const FLOOR_PAGE = "start-screen-static.html";

/** Scripts, module preloads and the manifest go; what remains needs no JavaScript to show. */
export const staticCopyOf = (html: string): string =>
  html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\brel=["']?(modulepreload|manifest)["']?[^>]*>/gi, "");

/** Renders the first-visit start screen at `url` once and writes it as `root/FLOOR_PAGE`. */
export const writeFloorPage = async (url: string, root: string): Promise<void> => {
  const profile = newProfileDir();
  const context = await launchProfile(profile);
  try {
    const page = await context.newPage();
    await page.goto(url);
    // The join form is the start screen's own control: once it is there, the first-visit screen is complete.
    await page.getByRole("button", { name: "Gabung" }).waitFor({ timeout: 30_000 });
    const html = await page.evaluate(() => `<!doctype html>\n${document.documentElement.outerHTML}`);
    const copy = staticCopyOf(html);
    if (/<script\b/i.test(copy)) throw new Error("the static start screen still has a script");
    writeFileSync(join(root, FLOOR_PAGE), copy);
  } finally {
    await context.close();
    removeProfileDir(profile);
  }
};
