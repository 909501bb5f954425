/*
 * One component's panel matrix: for every (participant, member) cell, whether
 * the member's sheet counts and its rolled-up 0–100 value. Invariant: only a
 * complete, non-recused sheet of an assigned member has a value (NaN
 * otherwise), so every later phase can treat status COUNTED as "has a full
 * row in the score table".
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

/** One component's panel: each assigned member's status, indicators scored and rolled-up 0–100 value. */
export const componentMatrix = (
  index: EditionIndex,
  table: ScoreTable,
  c: number,
  settings: EditionSettings,
  consensusId: string | null,
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
  const values = table.values;
  const scratch = new Float64Array(n);
  for (let p = 0; p < P; p++) {
    for (let m = 0; m < M; m++) {
      const cell = p * M + m;
      if (!assigned[(c * P + p) * M + m]) continue;
      const base = rowStart(table, cell, S);
      let scored = 0;
      if (base >= 0) for (let i = start; i < end; i++) if (!Number.isNaN(values[base + i] as number)) scored++;
      matrix.scored[cell] = scored;
      if (recused[cell]) {
        matrix.status[cell] = RECUSED;
        continue;
      }
      if (scored < n || n === 0 || base < 0) {
        matrix.status[cell] = INCOMPLETE;
        continue;
      }
      for (let i = 0; i < n; i++)
        scratch[i] = ((values[base + start + i] as number) / (denominators[i] as number)) * 100;
      let value: number | null;
      if (plan.levels) {
        value = rollUpInto(scratch, plan.plan, settings.rollUp, matrix.aksiMeans, cell * groups);
      } else {
        let total = 0;
        for (let i = 0; i < n; i++) total += scratch[i] as number;
        value = total / n;
      }
      matrix.value[cell] = value ?? Number.NaN;
      matrix.status[cell] = setAside[m] ? NOT_CONSENSUS : COUNTED;
    }
  }
  return matrix;
};
