/*
 * The first national results call of a fresh process, run by results-bench.ts in a
 * child process of its own (nothing else has run the results code there), started with
 * the server's Node flags (src/server/node-flags.ts):
 *   node <server flags> --expose-gc --import tsx tests/bench/results-first-call.ts [--after-warmup]
 * With --after-warmup the server's own start-up warm-up (src/server/results-warmup.ts)
 * runs to the end first, as it does after `npm start` before the first coordinator
 * opens *Hasil*. The input is built and the garbage of building it collected before
 * the clock starts, so the figure is the call alone. Prints one JSON line.
 */
import { computeResults } from "../../src/domain/compute-results.ts";
import { warmResults } from "../../src/server/results-warmup.ts";
import { NATIONAL } from "./results-bench.ts";
import { nationalResultsInput } from "./synthetic.ts";

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with --expose-gc");

const warmupStarted = performance.now();
const rounds = process.argv.includes("--after-warmup") ? await warmResults().done : 0;
const warmupMs = performance.now() - warmupStarted;
const input = nationalResultsInput(NATIONAL.participants, NATIONAL.members);
collect();
const started = performance.now();
const results = computeResults(input);
const firstCallMs = performance.now() - started;
console.log(JSON.stringify({ rounds, warmupMs, firstCallMs, participants: results.participants.length }));
