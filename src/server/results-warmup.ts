/*
 * Start-up warm-up of the results code. On Node 20, V8 runs a function in its
 * interpreter until it has been called (or looped) often enough to optimise it,
 * so the first results call of a fresh process is 4–5× slower than later ones:
 * at national scale that first call is the one a coordinator waits for when
 * opening *Hasil* after the server (re)started. Right after the listener is up,
 * the server computes the two built-in sample editions a number of times, one
 * round per event-loop turn, so a request arriving meanwhile waits at most one
 * round (a few ms). Invariants: nothing is stored or sent (the samples are built
 * in memory and their results dropped); stopping is immediate between rounds.
 * `npm run bench` (results) measures the first national call after this warm-up
 * beside the first call in a process that never computed results.
 */
import { computeResults } from "../domain/compute-results.ts";
import { maluku2020Sample, ntb2021Sample } from "../domain/templates/sample-data.ts";

/** ~100 rounds of both samples (~0.3 s of CPU here) brought the first national call from ~190 to ~105 ms. */
export const WARMUP_ROUNDS = 100;

/** `done` gives the number of rounds run. */
export type Warmup = { done: Promise<number>; stop: () => void };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export const warmResults = (rounds = WARMUP_ROUNDS): Warmup => {
  let stopped = false;
  const run = async () => {
    const samples = [ntb2021Sample(), maluku2020Sample()];
    let round = 0;
    for (; round < rounds && !stopped; round++) {
      for (const bundle of samples) computeResults(bundle);
      await nextTurn();
    }
    return round;
  };
  return {
    done: run(),
    stop: () => {
      stopped = true;
    },
  };
};
