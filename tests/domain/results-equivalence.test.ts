/*
 * The scoring engine's fast paths against straightforward references on random
 * small inputs. The engine indexes scores into typed tables, sorts natively and
 * sums each member's row once; these references do the same arithmetic the
 * obvious way (maps, comparators, one value at a time) in the same order, so
 * the two must agree to the last bit, not just approximately.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeResults } from "../../src/domain/compute-results.ts";
import {
  intraclassCorrelation,
  kendallW,
  type Matrix,
  midRanks,
  type TwoWayAnova,
  twoWayAnova,
} from "../../src/domain/statistics.ts";
import type { AksiNumber, RollUp, ScoreRecord, SheetRecord } from "../../src/domain/types.ts";
import {
  aLevelComponent,
  aSettings,
  aMemberOf,
  aNumericComponentOf,
  anEdition,
  aParticipantOf,
  aResultsInput,
  aRubricOf,
  aSheetOf,
  assignedTo,
  letterSheet,
  pointsSheet,
} from "../fixtures/builders.ts";

const nearlyEqual = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The textbook form: sort indices with a comparator and walk the tie runs. Deliberately a copy of
 * statistics.ts's comparator path written apart from it: a reference must not share the code it checks.
 */
const referenceMidRanks = (values: readonly number[]) => {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let tieCorrection = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (
      end < order.length &&
      nearlyEqual(values[order[end] as number] as number, values[order[start] as number] as number)
    )
      end++;
    for (let i = start; i < end; i++) ranks[order[i] as number] = (start + 1 + end) / 2;
    tieCorrection += (end - start) ** 3 - (end - start);
    start = end;
  }
  return { ranks, tieCorrection };
};

const referenceAnova = (matrix: Matrix): TwoWayAnova => {
  const n = matrix.length;
  const k = (matrix[0] as readonly number[]).length;
  let grand = 0;
  const rowSums = matrix.map(() => 0);
  const columnSums = (matrix[0] as readonly number[]).map(() => 0);
  matrix.forEach((row, i) => {
    row.forEach((x, j) => {
      grand += x;
      rowSums[i] = (rowSums[i] as number) + x;
      columnSums[j] = (columnSums[j] as number) + x;
    });
  });
  const grandMean = grand / (n * k);
  const ssRows = rowSums.reduce((s, r) => s + k * (r / k - grandMean) ** 2, 0);
  const ssColumns = columnSums.reduce((s, c) => s + n * (c / n - grandMean) ** 2, 0);
  let ssTotal = 0;
  for (const row of matrix) for (const x of row) ssTotal += (x - grandMean) ** 2;
  return {
    n,
    k,
    msRows: ssRows / (n - 1),
    msColumns: ssColumns / (k - 1),
    msError: (ssTotal - ssRows - ssColumns) / ((n - 1) * (k - 1)),
  };
};

const referenceKendallRankSums = (matrix: Matrix) => {
  const sums = matrix.map(() => 0);
  let ties = 0;
  for (let j = 0; j < (matrix[0] as readonly number[]).length; j++) {
    const { ranks, tieCorrection } = referenceMidRanks(matrix.map((row) => row[j] as number));
    ranks.forEach((r, i) => {
      sums[i] = (sums[i] as number) + r;
    });
    ties += tieCorrection;
  }
  return { sums, ties };
};

/** Scores with many exact ties and near-ties (float noise), as rolled-up panels produce. */
const panelValue = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map((x) => x * 12.5),
  fc.integer({ min: 0, max: 8 }).map((x) => x * 12.5 + 1e-12),
  fc.constant(-0),
  fc.double({ min: -100, max: 100, noNaN: true }),
);

describe("statistics fast paths match the textbook forms", () => {
  it("mid-ranks by native sort and binary search equal mid-ranks by comparator", () => {
    fc.assert(
      fc.property(fc.array(panelValue, { maxLength: 40 }), (values) => {
        expect(midRanks(values)).toEqual(referenceMidRanks(values));
      }),
      { numRuns: 300 },
    );
  });

  it("mid-ranks of input with NaN still follow the comparator", () => {
    const values = [3, Number.NaN, 1, 3, Number.NaN, 2];
    expect(midRanks(values)).toEqual(referenceMidRanks(values));
  });

  it("two-way ANOVA, ICC and Kendall's W over the flattened matrix equal the row-by-row forms", () => {
    const matrix = fc
      .record({ rows: fc.integer({ min: 2, max: 12 }), columns: fc.integer({ min: 2, max: 6 }) })
      .chain(({ rows, columns }) =>
        fc.array(fc.array(panelValue, { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(matrix, (m) => {
        const anova = referenceAnova(m);
        expect(twoWayAnova(m)).toEqual(anova);
        const icc = intraclassCorrelation(m);
        if (icc.ok && icc.value.icc3k)
          expect(icc.value.icc3k.value).toBe((anova.msRows - anova.msError) / anova.msRows);
        const w = kendallW(m);
        const { sums, ties } = referenceKendallRankSums(m);
        if (w.ok) {
          expect(w.value.rankSums).toEqual(sums);
          expect(w.value.tieCorrected).toBe(ties > 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("computeResults matches a direct recomputation from the score records", () => {
  const rubric = aRubricOf([
    aLevelComponent(
      "dokumen",
      [
        ["1.1", 1],
        ["1.2", 1],
        ["2.1", 2],
        ["x.1", null],
      ],
      { weight: 3 },
    ),
    aNumericComponentOf("paparan", ["K1", "K2", "K3"], { weight: 2 }),
  ]);
  const dokumen = rubric.components[0]?.indicators ?? [];
  const paparan = rubric.components[1]?.indicators ?? [];
  const letterValue: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };

  /** Per member: a full sheet, a partial one (one indicator missing), or nothing, and an optional recusal. */
  const world = fc.record({
    nParticipants: fc.integer({ min: 1, max: 5 }),
    nMembers: fc.integer({ min: 1, max: 5 }),
    rollUp: fc.constantFrom<RollUp>("per-aksi", "per-indicator"),
    cells: fc.array(
      fc.record({
        sheet: fc.constantFrom("full", "full", "full", "partial", "none"),
        recused: fc.boolean(),
        letters: fc.array(fc.constantFrom("A", "B", "C", "D"), { minLength: 4, maxLength: 4 }),
        points: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 25, maxLength: 25 },
    ),
    reversed: fc.boolean(),
  });

  it("indicator means, member values, combined scores and totals are the same floats", () => {
    fc.assert(
      fc.property(world, ({ nParticipants, nMembers, rollUp, cells, reversed }) => {
        const pids = Array.from({ length: nParticipants }, (_, i) => `p${i}`);
        const mids = Array.from({ length: nMembers }, (_, i) => `m${i}`);
        const members = mids.map((id) => aMemberOf(id, assignedTo(["dokumen", "paparan"], pids)));
        const scores: ScoreRecord[] = [];
        const sheets: SheetRecord[] = [];
        const cellOf = (p: number, m: number) => cells[(p * nMembers + m) % cells.length] as (typeof cells)[number];
        for (let p = 0; p < nParticipants; p++) {
          for (let m = 0; m < nMembers; m++) {
            const cell = cellOf(p, m);
            if (cell.recused && (p + m) % 3 === 0)
              sheets.push(aSheetOf(pids[p] as string, mids[m] as string, { recused: true }));
            if (cell.sheet === "none") continue;
            const keep = cell.sheet === "full" ? 4 : 3;
            const grades = Object.fromEntries(
              dokumen.slice(0, keep).map((ind, i) => [ind.id, cell.letters[i] as string]),
            );
            scores.push(...letterSheet(pids[p] as string, mids[m] as string, "dokumen", grades));
            const points = Object.fromEntries(paparan.map((ind, i) => [ind.id, cell.points[i] as number]));
            scores.push(...pointsSheet(pids[p] as string, mids[m] as string, "paparan", points));
          }
        }
        if (reversed) scores.reverse();
        const edition = anEdition({ settings: aSettings({ rollUp }) });
        const results = computeResults(
          aResultsInput({
            edition,
            rubric,
            participants: pids.map((id) => aParticipantOf(id)),
            members,
            scores,
            sheets,
          }),
        );

        const grade = (p: string, m: string, indicatorId: string): number | undefined => {
          const s = scores.find((r) => r.participantId === p && r.memberId === m && r.indicatorId === indicatorId);
          if (!s) return undefined;
          return s.level !== null ? letterValue[s.level] : (s.points ?? undefined);
        };
        const isRecused = (p: string, m: string) => sheets.some((s) => s.participantId === p && s.memberId === m);
        for (const result of results.participants) {
          const p = result.participantId;
          const parts: { weight: number; value: number | null }[] = [];
          for (const [c, indicators, denominator] of [
            ["dokumen", dokumen, 4],
            ["paparan", paparan, 100],
          ] as const) {
            const counted = mids.filter(
              (m) => !isRecused(p, m) && indicators.every((ind) => grade(p, m, ind.id) !== undefined),
            );
            const memberValue = (m: string): number => {
              const scaled = indicators.map((ind) => ((grade(p, m, ind.id) as number) / denominator) * 100);
              if (c === "paparan" || rollUp === "per-indicator") {
                let total = 0;
                for (const x of scaled) total += x;
                return total / scaled.length;
              }
              const groups = new Map<AksiNumber | null, number[]>();
              indicators.forEach((ind, i) => {
                const group = groups.get(ind.aksi);
                if (group) group.push(scaled[i] as number);
                else groups.set(ind.aksi, [scaled[i] as number]);
              });
              let meanOfMeans = 0;
              for (const xs of groups.values()) {
                let sum = 0;
                for (const x of xs) sum += x;
                meanOfMeans += sum / xs.length;
              }
              return meanOfMeans / groups.size;
            };
            const component = result.components.find((r) => r.componentId === c);
            expect(component?.countedMemberIds).toEqual(counted);
            for (const ms of component?.members ?? []) {
              if (ms.status === "counted") expect(ms.value).toBe(memberValue(ms.memberId));
            }
            let total = 0;
            for (const m of counted) total += memberValue(m);
            const combined = counted.length > 0 ? total / counted.length : null;
            expect(component?.value).toBe(combined);
            parts.push({ weight: c === "dokumen" ? 3 : 2, value: combined });
            for (const ind of indicators) {
              let raw = 0;
              for (const m of counted) raw += grade(p, m, ind.id) as number;
              const indicator = result.indicators.find((r) => r.indicatorId === ind.id);
              expect(indicator?.countedMembers).toBe(counted.length);
              expect(indicator?.rawMean).toBe(counted.length > 0 ? raw / counted.length : null);
              expect(indicator?.value).toBe(counted.length > 0 ? (raw / counted.length / denominator) * 100 : null);
            }
          }
          const complete = parts.every((x) => x.value !== null);
          let weighted = 0;
          let weights = 0;
          for (const x of parts) {
            weights += x.weight;
            weighted += x.weight * (x.value ?? 0);
          }
          expect(result.total).toBe(complete ? weighted / weights : null);
        }
      }),
      { numRuns: 150 },
    );
  });
});
