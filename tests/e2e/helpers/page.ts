import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

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
