/*
 * Memory of the national-scale results call, measured in a child process of its own
 * (run by results-bench.ts) so nothing else lives in its heap:
 *   node --expose-gc --max-semi-space-size=1024 --import tsx tests/bench/results-memory.ts
 * With a young generation that large no scavenge runs during the call, so the heap
 * growth across it is everything the call allocated — an upper bound of its peak
 * heap — and the growth that survives a full collection is what the results retain.
 * Prints one JSON line.
 */
import { computeResults } from "../../src/domain/compute-results.ts";
import { NATIONAL } from "./results-bench.ts";
import { nationalResultsInput } from "./synthetic.ts";

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with --expose-gc");

const input = nationalResultsInput(NATIONAL.participants, NATIONAL.members);
collect();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const results = computeResults(input);
const coldMs = performance.now() - started;
const allocated = process.memoryUsage().heapUsed - before;
collect();
const retained = process.memoryUsage().heapUsed - before;
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    scores: input.scores.length,
    participants: results.participants.length,
    coldMs,
    allocatedMb: allocated / MB,
    retainedMb: retained / MB,
    inputHeapMb: before / MB,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
