/*
 * Turning grades into 0–100 scores and combining them. A gap (recusal,
 * partial sheet) is absent from every input here, never a 0: callers pass
 * only the values that count, and an empty input yields null.
 */
import { mean, trimmedMean } from "./statistics.ts";
import type { AksiNumber, CombineMethod, RollUp } from "./types.ts";

/** Highest value in the letter map: the "max" of x-over-max scaling. */
export const maxLetterValue = (letterValues: Readonly<Record<string, number>>): number | null => {
  let max: number | null = null;
  for (const v of Object.values(letterValues)) if (Number.isFinite(v) && (max === null || v > max)) max = v;
  return max;
};

/** x-over-max: letterValues[letter] ÷ max(letterValues) × 100; null for a letter the map does not know. */
export const letterScore = (letter: string, letterValues: Readonly<Record<string, number>>): number | null => {
  const value = letterValues[letter];
  const max = maxLetterValue(letterValues);
  if (value === undefined || !Number.isFinite(value) || max === null || max <= 0) return null;
  return (value / max) * 100;
};

export const DEFAULT_MAX_POINTS = 100;

export const criterionScore = (points: number, maxPoints: number | undefined): number =>
  (points / (maxPoints ?? DEFAULT_MAX_POINTS)) * 100;

/** Indicator i of a component belongs to aksi group `groupOf[i]`; computed once per component, reused for every sheet. */
export type RollUpPlan = { groupOf: Int32Array; groupSize: Int32Array; groups: (AksiNumber | null)[] };

/** Indicators without an aksi form one group of their own, so under "per-aksi" they are neither lost nor merged into an aksi. */
export const rollUpPlan = (aksiOf: readonly (AksiNumber | null)[]): RollUpPlan => {
  const groups: (AksiNumber | null)[] = [];
  const groupOf = new Int32Array(aksiOf.length);
  for (let i = 0; i < aksiOf.length; i++) {
    const aksi = aksiOf[i] ?? null;
    let g = groups.indexOf(aksi);
    if (g < 0) g = groups.push(aksi) - 1;
    groupOf[i] = g;
  }
  const groupSize = new Int32Array(groups.length);
  for (const g of groupOf) groupSize[g] = (groupSize[g] as number) + 1;
  return { groups, groupOf, groupSize };
};

/**
 * A member's level-scaled component from their complete indicator scores
 * (one per indicator, in plan order); writes each aksi group's mean into
 * `groupMeans` from `offset`, since aksi sub-scores need exactly those means.
 * Allocates nothing: it runs once per member per participant.
 */
export const rollUpInto = (
  scores: ArrayLike<number>,
  plan: RollUpPlan,
  rollUp: RollUp,
  groupMeans: Float64Array,
  offset = 0,
): number | null => {
  if (scores.length === 0) return null;
  const g = plan.groups.length;
  groupMeans.fill(0, offset, offset + g);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const k = offset + (plan.groupOf[i] as number);
    const x = scores[i] as number;
    groupMeans[k] = (groupMeans[k] as number) + x;
    total += x;
  }
  let meanOfMeans = 0;
  for (let k = 0; k < g; k++) {
    const m = (groupMeans[offset + k] as number) / (plan.groupSize[k] as number);
    groupMeans[offset + k] = m;
    meanOfMeans += m;
  }
  return rollUp === "per-indicator" ? total / scores.length : meanOfMeans / g;
};

export const rollUpLevels = (
  scores: readonly number[],
  aksiOf: readonly (AksiNumber | null)[],
  rollUp: RollUp,
): number | null => {
  const plan = rollUpPlan(aksiOf);
  return rollUpInto(scores, plan, rollUp, new Float64Array(plan.groups.length));
};

/** Numeric components weigh every criterion equally whatever the roll-up: criteria have no aksi to group by. */
export const rollUpNumeric = (scores: readonly number[]): number | null => mean(scores);

export type Combined = { value: number | null; fellBackToMean: boolean };

/**
 * Combines the counted members' values for one participant. The z-score
 * method needs the whole panel's matrix and lives in `zScoreNormalise`;
 * here it degrades to the plain mean, which is what aksi sub-scores use.
 * For consensus the caller passes only the designated member's value.
 */
export const combineValues = (values: readonly number[], combine: CombineMethod): Combined => {
  if (combine.method === "trimmed-mean") return trimmedMean(values, combine.k);
  return { value: mean(values), fellBackToMean: false };
};

export type WeightedPart = { componentId: string; weight: number; value: number | null };

export type WeightedTotal =
  | { value: number; missing: []; reason: null }
  | { value: null; missing: string[]; reason: "component-missing" | "zero-total-weight" };

/**
 * Σ w·score ÷ Σ w. A component without a combined score makes the total null
 * rather than being skipped, which would silently reweight the rest. A
 * zero-weight component cannot move the total, so its absence does not block it.
 */
export const weightedTotal = (parts: readonly WeightedPart[]): WeightedTotal => {
  let weights = 0;
  let weighted = 0;
  const missing: string[] = [];
  for (const p of parts) {
    if (!(p.weight > 0)) continue;
    if (p.value === null) {
      missing.push(p.componentId);
      continue;
    }
    weights += p.weight;
    weighted += p.weight * p.value;
  }
  if (missing.length > 0) return { value: null, missing, reason: "component-missing" };
  if (weights === 0) return { value: null, missing: [], reason: "zero-total-weight" };
  return { value: weighted / weights, missing: [], reason: null };
};
