/*
 * The two benchmarks that need the real app in real Chromium (system /usr/bin/chromium,
 * the e2e flags), on the built app served by the real server (`npm start`, seeded
 * demo) on 127.0.0.1, in a tablet enrolled through a printed join link — the practice
 * space writes no outbox, so only an enrolled tablet shows a real tap:
 *
 * tap → durable: from the click on a level (a capture-phase listener on the card, so
 * the clock starts with the browser's own click event, not Playwright's round trip)
 * until the card shows the newly committed grade: the card's `data-grade-stamp` (the
 * stamp of the stored grade, rendered only from what storage returned after the Dexie
 * transaction — score + outbox + meta — committed) changes, and a MutationObserver
 * sees that DOM change in the same task as the render. No timing code is in the app.
 * Baseline: in the same page, the same committed score record and its outbox row put
 * into a scratch IndexedDB database in one transaction (start → oncomplete): the least
 * a durable tap must do. Reported beside it: that same transaction started by the click
 * of a plain button (`clickedRawPair`), the least a durable tap can take in this browser.
 *
 * offline cold start: after one online visit with the service worker in control, the
 * network is switched off and the scoring screen is reloaded; measured from the
 * navigation's time origin until a level input is in the DOM and enabled (an init
 * script's MutationObserver). Baseline: reloading /favicon.svg, the smallest file the
 * service worker precaches, offline through the same service worker: its
 * loadEventEnd. There is no tiny precached HTML page in dist/, and index.html with
 * scripts disabled would not show a service-worker-served document either, so the
 * SVG is the honest "blank precached page": same SW lookup, no app.
 *
 * Both run twice: plainly (judged against the targets) and with Chromium's CPU slowed
 * TABLET_CPU_SLOWDOWN× through the DevTools protocol (reported: a tablet-class figure).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { launchProfile, newProfileDir, removeProfileDir } from "../e2e/helpers/browser.ts";
import { waitForServiceWorkerControl } from "../e2e/helpers/page.ts";
import { START_ROWS_ELEMENT_ID } from "../../src/protocol/start-rows-embed.ts";
import { type PanelisServer, startPanelisServer } from "../e2e/helpers/server.ts";
import { ensureBuilt } from "./app-build.ts";
import { type BenchRow, median, p95, ratioOf, round, verdictOf } from "./stats.ts";

/** The seeded NTB 2021 technical reviewer: letter-level cards on the document review. */
const BENCH_MEMBER = "ntb21-teknis-1";
export const TAP_WARMUP = 3;
export const TAP_MEASURED = 30;
export const TAP_RATIO_TARGET = 1.5;
export const TAP_P95_TARGET_MS = 16;
export const COLD_RUNS = 8;
export const COLD_RATIO_TARGET = 2;
/** A mid-range Android tablet is about this much slower than this machine's cores. */
export const TABLET_CPU_SLOWDOWN = 4;

type BenchWindow = Window & {
  __tap?: Promise<number>;
  /** The last tap's committed score and outbox row, kept by `rawPut` for `clickedRawPair`. */
  __pair?: { record: unknown; row: unknown };
  __clickedPair?: Promise<number>;
  __usableAt?: number;
  __scratch?: IDBDatabase;
};

/*
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a
 * `__name(…)` helper that does not exist inside the page. Page callbacks below avoid
 * named inner functions where they can; this shim covers the rest.
 */
const NAME_SHIM = "globalThis.__name = globalThis.__name || ((fn) => fn);";

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
    w.__pair = { record, row };
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

/**
 * The platform's least for a tap, reported beside the baseline: the same score + outbox
 * pair (kept by `rawPut`) put into the scratch database by the click handler of a plain
 * button, clicked by Playwright exactly as the level was; timed like the tap, from the
 * capture-phase click listener, until the transaction's oncomplete. After a click,
 * Chromium renders a frame before it delivers IndexedDB results, which the click-free
 * baseline never waits for; this figure shows how much of a tap that is.
 */
const clickedRawPair = async (page: Page): Promise<number> => {
  await page.evaluate(() => {
    const w = window as BenchWindow;
    const pair = w.__pair;
    const scratch = w.__scratch;
    if (!pair || !scratch) throw new Error("rawPut first");
    const button = document.createElement("button");
    button.id = "bench-raw-tap";
    button.textContent = "raw";
    button.style.cssText = "position:fixed;right:0;bottom:0;width:48px;height:48px;z-index:99999";
    document.body.append(button);
    let start = -1;
    w.__clickedPair = new Promise<number>((resolve, reject) => {
      button.addEventListener(
        "click",
        () => {
          start = performance.now();
        },
        { capture: true, once: true },
      );
      button.addEventListener(
        "click",
        () => {
          const tx = scratch.transaction(["scores", "outbox"], "readwrite");
          tx.objectStore("scores").put(pair.record);
          tx.objectStore("outbox").put(pair.row);
          tx.oncomplete = () => {
            button.remove();
            resolve(performance.now() - start);
          };
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        },
        { once: true },
      );
    });
  });
  await page.locator("#bench-raw-tap").click();
  return page.evaluate(() => (window as BenchWindow).__clickedPair as Promise<number>);
};

/**
 * IndexedDB bytes per 1,000 scores with their outbox rows: the app's own `scores` and
 * `outbox` stores (key paths and indexes read from the app's database) recreated in a
 * scratch database, filled with 1,000 copies of the last committed score and outbox
 * row (keys and unique index values made distinct), measured with
 * navigator.storage.estimate() before and after, then deleted.
 */
const idbBytesPerThousandScores = (page: Page) =>
  page.evaluate(async () => {
    const COPIES = 1000;
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    type IndexSpec = { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean };
    type StoreSpec = { name: string; keyPath: string | string[] | null; autoIncrement: boolean; indexes: IndexSpec[] };
    const app = await done(indexedDB.open("panelis"));
    const specs: StoreSpec[] = ["scores", "outbox"].map((name) => {
      const store = app.transaction(name).objectStore(name);
      return {
        name,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].map((indexName) => {
          const index = store.index(indexName);
          return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
        }),
      };
    });
    const lastOutbox = await done(app.transaction("outbox").objectStore("outbox").openCursor(null, "prev"));
    const outboxRow = lastOutbox?.value as Record<string, unknown> | undefined;
    const scoreRow = outboxRow
      ? ((await done(
          app
            .transaction("scores")
            .objectStore("scores")
            .get(outboxRow.key as string),
        )) as Record<string, unknown> | undefined)
      : undefined;
    app.close();
    if (!outboxRow || !scoreRow) throw new Error("no committed score and outbox row to copy");
    const templates: Record<string, Record<string, unknown>> = { scores: scoreRow, outbox: outboxRow };
    // A value made distinct per copy: strings get a suffix, numbers an offset far above real ones.
    const distinct = (value: unknown, i: number): unknown =>
      typeof value === "number" ? 1e9 + i : `${String(value)}#${i}`;
    const withPath = (row: Record<string, unknown>, path: string, i: number) => {
      const parts = path.split(".");
      const copy = structuredClone(row);
      let target: Record<string, unknown> = copy;
      for (const part of parts.slice(0, -1)) {
        target[part] = structuredClone(target[part] ?? {});
        target = target[part] as Record<string, unknown>;
      }
      const last = parts.at(-1) as string;
      target[last] = distinct(target[last], i);
      return copy;
    };
    const rowCopy = (spec: StoreSpec, i: number) => {
      let row = templates[spec.name] as Record<string, unknown>;
      const paths = new Set<string>();
      for (const keyPath of [spec.keyPath, ...spec.indexes.filter((x) => x.unique).map((x) => x.keyPath)]) {
        if (typeof keyPath === "string") paths.add(keyPath);
        else if (Array.isArray(keyPath)) for (const p of keyPath) paths.add(p);
      }
      for (const path of paths) row = withPath(row, path, i);
      return row;
    };
    const usage = async () => (await navigator.storage.estimate()).usage ?? 0;
    const before = await usage();
    const open = indexedDB.open("bench-bytes", 1);
    open.onupgradeneeded = () => {
      for (const spec of specs) {
        const store = open.result.createObjectStore(spec.name, {
          keyPath: spec.keyPath ?? undefined,
          autoIncrement: spec.autoIncrement,
        });
        for (const index of spec.indexes)
          store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    const scratch = await done(open);
    for (let start = 0; start < COPIES; start += 100) {
      const tx = scratch.transaction(["scores", "outbox"], "readwrite");
      for (let i = start; i < start + 100; i++) {
        for (const spec of specs) tx.objectStore(spec.name).put(rowCopy(spec, i));
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    scratch.close();
    const after = await usage();
    await done(indexedDB.deleteDatabase("bench-bytes"));
    return {
      bytes: after - before,
      scoreJsonBytes: JSON.stringify(scoreRow).length,
      outboxJsonBytes: JSON.stringify(outboxRow).length,
    };
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
  const clickedMs: number[] = [];
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
    const clicked = await clickedRawPair(page);
    if (i < TAP_WARMUP) continue;
    tapMs.push(ms);
    putMs.push(raw.single);
    pairMs.push(raw.pair);
    clickedMs.push(clicked);
  }
  const m = median(tapMs);
  const b = median(pairMs);
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
    target: `median ≤ ${TAP_RATIO_TARGET}× raw score+outbox tx, p95 < ${TAP_P95_TARGET_MS} ms`,
    verdict: verdictOf(ratio !== null && ratio <= TAP_RATIO_TARGET && tail < TAP_P95_TARGET_MS),
    baseline:
      "the same committed score record and its outbox row put into a scratch IndexedDB DB in one readwrite tx, until oncomplete",
    note:
      `raw score-only put: median ${median(putMs).toFixed(2)} ms; the raw pair started by a click on a plain button: ` +
      `median ${median(clickedMs).toFixed(1)} ms, p95 ${p95(clickedMs).toFixed(1)} ms (tap / that: ${(m / median(clickedMs)).toFixed(2)}×); ` +
      `${cards.length} level cards, ${TAP_WARMUP} warm-up taps`,
    extra: {
      rawScoreOnlyMedian: median(putMs),
      rawPairP95: p95(pairMs),
      clickedRawPairMedian: median(clickedMs),
      clickedRawPairP95: p95(clickedMs),
    },
    samples: tapMs,
    baselineSamples: pairMs,
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

const reloadApp = async (page: Page): Promise<{ ms: number; fromSw: boolean; withRows: boolean }> => {
  const response = await page.reload();
  await page.waitForFunction(() => (window as BenchWindow).__usableAt !== undefined, null, { timeout: 20_000 });
  const ms = await page.evaluate(() => (window as BenchWindow).__usableAt as number);
  // Read after the clock stopped: whether the worker put the start rows into the page (workers/sw-page.ts).
  const withRows = ((await response?.text()) ?? "").includes(`id="${START_ROWS_ELEMENT_ID}"`);
  return { ms, fromSw: response?.fromServiceWorker() ?? false, withRows };
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

/**
 * BENCH_PAGE_PROFILE=<dir>: the page's JavaScript CPU profile of one measured offline
 * reload (and of the taps) is written there as a .cpuprofile, to see where the time
 * goes; the figures of that run include the profiler's overhead, so keep it off for them.
 */
const PROFILE_DIR = process.env.BENCH_PAGE_PROFILE;

const profiled = async <T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> => {
  if (!PROFILE_DIR) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send("Profiler.stop");
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
};

/**
 * With BENCH_PAGE_PROFILE: every performance entry of the reload (the navigation's phases,
 * each file, the paints) and when the level inputs became usable, beside the profile, which
 * has no network view. Times in ms from the navigation's start, to 0.1 ms.
 */
const writeTimeline = async (page: Page, name: string) => {
  if (!PROFILE_DIR) return;
  const { origin, usableAt, entries } = await page.evaluate(() => ({
    origin: location.origin,
    usableAt: (window as BenchWindow).__usableAt,
    entries: performance.getEntries().map((e) => e.toJSON() as Record<string, unknown>),
  }));
  const tidy = (entry: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(entry).map(([k, v]) => [
        k,
        typeof v === "number" ? round(v, 1) : typeof v === "string" ? v.replace(origin, "") : v,
      ]),
    );
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(
    join(PROFILE_DIR, `${name}.timeline.json`),
    JSON.stringify(
      { usableAt: usableAt === undefined ? null : round(usableAt, 1), entries: entries.map(tidy) },
      null,
      1,
    ),
  );
};

const benchColdStart = async (
  page: Page,
  baseUrl: string,
  scoringUrl: string,
  cpuSlowdown: number,
): Promise<BenchRow> => {
  const profileName = `cold-start-cpu${cpuSlowdown}x`;
  const blankUrl = `${baseUrl}/favicon.svg`;
  const appMs: number[] = [];
  const blankMs: number[] = [];
  let allFromSw = true;
  let allWithRows = true;
  // Two rounds of warm-up (the service worker and the HTTP cache settle), then alternate app / blank.
  for (let round = 0; round < COLD_RUNS + 2; round++) {
    await page.goto(scoringUrl);
    await page.waitForFunction(() => (window as BenchWindow).__usableAt !== undefined, null, { timeout: 20_000 });
    const app =
      round === COLD_RUNS + 1 ? await profiled(page, profileName, () => reloadApp(page)) : await reloadApp(page);
    if (round === COLD_RUNS + 1) await writeTimeline(page, profileName);
    await page.goto(blankUrl);
    const blank = await reloadBlank(page);
    if (round < 2) continue;
    appMs.push(app.ms);
    blankMs.push(blank.ms);
    allFromSw &&= app.fromSw && blank.fromSw;
    allWithRows &&= app.withRows;
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
    note: `both served by the service worker: ${allFromSw ? "yes" : "NO"}; the app's page with its start rows inside: ${allWithRows ? "yes" : "NO"}; app time = navigation start → first enabled level input`,
    samples: appMs,
    baselineSamples: blankMs,
  };
};

/** Rows of the throttled pass: reported beside the plain ones, never judged (targets apply to the plain run). */
const asTabletClass = (row: BenchRow): BenchRow => ({
  ...row,
  id: `${row.id}-cpu${TABLET_CPU_SLOWDOWN}x`,
  name: `${row.name}, CPU ${TABLET_CPU_SLOWDOWN}× slower`,
  target: "report (tablet-class)",
  verdict: "info",
  note: `${row.note ?? ""}; Chromium DevTools Emulation.setCPUThrottlingRate ${TABLET_CPU_SLOWDOWN}`,
});

/**
 * Chromium's scheduler holds back IndexedDB results (and posted messages) after a discrete
 * input such as a click until the next frame has been drawn, so that the frame showing
 * the click's effect comes first. Every durable tap waits for that frame; a click-free
 * transaction never does. The diagnostic pass turns it off to show how much of a tap it
 * is; a tablet's Chrome keeps it on, so that pass is reported, never judged.
 */
export const AFTER_INPUT_DEFERRAL = "DeferRendererTasksAfterInput";

/** Taps of the diagnostic pass, reported beside the judged row. */
const asWithoutDeferral = (row: BenchRow): BenchRow => ({
  ...row,
  id: `${row.id}-no-defer`,
  name: `${row.name}, Chromium's after-input deferral off`,
  target: "report (diagnostic)",
  verdict: "info",
  note: `${row.note ?? ""}; Chromium started with --disable-features=…,${AFTER_INPUT_DEFERRAL}`,
});

/**
 * The plain pass (judged), the same measurements with the CPU slowed to a tablet's
 * (reported), and the taps once more with Chromium's after-input deferral off (reported).
 */
export const benchBrowser = async (): Promise<BenchRow[]> => {
  const plain = await benchBrowserPass(1);
  const tablet = await benchBrowserPass(TABLET_CPU_SLOWDOWN);
  const undeferred = await benchBrowserPass(1, { disabledFeatures: [AFTER_INPUT_DEFERRAL], tapsOnly: true });
  return [...plain, ...tablet.map(asTabletClass), ...undeferred.map(asWithoutDeferral)];
};

type PassOptions = { disabledFeatures?: readonly string[]; tapsOnly?: boolean };

const benchBrowserPass = async (cpuSlowdown: number, options: PassOptions = {}): Promise<BenchRow[]> => {
  const build = ensureBuilt();
  let server: PanelisServer | null = null;
  let context: BrowserContext | null = null;
  const profile = newProfileDir();
  const dataDir = mkdtempSync(join(tmpdir(), "panelis-bench-db-"));
  try {
    // A real enrolled tablet: the practice space never writes an outbox row, so it cannot stand for a tap.
    server = await startPanelisServer(join(dataDir, "panelis.db"));
    const joinUrl = server.joinUrls.get(BENCH_MEMBER);
    if (!joinUrl) throw new Error(`npm start printed no join link for ${BENCH_MEMBER}`);
    context = await launchProfile(profile, "id-ID", options.disabledFeatures);
    await context.addInitScript(NAME_SHIM);
    await installUsableProbe(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(joinUrl);
    await page.getByRole("button", { name: "Gabung" }).click();
    await page.locator("[data-testid^=assignment-] a").first().waitFor({ timeout: 30_000 });
    await waitForServiceWorkerControl(page);
    await page.locator("[data-testid^=assignment-] a").first().click();
    await page.locator("article.indicator label.level").first().waitFor();
    const scoringUrl = page.url();

    // The hall has no network: no background push competes with the taps, and the cold start needs it off anyway.
    await context.setOffline(true);
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    }
    const tap = await profiled(page, `taps-cpu${cpuSlowdown}x${options.tapsOnly ? "-diagnostic" : ""}`, () =>
      benchTaps(page),
    );
    if (options.tapsOnly) return [tap];
    const bytes = cpuSlowdown === 1 ? await idbBytesPerThousandScores(page) : null;
    const cold = await benchColdStart(page, server.url, scoringUrl, cpuSlowdown);
    const note = build === "built" ? "; dist rebuilt before measuring" : "";
    const storageRow: BenchRow[] = bytes
      ? [
          {
            id: "idb-bytes",
            name: "IndexedDB per 1,000 scores with their outbox rows",
            unit: "KB",
            runs: 1,
            median: bytes.bytes / 1024,
            p95: null,
            baselineMedian: null,
            ratio: null,
            target: "report",
            verdict: "info",
            baseline: "",
            note: `navigator.storage.estimate() before and after 1,000 copies of the app's last score and outbox row in the app's own store and index layout; one score is ${bytes.scoreJsonBytes} bytes and its outbox row ${bytes.outboxJsonBytes} bytes as JSON`,
          },
        ]
      : [];
    return [{ ...tap, note: `${tap.note}${note}` }, cold, ...storageRow];
  } finally {
    await context?.close();
    await server?.stop();
    removeProfileDir(profile);
    rmSync(dataDir, { recursive: true, force: true });
  }
};
