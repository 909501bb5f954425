/*
 * Shared shapes and arithmetic for the benchmarks. Every benchmark reports a row
 * with its own baseline measured in the same run, because the machine is shared
 * and noisy: the ratio is the number to trust, absolute figures only next to it.
 */

export type Verdict = "pass" | "fail" | "skipped" | "error" | "info";

export type BenchRow = {
  id: string;
  name: string;
  unit: string;
  runs: number;
  median: number | null;
  p95: number | null;
  baselineMedian: number | null;
  /** median / baselineMedian (for throughputs: baseline rate / measured rate, so higher is always worse). */
  ratio: number | null;
  target: string;
  verdict: Verdict;
  /** What the baseline is, in words, for the report. */
  baseline: string;
  note?: string;
  extra?: Record<string, number | string | boolean>;
  samples?: number[];
  baselineSamples?: number[];
};

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Nearest-rank quantile: with few samples it reports a value that was actually measured. */
export const quantile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
};

export const p95 = (values: readonly number[]): number => quantile(values, 0.95);

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export const ratioOf = (measured: number | null, baseline: number | null): number | null =>
  measured === null || baseline === null || baseline <= 0 ? null : measured / baseline;

export const verdictOf = (ok: boolean): Verdict => (ok ? "pass" : "fail");

/** A row for a benchmark that could not run, so one failure never hides the others. */
export const errorRow = (id: string, name: string, target: string, error: unknown): BenchRow => ({
  id,
  name,
  unit: "",
  runs: 0,
  median: null,
  p95: null,
  baselineMedian: null,
  ratio: null,
  target,
  verdict: "error",
  baseline: "",
  note: error instanceof Error ? error.message.split("\n")[0] : String(error),
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from a high-resolution start mark. */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Runs `fn` once and gives how long it took (performance.now) with what it returned. */
export const timed = <T>(fn: () => T): [number, T] => {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
};
