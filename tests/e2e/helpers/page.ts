import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const SCREENSHOTS = join("tests", "e2e", "__screenshots__");

/** The first visit installs the service worker; the page is controlled from the next load on. */
export const waitForServiceWorkerControl = async (page: Page) => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
};

export const expectNoSeriousAxeViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
};

/** Every row of one object store of one IndexedDB database, read in the page. */
export const readStore = (page: Page, database: string, store: string): Promise<unknown[]> =>
  page.evaluate(
    ([name, storeName]) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => {
            resolve(request.result as unknown[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [database, store] as const,
  );

/** A tab of the coordinator's screens or of a section bar inside them (both are `fieldset.tabs`). */
export const openTab = (page: Page, name: string) =>
  page
    .locator("fieldset.tabs button")
    .filter({ hasText: new RegExp(`^${name}`) })
    .first()
    .click();

/** The text of each page of a printed PDF (pdftotext separates pages with a form feed), whitespace collapsed. */
export const pdfPageTexts = (pdfFile: string): string[] =>
  execFileSync("pdftotext", ["-layout", pdfFile, "-"])
    .toString()
    .split("\f")
    .map((text) => text.replace(/\s+/g, " "));

/**
 * Prints the page to A4 as Chromium does, checks that the first page carries `expected`
 * (a blank or wrong page fails here, not only in a person's review of the PNG), and
 * renders that page to `tests/e2e/__screenshots__/<png>.png`.
 */
export const printFirstPageToPng = async (page: Page, pdfFile: string, png: string, expected: readonly string[]) => {
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(pdfFile, pdf);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const firstPage = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdfFile, "-"]).toString();
  const words = firstPage.replace(/\s+/g, " ");
  for (const text of expected) expect(words).toContain(text);
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfFile, join(SCREENSHOTS, png)]);
  expect(existsSync(join(SCREENSHOTS, `${png}.png`))).toBe(true);
};

/**
 * A tablet opens a join link (what the QR code holds): the code is filled in, the panelist
 * names the tablet if `tabletName` is given, taps Gabung, and the district list appears.
 */
export const joinThroughLink = async (page: Page, link: string, tabletName = "") => {
  await page.goto(link);
  await expect(page.getByLabel("Kode gabung")).not.toHaveValue("");
  await expectNoSeriousAxeViolations(page);
  if (tabletName) await page.getByLabel(/Nama tablet ini/).fill(tabletName);
  await page.getByRole("button", { name: "Gabung" }).click();
  await expect(page.locator("[data-testid^=assignment-]").first()).toBeVisible({ timeout: 30_000 });
};
