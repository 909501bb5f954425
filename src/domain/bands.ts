/*
 * Score bands for numeric criteria. A valid set of bands covers 0 … maxPoints exactly:
 * whole-number bounds, sorted or not, each band min ≤ max, and the next band starts one
 * point after the previous one ends (86–100 after 71–85) — no gap, no overlap. A value
 * between two printed bounds (85,5) belongs to the band whose `min` is the highest not
 * above it, so every value from 0 to maxPoints has exactly one band.
 */
import type { ScoreBand } from "./types.ts";

export type BandProblem =
  | { kind: "not-whole"; index: number }
  | { kind: "min-above-max"; index: number }
  | { kind: "overlap"; index: number; other: number }
  | { kind: "gap"; index: number; from: number; to: number }
  | { kind: "out-of-range"; index: number; maxPoints: number };

/** Indexes of `bands` in ascending order of `min` (ties keep their input order). */
const ascending = (bands: readonly ScoreBand[]): number[] =>
  bands.map((_, i) => i).sort((a, b) => (bands[a]?.min ?? 0) - (bands[b]?.min ?? 0) || a - b);

/** Every reason the set is not a clean cover of 0 … maxPoints; empty when it is (or when there are no bands). */
export const bandProblems = (bands: readonly ScoreBand[], maxPoints = 100): BandProblem[] => {
  if (bands.length === 0) return [];
  const problems: BandProblem[] = [];
  bands.forEach((b, index) => {
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max)) problems.push({ kind: "not-whole", index });
    else if (b.min > b.max) problems.push({ kind: "min-above-max", index });
    else if (b.min < 0 || b.max > maxPoints) problems.push({ kind: "out-of-range", index, maxPoints });
  });
  if (problems.length > 0) return problems;
  const order = ascending(bands);
  let expected = 0;
  let prev = -1;
  for (const index of order) {
    const b = bands[index] as ScoreBand;
    if (b.min < expected && prev >= 0) problems.push({ kind: "overlap", index, other: prev });
    else if (b.min > expected) problems.push({ kind: "gap", index, from: expected, to: b.min - 1 });
    expected = Math.max(expected, b.max + 1);
    prev = index;
  }
  if (expected <= maxPoints) problems.push({ kind: "gap", index: prev, from: expected, to: maxPoints });
  return problems;
};

/** The band a value falls in, or null (no bands, or value outside 0 … top band). */
export const bandFor = (value: number, bands: readonly ScoreBand[]): ScoreBand | null => {
  let found: ScoreBand | null = null;
  for (const b of bands) if (b.min <= value && (found === null || b.min > found.min)) found = b;
  return found !== null && value < found.max + 1 ? found : null;
};

/** Bands best first, as the card lists them (like levels A → D). */
export const bandsBestFirst = (bands: readonly ScoreBand[]): ScoreBand[] => [...bands].sort((a, b) => b.min - a.min);
