/*
 * One component's panel matrix: for every (participant, member) cell, whether
 * the member's sheet counts and its rolled-up 0–100 value. Invariant: only a
 * complete, non-recused sheet of an assigned member has a value (NaN
 * otherwise), so every later phase can treat status COUNTED as "has a full
 * row in the score table". The counted members' indicator means are summed in
 * the same pass, in member order, while each member's row is at hand.
 */
import type { MemberStatus } from "./results.ts";
import { type ComponentPlan, type EditionIndex, rowStart, type ScoreTable, type Slot } from "./results-index.ts";
import { rollUpInto } from "./scoring.ts";
import type { EditionSettings, Member } from "./types.ts";

export const STATUS: readonly MemberStatus[] = ["counted", "not-consensus", "recused", "incomplete"];
export const NOT_ASSIGNED = -1;
export const COUNTED = 0;
export const NOT_CONSENSUS = 1;
export const RECUSED = 2;
export const INCOMPLETE = 3;

/** Per component: the panel matrix, flattened as [participant × members + member]. */
export type ComponentMatrix = {
  status: Int8Array;
  scored: Int32Array;
  value: Float64Array;
  /** [cell × groups + group]: the member's mean per aksi group, for aksi sub-scores. */
  aksiMeans: Float64Array;
};

/** Counted or set aside by the consensus method: a complete sheet that agreement and outliers look at. */
export const isEligible = (status: number): boolean => status === COUNTED || status === NOT_CONSENSUS;

/** [participant × S + slot]: counted members' mean 0–100 score and raw mean (NaN when none), and how many counted. */
export type IndicatorMeans = { value: Float64Array; raw: Float64Array; count: Int32Array };

export const indicatorMeans = (P: number, S: number): IndicatorMeans => ({
  value: new Float64Array(P * S).fill(Number.NaN),
  raw: new Float64Array(P * S).fill(Number.NaN),
  count: new Int32Array(P * S),
});

/**
 * One component's panel: each assigned member's status, indicators scored and
 * rolled-up 0–100 value; in the same pass (the member's row is at hand) the
 * counted members' indicator means go into `means`. A counted member has a
 * complete sheet, so every indicator of the component has the same counted
 * members, summed in member order.
 */
export const componentMatrix = (
  index: EditionIndex,
  table: ScoreTable,
  c: number,
  settings: EditionSettings,
  consensusId: string | null,
  means: IndicatorMeans,
): ComponentMatrix => {
  const { P, M, S, members, slots, assigned, recused } = index;
  const plan = index.plans[c] as ComponentPlan;
  const { start, end } = plan;
  const n = end - start;
  const groups = plan.plan.groups.length;
  const matrix: ComponentMatrix = {
    status: new Int8Array(P * M).fill(NOT_ASSIGNED),
    scored: new Int32Array(P * M),
    value: new Float64Array(P * M).fill(Number.NaN),
    aksiMeans: new Float64Array(plan.levels ? P * M * groups : 0),
  };
  const denominators = new Float64Array(n);
  for (let i = 0; i < n; i++) denominators[i] = (slots[start + i] as Slot).denominator;
  const setAside = new Uint8Array(M);
  for (let m = 0; m < M; m++) setAside[m] = consensusId !== null && (members[m] as Member).id !== consensusId ? 1 : 0;
  const { values, graded } = table;
  const scratch = new Float64Array(n);
  const sums = new Float64Array(n);
  for (let p = 0; p < P; p++) {
    sums.fill(0);
    let counted = 0;
    for (let m = 0; m < M; m++) {
      const cell = p * M + m;
      const at = (c * P + p) * M + m;
      if (!assigned[at]) continue;
      const scored = graded[at] as number;
      matrix.scored[cell] = scored;
      if (recused[cell]) {
        matrix.status[cell] = RECUSED;
        continue;
      }
      if (scored < n || n === 0) {
        matrix.status[cell] = INCOMPLETE;
        continue;
      }
      const base = rowStart(table, cell, S) + start;
      const counts = setAside[m] === 0;
      for (let i = 0; i < n; i++) {
        const raw = values[base + i] as number;
        scratch[i] = (raw / (denominators[i] as number)) * 100;
        if (counts) sums[i] = (sums[i] as number) + raw;
      }
      let value: number | null;
      if (plan.levels) {
        value = rollUpInto(scratch, plan.plan, settings.rollUp, matrix.aksiMeans, cell * groups);
      } else {
        let total = 0;
        for (let i = 0; i < n; i++) total += scratch[i] as number;
        value = total / n;
      }
      matrix.value[cell] = value ?? Number.NaN;
      matrix.status[cell] = counts ? COUNTED : NOT_CONSENSUS;
      if (counts) counted++;
    }
    if (counted > 0) setIndicatorMeans(means, p * S + start, sums, counted, denominators);
  }
  return matrix;
};

const setIndicatorMeans = (
  means: IndicatorMeans,
  first: number,
  sums: Float64Array,
  counted: number,
  denominators: Float64Array,
) => {
  for (let i = 0; i < sums.length; i++) {
    const at = first + i;
    means.raw[at] = (sums[i] as number) / counted;
    means.value[at] = ((sums[i] as number) / counted / (denominators[i] as number)) * 100;
    means.count[at] = counted;
  }
};
