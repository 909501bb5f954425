/*
 * Krippendorff's alpha for one component, on every grade that exists: a
 * recusal or an unfinished sheet removes that member's grades only, so
 * agreement survives the gaps that make ICC and W drop whole districts.
 * Invariant: units are read in participant-id and rubric order and members in
 * id order, so the value does not depend on the order of the input arrays.
 */
import { alphaBand } from "./agreement-bands.ts";
import { krippendorffAlphaFlat } from "./krippendorff.ts";
import type { ComponentAlpha } from "./results.ts";
import { type ComponentPlan, type EditionIndex, rowStart, type ScoreTable } from "./results-index.ts";

export const alphaFor = (c: number, index: EditionIndex, table: ScoreTable): ComponentAlpha => {
  const { P, M, S, assessed, assigned, recused } = index;
  const plan = index.plans[c] as ComponentPlan;
  const n = plan.end - plan.start;
  // Flat ratings in unit order (see FlatReliabilityData): at most every member's grade of every indicator.
  const values = new Float64Array(P * M * n);
  const unitStart = new Int32Array(P * n + 1);
  let units = 0;
  let count = 0;
  let participantsUsed = 0;
  const rows = new Int32Array(M);
  for (let p = 0; p < P; p++) {
    if (!assessed[p]) continue;
    for (let m = 0; m < M; m++) {
      const cell = p * M + m;
      rows[m] = assigned[(c * P + p) * M + m] && !recused[cell] ? rowStart(table, cell, S) : -1;
    }
    let used = false;
    for (let i = plan.start; i < plan.end; i++) {
      const first = count;
      for (let m = 0; m < M; m++) {
        const start = rows[m] as number;
        const v = start < 0 ? Number.NaN : (table.values[start + i] as number);
        if (!Number.isNaN(v)) values[count++] = v;
      }
      const present = count - first;
      if (present >= 2) used = true;
      if (present > 0) unitStart[units++] = first;
    }
    if (used) participantsUsed++;
  }
  unitStart[units] = count;
  const ratings = count;
  const metric = plan.levels ? "ordinal" : "interval";
  const result = krippendorffAlphaFlat(
    { values: values.subarray(0, count), unitStart: unitStart.subarray(0, units + 1) },
    metric,
  );
  if (!result.ok) {
    return {
      metric,
      value: null,
      band: null,
      pairableValues: 0,
      ratings,
      unitsUsed: 0,
      participantsUsed: 0,
      reason: result.reason,
    };
  }
  const { alpha, pairableValues, unitsUsed } = result.value;
  return {
    metric,
    value: alpha,
    band: alphaBand(alpha),
    pairableValues,
    ratings,
    unitsUsed,
    participantsUsed,
    reason: null,
  };
};
