/*
 * The two benchmarks that need the real app in real Chromium (system /usr/bin/chromium,
 * the e2e flags), on the built app served by `vite preview` on 127.0.0.1:
 *
 * tap → durable: from the click on a level (a capture-phase listener on the card, so
 * the clock starts with the browser's own click event, not Playwright's round trip)
 * until the card shows the newly committed grade: the card's `data-grade-stamp` (the
 * stamp of the stored grade, rendered only from what storage returned after the Dexie
 * transaction — score + outbox + meta — committed) changes, and a MutationObserver
 * sees that DOM change in the same task as the render. No timing code is in the app. Baseline: in the same page, the same committed score record
 * `put` into a scratch IndexedDB database in its own transaction (start → oncomplete).
 *
 * offline cold start: after one online visit with the service worker in control, the
 * network is switched off and the scoring screen is reloaded; measured from the
 * navigation's time origin until a level input is in the DOM and enabled (an init
 * script's MutationObserver). Baseline: reloading /favicon.svg, the smallest file the
 * service worker precaches, offline through the same service worker: its
 * loadEventEnd. There is no tiny precached HTML page in dist/, and index.html with
 * scripts disabled would not show a service-worker-served document either, so the
 * SVG is the honest "blank precached page": same SW lookup, no app.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { launchProfile, newProfileDir, removeProfileDir } from "../e2e/helpers/browser.ts";
import { type RunningServer, startStaticServer } from "../e2e/helpers/server.ts";
import { ensureBuilt } from "./app-build.ts";
import { type BenchRow, median, p95, ratioOf, verdictOf } from "./stats.ts";

export const TAP_WARMUP = 3;
export const TAP_MEASURED = 30;
export const TAP_RATIO_TARGET = 1.5;
export const TAP_P95_TARGET_MS = 16;
export const COLD_RUNS = 8;
export const COLD_RATIO_TARGET = 2;

type BenchWindow = Window & {
  __tap?: Promise<number>;
  __usableAt?: number;
  __scratch?: IDBDatabase;
};

/*
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a
 * `__name(…)` helper that does not exist inside the page. Page callbacks below avoid
 * named inner functions where they can; this shim covers the rest.
 */
const NAME_SHIM = "globalThis.__name = globalThis.__name || ((fn) => fn);";

const waitForServiceWorkerControl = async (page: Page) => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit installs the worker; the page is controlled from the next load on.
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 20_000 });
};

/** Arms the measurement for one tap on the card with this indicator code. */
const armTap = (page: Page, code: string) =>
  page.evaluate((indicatorCode) => {
    const w = window as BenchWindow;
    const card = document.querySelector(`[data-testid="indicator-${indicatorCode}"]`);
    if (!card) throw new Error(`no card ${indicatorCode}`);
    const stamp = () => card.getAttribute("data-grade-stamp") ?? "";
    let start = -1;
    let before = "";
    w.__tap = new Promise<number>((resolve, reject) => {
      const observer = new MutationObserver(() => {
        if (start < 0 || stamp() === before) return;
        const end = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(end - start);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no committed grade for ${indicatorCode} within 5 s`));
      }, 5000);
      observer.observe(card, { attributes: true, attributeFilter: ["data-grade-stamp"] });
      card.addEventListener(
        "click",
        () => {
          before = stamp();
          start = performance.now();
        },
        { capture: true, once: true },
      );
    });
  }, code);

/**
 * Baseline for one tap: the record the app just committed (read untimed from the
 * app's database through raw IndexedDB), put again into a scratch database in its
 * own readwrite transaction; timed from transaction creation to oncomplete. Also
 * times score + outbox row in one transaction into the scratch database, for context.
 */
const rawPut = (page: Page) =>
  page.evaluate(async () => {
    const w = window as BenchWindow;
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    if (!w.__scratch) {
      const open = indexedDB.open("bench-scratch", 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore("scores", { keyPath: "key" });
        open.result.createObjectStore("outbox", { keyPath: "seq" });
      };
      w.__scratch = await done(open);
    }
    const app = await done(indexedDB.open("panelis"));
    const last = await done(app.transaction("outbox").objectStore("outbox").openCursor(null, "prev"));
    const row = last?.value as { key: string } | undefined;
    if (!row) throw new Error("no outbox row after a tap");
    const record = await done(app.transaction("scores").objectStore("scores").get(row.key));
    app.close();
    if (!record) throw new Error(`no committed score for ${row.key}`);
    const scratch = w.__scratch;
    const commit = (tx: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    const t0 = performance.now();
    const one = scratch.transaction("scores", "readwrite");
    one.objectStore("scores").put(record);
    await commit(one);
    const single = performance.now() - t0;
    const t1 = performance.now();
    const both = scratch.transaction(["scores", "outbox"], "readwrite");
    both.objectStore("scores").put(record);
    both.objectStore("outbox").put(row);
    await commit(both);
    return { single, pair: performance.now() - t1 };
  });

type TapTarget = { tab: number; code: string };

/** The cards of the open sheet, tab by tab, with how many levels each offers. */
const listCards = async (page: Page): Promise<Array<{ tab: number; code: string; levels: number }>> => {
  const tabs = page.locator(".tabs-aksi .tab");
  const tabCount = Math.max(1, await tabs.count());
  const cards: Array<{ tab: number; code: string; levels: number }> = [];
  for (let tab = 0; tab < tabCount; tab++) {
    if ((await tabs.count()) > 0) await tabs.nth(tab).click();
    await page.locator("article.indicator").first().waitFor();
    const found = await page.evaluate(() =>
      [...document.querySelectorAll("article.indicator")].map((card) => ({
        code: (card.getAttribute("data-testid") ?? "").replace("indicator-", ""),
        levels: card.querySelectorAll("fieldset.levels:not([disabled]) label.level").length,
      })),
    );
    for (const c of found) if (c.levels > 0) cards.push({ tab, ...c });
  }
  return cards;
};

const benchTaps = async (page: Page): Promise<BenchRow> => {
  const cards = await listCards(page);
  if (cards.length === 0) throw new Error("no level cards on the scoring screen");
  // Every card once, then round again; each tap picks a level other than the checked one, so it is a real change.
  const targets: TapTarget[] = [];
  for (let i = 0; targets.length < TAP_WARMUP + TAP_MEASURED; i++) {
    const card = cards[i % cards.length] as (typeof cards)[number];
    targets.push({ tab: card.tab, code: card.code });
  }
  const tabs = page.locator(".tabs-aksi .tab");
  let currentTab = -1;
  const tapMs: number[] = [];
  const putMs: number[] = [];
  const pairMs: number[] = [];
  for (const [i, t] of targets.entries()) {
    if (t.tab !== currentTab && (await tabs.count()) > 0) {
      await tabs.nth(t.tab).click();
      currentTab = t.tab;
    }
    const levels = page.locator(`[data-testid="indicator-${t.code}"] label.level`);
    const checked = await levels.evaluateAll((labels) => labels.findIndex((l) => l.classList.contains("is-checked")));
    const level = levels.nth((checked + 1) % (await levels.count()));
    await level.scrollIntoViewIfNeeded();
    await armTap(page, t.code);
    await level.click();
    const ms = await page.evaluate(() => (window as BenchWindow).__tap as Promise<number>);
    const raw = await rawPut(page);
    if (i < TAP_WARMUP) continue;
    tapMs.push(ms);
    putMs.push(raw.single);
    pairMs.push(raw.pair);
  }
  const m = median(tapMs);
  const b = median(putMs);
  const ratio = ratioOf(m, b);
  const tail = p95(tapMs);
  return {
    id: "tap-durable",
    name: "tap → durable (Chromium, offline)",
    unit: "ms",
    runs: tapMs.length,
    median: m,
    p95: tail,
    baselineMedian: b,
    ratio,
    target: `median ≤ ${TAP_RATIO_TARGET}× raw put, p95 < ${TAP_P95_TARGET_MS} ms`,
    verdict: verdictOf(ratio !== null && ratio <= TAP_RATIO_TARGET && tail < TAP_P95_TARGET_MS),
    baseline: "same committed score record put into a scratch IndexedDB DB, own readwrite tx, until oncomplete",
    note: `raw score+outbox put in one tx: median ${median(pairMs).toFixed(2)} ms; ${cards.length} level cards, ${TAP_WARMUP} warm-up taps`,
    extra: { rawScoreAndOutboxMedian: median(pairMs), rawPutP95: p95(putMs) },
    samples: tapMs,
    baselineSamples: putMs,
  };
};

/** Installed before every document: records when a level input first exists and is enabled. */
const installUsableProbe = (context: BrowserContext) =>
  context.addInitScript(() => {
    if (!(document instanceof HTMLDocument)) return;
    const w = window as BenchWindow;
    const observer = new MutationObserver(() => {
      if (w.__usableAt !== undefined) return;
      if (document.querySelector("article.indicator fieldset.levels:not([disabled]) label.level input")) {
        w.__usableAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  });

const reloadApp = async (page: Page): Promise<{ ms: number; fromSw: boolean }> => {
  const response = await page.reload();
  await page.waitForFunction(() => (window as BenchWindow).__usableAt !== undefined, null, { timeout: 20_000 });
  const ms = await page.evaluate(() => (window as BenchWindow).__usableAt as number);
  return { ms, fromSw: response?.fromServiceWorker() ?? false };
};

const reloadBlank = async (page: Page): Promise<{ ms: number; fromSw: boolean }> => {
  const response = await page.reload();
  if (!response?.ok()) throw new Error(`precached blank page failed offline: ${response?.status()}`);
  await page.waitForFunction(
    () => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return (nav?.loadEventEnd ?? 0) > 0;
    },
    null,
    { timeout: 20_000 },
  );
  const ms = await page.evaluate(
    () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  return { ms, fromSw: response.fromServiceWorker() };
};

const benchColdStart = async (page: Page, baseUrl: string, scoringUrl: string): Promise<BenchRow> => {
  const blankUrl = `${baseUrl}/favicon.svg`;
  const appMs: number[] = [];
  const blankMs: number[] = [];
  let allFromSw = true;
  // Two rounds of warm-up (the service worker and the HTTP cache settle), then alternate app / blank.
  for (let round = 0; round < COLD_RUNS + 2; round++) {
    await page.goto(scoringUrl);
    await page.waitForFunction(() => (window as BenchWindow).__usableAt !== undefined, null, { timeout: 20_000 });
    const app = await reloadApp(page);
    await page.goto(blankUrl);
    const blank = await reloadBlank(page);
    if (round < 2) continue;
    appMs.push(app.ms);
    blankMs.push(blank.ms);
    allFromSw &&= app.fromSw && blank.fromSw;
  }
  const m = median(appMs);
  const b = median(blankMs);
  const ratio = ratioOf(m, b);
  return {
    id: "cold-start",
    name: "offline reload → scoring usable",
    unit: "ms",
    runs: appMs.length,
    median: m,
    p95: p95(appMs),
    baselineMedian: b,
    ratio,
    target: `≤ ${COLD_RATIO_TARGET}× blank precached page`,
    verdict: verdictOf(ratio !== null && ratio <= COLD_RATIO_TARGET),
    baseline: "offline reload of /favicon.svg (precached, served by the same service worker): loadEventEnd",
    note: `both served by the service worker: ${allFromSw ? "yes" : "NO"}; app time = navigation start → first enabled level input`,
    samples: appMs,
    baselineSamples: blankMs,
  };
};

export const benchBrowser = async (): Promise<BenchRow[]> => {
  const build = ensureBuilt();
  let server: RunningServer | null = null;
  let context: BrowserContext | null = null;
  const profile = newProfileDir();
  try {
    server = await startStaticServer();
    context = await launchProfile(profile);
    await context.addInitScript(NAME_SHIM);
    await installUsableProbe(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.getByRole("button", { name: "Muat edisi contoh" }).click();
    await page
      .getByRole("button", { name: /Tim Teknis/ })
      .first()
      .click();
    await page.locator("[data-testid^=assignment-] a").first().click();
    await page.locator("article.indicator label.level").first().waitFor();
    const scoringUrl = page.url();

    // The hall has no network: no background push competes with the taps, and the cold start needs it off anyway.
    await context.setOffline(true);
    const tap = await benchTaps(page);
    const cold = await benchColdStart(page, server.url, scoringUrl);
    const note = build === "built" ? "; dist rebuilt before measuring" : "";
    return [{ ...tap, note: `${tap.note}${note}` }, cold];
  } finally {
    await context?.close();
    await server?.stop();
    removeProfileDir(profile);
  }
};
