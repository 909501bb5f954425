/*
 * Lighthouse 12 (mobile profile, the default) on the panelist start screen, with
 * system Chromium and the e2e flags. The page is served the way `npm start` serves
 * it: the real server app with the built PWA as its static root (security headers,
 * cache headers), not vite preview. Lighthouse is not a dependency yet; without
 * node_modules/lighthouse this row is skipped, never installed on the fly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/helpers/browser.ts";
import { DIST, ensureBuilt, ROOT } from "./app-build.ts";
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

export const benchLighthouse = async (): Promise<BenchRow> => {
  const cli = join(ROOT, "node_modules/lighthouse/cli/index.js");
  if (!existsSync(cli)) return skipped(`skipped: lighthouse not installed (npm i -D lighthouse@${LIGHTHOUSE_VERSION})`);
  ensureBuilt();
  const server = await startBenchServer({ seed: "none", staticRoot: DIST });
  const dir = mkdtempSync(join(tmpdir(), "panelis-lighthouse-"));
  try {
    const scores: Record<Category, number[]> = { performance: [], accessibility: [], "best-practices": [] };
    const metrics = Object.fromEntries(Object.keys(METRICS).map((m) => [m, [] as number[]])) as Record<
      Metric,
      number[]
    >;
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      const out = join(dir, `report-${run}.json`);
      const result = spawnSync(
        process.execPath,
        [
          cli,
          `${server.url}/`,
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
      for (const c of CATEGORIES) scores[c].push(Math.round((report.categories[c]?.score ?? 0) * 100));
      for (const m of Object.keys(METRICS) as Metric[]) metrics[m].push(report.audits[m]?.numericValue ?? Number.NaN);
    }
    const medians = Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c])])) as Record<Category, number>;
    const ok = CATEGORIES.every((c) => medians[c] >= TARGETS[c]);
    return {
      ...skipped(""),
      runs: LIGHTHOUSE_RUNS,
      median: medians.performance,
      verdict: ok ? "pass" : "fail",
      note: `performance ${medians.performance}, accessibility ${medians.accessibility}, best practices ${medians["best-practices"]} (medians of ${LIGHTHOUSE_RUNS}; per run: ${CATEGORIES.map((c) => `${c} ${scores[c].join("/")}`).join(", ")}); simulated mobile metrics, medians: ${(Object.keys(METRICS) as Metric[]).map((m) => `${METRICS[m]} ${Math.round(median(metrics[m]))} ms`).join(", ")}`,
      extra: medians,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
