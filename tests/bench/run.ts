/*
 * `npm run bench`: runs every benchmark in sequence (never in parallel: they would
 * measure each other on 2 cores), prints one table and writes
 * tests/bench/results.json (git-ignored). Each benchmark measures its own baseline in
 * this same process and run, so the ratio column is comparable between runs on a
 * noisy shared machine even when the absolute figures are not.
 *
 * `npm run bench -- bundle results` runs only the named ones (ids: bundle, results,
 * browser, push, pull, load, login-storm, engines, lighthouse). Exit code: 0 when every benchmark ran
 * (targets missed are reported, not thrown), 1 when one could not run at all.
 */
import { writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { CHROMIUM_PATH } from "../e2e/helpers/browser.ts";
import { DIST, ensureBuilt, ROOT } from "./app-build.ts";
import { benchBrowser, COLD_RATIO_TARGET, TAP_P95_TARGET_MS, TAP_RATIO_TARGET } from "./browser-bench.ts";
import { BUNDLE_TARGET_KB, measureBundle } from "./bundle-bench.ts";
import { benchLighthouse } from "./lighthouse-bench.ts";
import { benchEngines, SCALE_TARGET_RATIO } from "./engines-bench.ts";
import { benchLoad, P99_TARGET_MS } from "./load-bench.ts";
import { benchLoginStorm, STORM_CLIENTS, STORM_P99_TARGET_MS } from "./login-storm-bench.ts";
import { benchResults, benchResultsMemory, RESULTS_TARGET_MS, RESULTS_TARGET_RATIO } from "./results-bench.ts";
import { type BenchRow, errorRow } from "./stats.ts";
import { renderTable } from "./table.ts";
import { benchPull, benchPush, PUSH_TARGET_RATIO } from "./sync-bench.ts";

type Bench = { id: string; run: () => Promise<BenchRow[]>; fallback: Array<[string, string, string]> };

const BENCHES: Bench[] = [
  {
    id: "bundle",
    run: async () => {
      ensureBuilt();
      return [measureBundle(DIST)];
    },
    fallback: [["bundle", "start-screen JS (gzip)", `≤ ${BUNDLE_TARGET_KB} KB`]],
  },
  {
    id: "results",
    run: async () => [benchResults(), benchResultsMemory()],
    fallback: [["results", "computeResults national", `≤ ${RESULTS_TARGET_MS} ms and ≤ ${RESULTS_TARGET_RATIO}×`]],
  },
  {
    id: "browser",
    run: benchBrowser,
    fallback: [
      ["tap-durable", "tap → durable", `median ≤ ${TAP_RATIO_TARGET}× raw put, p95 < ${TAP_P95_TARGET_MS} ms`],
      ["cold-start", "offline reload → scoring usable", `≤ ${COLD_RATIO_TARGET}× blank precached page`],
    ],
  },
  {
    id: "push",
    run: async () => [await benchPush()],
    fallback: [["sync-push", "push 10,000 changes", `≤ ${PUSH_TARGET_RATIO}× baseline`]],
  },
  {
    id: "pull",
    run: async () => [await benchPull()],
    fallback: [["sync-pull", "pull 100,000 rows", "report rows/s"]],
  },
  {
    id: "load",
    run: async () => [await benchLoad()],
    fallback: [["load", "200 panelists pushing", `p99 < ${P99_TARGET_MS} ms, 0 errors`]],
  },
  {
    id: "login-storm",
    run: async () => [await benchLoginStorm()],
    fallback: [
      ["login-storm", `push during ${STORM_CLIENTS} concurrent wrong logins`, `p99 < ${STORM_P99_TARGET_MS} ms`],
    ],
  },
  {
    id: "engines",
    run: benchEngines,
    fallback: [["engines-scale", "PostgreSQL 2 instances / 1 instance, saturated", `≥ ${SCALE_TARGET_RATIO}×`]],
  },
  {
    id: "lighthouse",
    run: async () => [await benchLighthouse()],
    fallback: [["lighthouse", "Lighthouse", "≥ 95/100/≥ 95"]],
  },
];

const chromiumVersion = (): string | undefined => {
  try {
    return execFileSync(CHROMIUM_PATH, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
};

const main = async () => {
  const wanted = new Set(process.argv.slice(2));
  const selected = BENCHES.filter((b) => wanted.size === 0 || wanted.has(b.id));
  if (selected.length === 0) throw new Error(`unknown benchmark; choose from ${BENCHES.map((b) => b.id).join(", ")}`);
  const startedAt = new Date().toISOString();
  const rows: BenchRow[] = [];
  for (const bench of selected) {
    const t0 = performance.now();
    process.stdout.write(`▶ ${bench.id} … `);
    try {
      rows.push(...(await bench.run()));
      console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      console.log(`error: ${error instanceof Error ? error.message : String(error)}`);
      for (const [id, name, target] of bench.fallback) rows.push(errorRow(id, name, target, error));
    }
  }
  console.log(`\n${renderTable(rows)}\n`);
  for (const r of rows) {
    if (r.note) console.log(`• ${r.name}: ${r.note}`);
    if (r.baseline) console.log(`  baseline: ${r.baseline}`);
  }
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    chromium: chromiumVersion(),
    loadAverage: loadavg(),
    rows,
  };
  const out = join(ROOT, "tests/bench/results.json");
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
  // Explicit exit: a keep-alive socket or fake-indexeddb timer left by a benchmark must not keep the run hanging.
  process.exit(rows.some((r) => r.verdict === "error") ? 1 : 0);
};

await main();
