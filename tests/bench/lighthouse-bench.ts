/*
 * Lighthouse 12 (mobile profile, the default) on the panelist start screen, with
 * system Chromium and the e2e flags. The page is served the way `npm start` serves
 * it: the real server app with the built PWA as its static root (security headers,
 * cache headers), not vite preview. Lighthouse is not a dependency yet; without
 * node_modules/lighthouse this row is skipped, never installed on the fly.
 *
 * The baseline, measured in the same run with runs interleaved (app, static, app,
 * …) so both see the same machine: the same start screen as a static page without
 * JavaScript (lighthouse-floor.ts). On a small VM even that page does not score
 * 100 — its first layout alone is a long task — so the note gives both, and the
 * difference is what the app's own JavaScript costs. The verdict is on the app's
 * absolute scores, as the target says.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/helpers/browser.ts";
import { DIST, ensureBuilt, ROOT } from "./app-build.ts";
import { FLOOR_PAGE, writeFloorPage } from "./lighthouse-floor.ts";
import { startBenchServer } from "./server-process.ts";
import { type BenchRow, median } from "./stats.ts";

export const LIGHTHOUSE_VERSION = "12.8.2";
export const LIGHTHOUSE_RUNS = 5;
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];
/** The performance score's metrics, reported so a low score says which one cost it. */
const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "speed-index": "SI",
} as const;
type Metric = keyof typeof METRICS;

const skipped = (why: string): BenchRow => ({
  id: "lighthouse",
  name: "Lighthouse (mobile) start screen",
  unit: "score",
  runs: 0,
  median: null,
  p95: null,
  baselineMedian: null,
  ratio: null,
  target: "perf ≥ 95, a11y 100, best practices ≥ 95",
  verdict: "skipped",
  baseline: "none (absolute scores)",
  note: why,
});

type Report = { scores: Record<Category, number>; metrics: Record<Metric, number> };

/** One Lighthouse run on `url` (a fresh Chromium profile each time, so every run is a first visit). */
const lighthouseOnce = (cli: string, url: string, out: string): Report => {
  const result = spawnSync(
    process.execPath,
    [
      cli,
      url,
      "--output=json",
      `--output-path=${out}`,
      `--only-categories=${CATEGORIES.join(",")}`,
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(" ")}`,
      "--quiet",
    ],
    { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, encoding: "utf8", timeout: 180_000 },
  );
  if (result.status !== 0 || !existsSync(out))
    throw new Error(`lighthouse exited ${result.status}: ${(result.stderr ?? "").slice(-400)}`);
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
  };
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]),
  ) as Record<Category, number>;
  const metrics = Object.fromEntries(
    (Object.keys(METRICS) as Metric[]).map((m) => [m, report.audits[m]?.numericValue ?? Number.NaN]),
  ) as Record<Metric, number>;
  return { scores, metrics };
};

const medianScore = (reports: readonly Report[], c: Category): number => median(reports.map((r) => r.scores[c]));
const medianMetric = (reports: readonly Report[], m: Metric): number => median(reports.map((r) => r.metrics[m]));

const metricWords = (reports: readonly Report[]): string =>
  (Object.keys(METRICS) as Metric[]).map((m) => `${METRICS[m]} ${Math.round(medianMetric(reports, m))} ms`).join(", ");

export const benchLighthouse = async (): Promise<BenchRow> => {
  const cli = join(ROOT, "node_modules/lighthouse/cli/index.js");
  if (!existsSync(cli)) return skipped(`skipped: lighthouse not installed (npm i -D lighthouse@${LIGHTHOUSE_VERSION})`);
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "panelis-lighthouse-"));
  const root = join(dir, "dist");
  cpSync(DIST, root, { recursive: true });
  const server = await startBenchServer({ seed: "none", staticRoot: root });
  try {
    await writeFloorPage(`${server.url}/`, root);
    const app: Report[] = [];
    const floor: Report[] = [];
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      app.push(lighthouseOnce(cli, `${server.url}/`, join(dir, `app-${run}.json`)));
      floor.push(lighthouseOnce(cli, `${server.url}/${FLOOR_PAGE}`, join(dir, `floor-${run}.json`)));
    }
    const medians = Object.fromEntries(CATEGORIES.map((c) => [c, medianScore(app, c)])) as Record<Category, number>;
    const floorPerformance = medianScore(floor, "performance");
    const ok = CATEGORIES.every((c) => medians[c] >= TARGETS[c]);
    return {
      ...skipped(""),
      runs: LIGHTHOUSE_RUNS,
      median: medians.performance,
      baselineMedian: floorPerformance,
      baseline: "the same start screen as a static page without JavaScript, runs interleaved",
      verdict: ok ? "pass" : "fail",
      note: `performance ${medians.performance}, accessibility ${medians.accessibility}, best practices ${medians["best-practices"]} (medians of ${LIGHTHOUSE_RUNS}; per run: ${CATEGORIES.map((c) => `${c} ${app.map((r) => r.scores[c]).join("/")}`).join(", ")}); simulated mobile metrics, medians: ${metricWords(app)}. The same screen without JavaScript in the same run: performance ${floorPerformance} (${floor.map((r) => r.scores.performance).join("/")}), ${metricWords(floor)}`,
      extra: {
        ...medians,
        floorPerformance,
        tbtMs: Math.round(medianMetric(app, "total-blocking-time")),
        floorTbtMs: Math.round(medianMetric(floor, "total-blocking-time")),
      },
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
