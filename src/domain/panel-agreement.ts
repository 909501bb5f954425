/*
 * How far one component's panel agrees, and which sheets stand out. Both look
 * at every eligible sheet (counted, or set aside by the consensus method), of
 * assessed participants for agreement and of every participant for outliers.
 * Invariant: rows are participants in id order and columns members in id
 * order, so neither statistic depends on the order of the input arrays.
 */
import { type ComponentMatrix, isEligible, NOT_ASSIGNED } from "./panel-matrix.ts";
import type { ComponentAgreement, OutlierFlag } from "./results.ts";
import type { EditionIndex } from "./results-index.ts";
import { type FlatMatrix, intraclassCorrelationOf, kendallWOf } from "./statistics.ts";
import type { Member, Participant } from "./types.ts";

/**
 * Raters are members with an eligible sheet for at least one assessed
 * participant; a row with a gap for any rater is dropped listwise.
 */
export const agreementFor = (
  componentId: string,
  matrix: ComponentMatrix,
  index: EditionIndex,
): Omit<ComponentAgreement, "alpha"> => {
  const { P, M, assessed, participants, members } = index;
  const { status, value } = matrix;
  const raters: number[] = [];
  for (let m = 0; m < M; m++) {
    for (let p = 0; p < P; p++) {
      if (assessed[p] && isEligible(status[p * M + m] as number)) {
        raters.push(m);
        break;
      }
    }
  }
  const R = raters.length;
  const values = new Float64Array(P * R);
  let rows = 0;
  const rowIds: string[] = [];
  let candidateRows = 0;
  for (let p = 0; p < P; p++) {
    if (!assessed[p]) continue;
    let any = false;
    for (let m = 0; m < M; m++) if (status[p * M + m] !== NOT_ASSIGNED) any = true;
    if (!any) continue;
    candidateRows++;
    let all = R > 0;
    for (const m of raters) if (!isEligible(status[p * M + m] as number)) all = false;
    if (!all) continue;
    for (let r = 0; r < R; r++) values[rows * R + r] = value[p * M + (raters[r] as number)] as number;
    rows++;
    rowIds.push((participants[p] as Participant).id);
  }
  const panel: FlatMatrix = { values: values.subarray(0, rows * R), rows, columns: R };
  const icc = intraclassCorrelationOf(panel);
  const w = kendallWOf(panel);
  return {
    componentId,
    raterIds: raters.map((m) => (members[m] as Member).id),
    participantIds: rowIds,
    rowsUsed: rows,
    rowsDropped: candidateRows - rows,
    icc: icc.ok ? icc.value : null,
    kendallW: w.ok ? w.value : null,
    reason: raters.length < 2 ? "too-few-raters" : !icc.ok ? icc.reason : !w.ok ? w.reason : null,
  };
};

/** Appends every eligible sheet further than `threshold` points from the mean of the rest of its panel. */
export const outliersFor = (
  componentId: string,
  matrix: ComponentMatrix,
  index: EditionIndex,
  threshold: number,
  out: OutlierFlag[],
): void => {
  const { P, M, participants, members } = index;
  const { status, value } = matrix;
  for (let p = 0; p < P; p++) {
    let total = 0;
    let count = 0;
    for (let cell = p * M; cell < (p + 1) * M; cell++) {
      if (!isEligible(status[cell] as number)) continue;
      total += value[cell] as number;
      count++;
    }
    if (count < 2) continue;
    for (let m = 0; m < M; m++) {
      const cell = p * M + m;
      if (!isEligible(status[cell] as number)) continue;
      const x = value[cell] as number;
      const othersMean = (total - x) / (count - 1);
      const difference = x - othersMean;
      if (Math.abs(difference) > threshold) {
        out.push({
          participantId: (participants[p] as Participant).id,
          componentId,
          memberId: (members[m] as Member).id,
          value: x,
          othersMean,
          difference,
        });
      }
    }
  }
};
