/*
 * The timed part of the results benchmark, run by results-bench.ts in three child processes
 * (their rounds pooled) started with the server's Node flags (src/server/node-flags.ts) — the results call as
 * the server makes it — or, for the note, with Node's defaults:
 *   node [flags] --import tsx tests/bench/results-warm.ts <rounds>
 * The first call is timed on its own; V8 needs about ten calls to reach its optimised
 * tier here (first calls ~4–5× slower), so the measured rounds come after a warm-up of
 * both the call and the baseline, and each round times one call and its baseline pass
 * side by side. Prints one JSON line.
 */
import { computeResults } from "../../src/domain/compute-results.ts";
import type { ScoreRecord } from "../../src/domain/types.ts";
import { NATIONAL, WARMUP_CALLS } from "./results-bench.ts";
import { timed } from "./stats.ts";
import { nationalResultsInput } from "./synthetic.ts";

export type WarmFigures = { coldMs: number; computeMs: number[]; sumMs: number[]; ranked: number };

const rounds = Number(process.argv[2] ?? 9);

/** The least any results computation has to do: one pass, letter → value lookup or points. */
const plainSum = (scores: readonly ScoreRecord[], letterValues: Readonly<Record<string, number>>): number => {
  let sum = 0;
  for (const s of scores) sum += s.level !== null ? (letterValues[s.level] ?? 0) : (s.points ?? 0);
  return sum;
};

const input = nationalResultsInput(NATIONAL.participants, NATIONAL.members);
const { scores } = input;
const letterValues = input.edition.settings.letterValues;
const [coldMs] = timed(() => computeResults(input));
for (let i = 0; i < WARMUP_CALLS; i++) computeResults(input);
for (let i = 0; i < 20; i++) plainSum(scores, letterValues);

const figures: WarmFigures = { coldMs, computeMs: [], sumMs: [], ranked: 0 };
let sink = 0;
for (let round = 0; round < rounds; round++) {
  const [c, results] = timed(() => computeResults(input));
  figures.computeMs.push(c);
  figures.ranked = results.participants.length;
  // The baseline is tiny: time a few passes and take the mean, or the timer's resolution dominates.
  const [s, value] = timed(() => {
    let v = 0;
    for (let k = 0; k < 5; k++) v += plainSum(scores, letterValues);
    return v;
  });
  figures.sumMs.push(s / 5);
  sink += value;
}
if (!Number.isFinite(sink)) throw new Error("sum went wrong");
console.log(JSON.stringify(figures));
