/*
 * Results at national scale: 514 districts × 12 panel members × 30 indicators
 * (185,040 scores), every record valid, through computeResults — against one plain
 * summing pass over the same scores (letter → value lookup or points), which is the
 * least any results computation has to do. The edition is checked once with the
 * server's own parseBundle (scores sampled: the import schema caps a bundle at
 * 100,000 records), so the benchmark cannot silently run on input the app would refuse.
 * Every district's feedback is not part of a results call (src/domain/compute-feedback.ts:
 * it is built where it is read); its time is reported in the note beside the call's.
 * The calls are timed in fresh child processes started with the server's Node flags
 * (src/server/node-flags.ts: results-warm.ts, results-first-call.ts), the call as the
 * server makes it; the same timing with Node's default flags is reported in the note.
 */
import { spawnSync } from "node:child_process";
import { feedbackOf } from "../../src/domain/compute-feedback.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import { checkScore, ScoreRecordSchema, validate } from "../../src/domain/schemas.ts";
import type { ScoreRecord } from "../../src/domain/types.ts";
import { parseBundle } from "../../src/server/editions.ts";
import { ROOT } from "./app-build.ts";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags.ts";
import { type BenchRow, median, p95, ratioOf, timed } from "./stats.ts";
import type { WarmFigures } from "./results-warm.ts";
import { nationalResultsInput } from "./synthetic.ts";

export const NATIONAL = { participants: 514, members: 12 } as const;
export const RESULTS_TARGET_MS = 150;
export const RESULTS_TARGET_RATIO = 10;
export const WARMUP_CALLS = 12;
const FIRST_CALL_RUNS = 5;

type FirstCall = { rounds: number; warmupMs: number; firstCallMs: number };

/** Runs `script` in a fresh Node process with `nodeArgs` and tsx's loader; gives the one JSON line it prints last. */
const childFigures = <T>(nodeArgs: readonly string[], script: string, args: readonly string[] = []): T => {
  const child = spawnSync(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (child.status !== 0) throw new Error(`${script} exited ${child.status}: ${child.stderr.slice(-400)}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as T;
};

/** The first call in fresh child processes (results-first-call.ts), with or without the server's start-up warm-up. */
const firstCalls = (afterWarmup: boolean): FirstCall[] =>
  Array.from({ length: FIRST_CALL_RUNS }, () =>
    childFigures<FirstCall>(
      [...SERVER_NODE_FLAGS, "--expose-gc"],
      "tests/bench/results-first-call.ts",
      afterWarmup ? ["--after-warmup"] : [],
    ),
  );

/*
 * Warm calls are timed in several fresh processes, not one: how fast V8 runs the same call
 * depends on the tier its hot loops reached and on when the next GC lands, and a process
 * can sit for a dozen calls at 2–3× its usual time (a deoptimised loop waiting to be
 * recompiled). One process made the median that process's luck (17.5 ms in one run, 41 ms
 * in the next, same code); pooling the rounds of three gives the typical call of a server.
 */
const WARM_PROCESSES = 3;

/** The timed calls in WARM_PROCESSES fresh child processes (results-warm.ts) with the given Node flags, pooled in order. */
const warmCalls = (flags: readonly string[], rounds: number): WarmFigures & { perProcess: number[] } => {
  const runs = Array.from({ length: WARM_PROCESSES }, () =>
    childFigures<WarmFigures>(flags, "tests/bench/results-warm.ts", [String(rounds)]),
  );
  return {
    coldMs: median(runs.map((r) => r.coldMs)),
    computeMs: runs.flatMap((r) => r.computeMs),
    sumMs: runs.flatMap((r) => r.sumMs),
    ranked: runs[0]?.ranked ?? 0,
    perProcess: runs.map((r) => median(r.computeMs)),
  };
};

export const benchResults = (rounds = 9): BenchRow => {
  const input = nationalResultsInput(NATIONAL.participants, NATIONAL.members);
  const { scores, ...reference } = input;
  parseBundle(reference, "en");
  for (let i = 0; i < scores.length; i += 97) {
    const score = scores[i] as ScoreRecord;
    const parsed = validate(ScoreRecordSchema, score, "en");
    const problems = checkScore(score, input.rubric, "en");
    if (!parsed.ok || problems.length > 0) throw new Error(`invalid synthetic score: ${JSON.stringify(score)}`);
  }

  // Judged: the calls in a process with the server's own flags. Reported beside them: Node's defaults.
  const server = warmCalls(SERVER_NODE_FLAGS, rounds);
  const defaults = warmCalls([], rounds);
  const computeMs = server.computeMs;
  const sumMs = server.sumMs;
  const coldMs = server.coldMs;
  const ranked = server.ranked;
  // Feedback is not part of a results call (compute-feedback.ts): built where it is read. Its cost is reported, not hidden.
  const last = computeResults(input);
  for (let i = 0; i < 3; i++) feedbackOf(input, last);
  const feedbackMs: number[] = [];
  for (let i = 0; i < 5; i++) feedbackMs.push(timed(() => feedbackOf(input, last))[0]);
  const m = median(computeMs);
  const b = median(sumMs);
  const ratio = ratioOf(m, b);
  const fresh = firstCalls(false).map((r) => r.firstCallMs);
  const warmedRuns = firstCalls(true);
  const warmed = warmedRuns.map((r) => r.firstCallMs);
  const firstMs = median(warmed);
  const ok = firstMs <= RESULTS_TARGET_MS && m <= RESULTS_TARGET_MS && ratio !== null && ratio <= RESULTS_TARGET_RATIO;
  const span = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  return {
    id: "results",
    name: `computeResults ${NATIONAL.participants}×${NATIONAL.members}×30 (${scores.length.toLocaleString("en")} scores)`,
    unit: "ms",
    runs: computeMs.length,
    median: m,
    p95: p95(computeMs),
    baselineMedian: b,
    ratio,
    target: `≤ ${RESULTS_TARGET_MS} ms and ≤ ${RESULTS_TARGET_RATIO}×`,
    verdict: ok ? "pass" : "fail",
    baseline: "one plain loop summing letter value or points over the same ScoreRecord array",
    note:
      `first call on a started server (after its start-up warm-up, ${warmedRuns[0]?.rounds} rounds, ~${median(warmedRuns.map((r) => r.warmupMs)).toFixed(0)} ms): ` +
      `median ${firstMs.toFixed(0)} ms (${span(warmed)}, ${FIRST_CALL_RUNS} fresh processes; target ≤ ${RESULTS_TARGET_MS} ms); ` +
      `first call in a process that never computed results: median ${median(fresh).toFixed(0)} ms (${span(fresh)}); ` +
      `in the timing processes ${coldMs.toFixed(0)} ms (median of ${WARM_PROCESSES}), then ${WARMUP_CALLS} warm-up calls and ${rounds} timed rounds each; ${ranked} participants in the results; combine: ${input.edition.settings.combine.method}; ` +
      `timed in processes with the server's Node flags (${SERVER_NODE_FLAGS.join(" ")}, src/server/node-flags.ts; each process's median ${server.perProcess.map((x) => x.toFixed(1)).join("/")} ms); with Node's defaults: median ${median(defaults.computeMs).toFixed(1)} ms (${defaults.perProcess.map((x) => x.toFixed(1)).join("/")}), ${ratioOf(median(defaults.computeMs), median(defaults.sumMs))?.toFixed(2)}× its baseline; ` +
      `every district's feedback (not in this call: built for the feedback tab, the letters and publishing) median ${median(feedbackMs).toFixed(1)} ms`,
    extra: {
      coldFirstCallMs: coldMs,
      defaultFlagsMedianMs: median(defaults.computeMs),
      firstCallAfterWarmupMs: firstMs,
      firstCallNoWarmupMs: median(fresh),
      feedbackMs: median(feedbackMs),
    },
    samples: computeMs,
    baselineSamples: sumMs,
  };
};

type MemoryFigures = {
  scores: number;
  coldMs: number;
  allocatedMb: number;
  retainedMb: number;
  inputHeapMb: number;
  maxRssMb: number;
};

const MEMORY_RUNS = 3;

/** The results call's heap, each run in a fresh child process (see results-memory.ts); reported, not judged. */
export const benchResultsMemory = (): BenchRow => {
  // A semi-space big enough that no scavenge runs during the call: what it allocates is then its peak heap.
  const runs = Array.from({ length: MEMORY_RUNS }, () =>
    childFigures<MemoryFigures>(["--expose-gc", "--max-semi-space-size=1024"], "tests/bench/results-memory.ts"),
  );
  const allocated = runs.map((r) => r.allocatedMb);
  const pick = (f: (r: MemoryFigures) => number) => median(runs.map(f)).toFixed(0);
  return {
    id: "results-memory",
    name: `computeResults national, heap of one cold call (${runs[0]?.scores.toLocaleString("en")} scores)`,
    unit: "MB",
    runs: runs.length,
    median: median(allocated),
    p95: Math.max(...allocated),
    baselineMedian: null,
    ratio: null,
    target: "report",
    verdict: "info",
    baseline: "",
    note: `allocated during the call (no scavenge ran: an upper bound of its peak heap); retained after a full GC ${pick((r) => r.retainedMb)} MB; the input itself ${pick((r) => r.inputHeapMb)} MB; process max RSS ${pick((r) => r.maxRssMb)} MB; cold call ${pick((r) => r.coldMs)} ms in a fresh process`,
    samples: allocated,
  };
};
