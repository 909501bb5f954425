/*
 * The numbers a results chart draws: quartiles of a cohort for the middle-50 %
 * band and the median tick. Invariant: the median here is the same median the
 * feedback uses (`medianOfSorted`), so the chart and the letter never disagree.
 */
import { medianOfSorted } from "./statistics.ts";

export type MiddleHalf = { q1: number; median: number; q3: number; min: number; max: number };

/** Linear interpolation between order statistics (Hyndman & Fan type 7, the spreadsheet QUARTILE). */
const quantileOfSorted = (sorted: Float64Array, p: number): number => {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
};

export const middleHalf = (values: readonly (number | null)[]): MiddleHalf | null => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  const sorted = Float64Array.from(present).sort();
  return {
    q1: quantileOfSorted(sorted, 0.25),
    median: medianOfSorted(sorted) as number,
    q3: quantileOfSorted(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
};
