import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  intraclassCorrelation,
  interpretIcc,
  kendallW,
  mean,
  median,
  midRankPercentile,
  midRanks,
  populationSd,
  roundTo,
  trimmedMean,
  zScoreNormalise,
} from "../../src/domain/statistics.ts";

// Worked example: rows D1..D4, columns P1..P3.
const PANEL = [
  [90, 60, 78],
  [84, 90, 72],
  [86, 50, 74],
  [80, 70, 70],
];
const P1_P3 = PANEL.map((row) => [row[0] as number, row[2] as number]);

const unwrap = <T>(o: { ok: true; value: T } | { ok: false }): T => {
  if (!o.ok) throw new Error("statistic was null");
  return o.value;
};

describe("roundTo", () => {
  it("rounds half away from zero despite binary floating error", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(84.33333333, 2)).toBe(84.33);
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
  });

  it("handles numbers printed in exponent form and never yields -0", () => {
    expect(roundTo(1e-7, 2)).toBe(0);
    expect(Object.is(roundTo(-1e-7, 2), 0)).toBe(true);
    expect(roundTo(1.23e21, 2)).toBe(1.23e21);
  });
});

describe("descriptive statistics", () => {
  it("mean, median and population SD; empty input is null, not 0", () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(populationSd([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(populationSd([85, 84, 86, 80].map((x) => x))).toBeCloseTo(Math.sqrt(5.1875), 12);
    expect(populationSd([90, 84, 86, 80])).toBeCloseTo(Math.sqrt(13), 12);
  });

  it("trimmed mean (k = 1) of 78, 82, 85, 86, 95 is 84.33", () => {
    const t = trimmedMean([95, 78, 86, 82, 85], 1);
    expect(roundTo(t.value as number, 2)).toBe(84.33);
    expect(t.fellBackToMean).toBe(false);
  });

  it("trimmed mean falls back to the mean when n ≤ 2k, and says so", () => {
    expect(trimmedMean([70, 80], 1)).toEqual({ value: 75, fellBackToMean: true });
    expect(trimmedMean([70, 80, 90], 0)).toEqual({ value: 80, fellBackToMean: false });
  });

  it("mid-ranks share tied positions and report Σ(t³ − t)", () => {
    expect(midRanks([10, 20, 20, 30])).toEqual({ ranks: [1, 2.5, 2.5, 4], tieCorrection: 6 });
  });

  it("mid-rank percentile counts strictly lower plus half of equal", () => {
    expect(midRankPercentile(20, [10, 20, 20, 30], 2)).toBe(50);
    expect(midRankPercentile(30, [10, 20, 20, 30], 2)).toBe(87.5);
    expect(midRankPercentile(5, [10, 20], 2)).toBe(0);
    expect(midRankPercentile(20.001, [20], 2)).toBe(50);
    expect(midRankPercentile(1, [], 2)).toBeNull();
  });
});

describe("worked example: three members, four districts", () => {
  it("raw means are 76.00, 82.00, 70.00, 73.33", () => {
    expect(PANEL.map((row) => roundTo(mean(row) as number, 2))).toEqual([76, 82, 70, 73.33]);
  });

  it("mean per-member z-scores with population SD are 0.80, 0.25, −0.25, −0.80", () => {
    const z = zScoreNormalise(PANEL);
    expect(z.meanZ.map((v) => roundTo(v as number, 2))).toEqual([0.8, 0.25, -0.25, -0.8]);
    expect(z.memberSds.map((v) => roundTo(v as number, 4))).toEqual([3.6056, 14.7902, 2.958]);
    expect(z.grandMean).toBeCloseTo((85 + 67.5 + 73.5) / 3, 12);
  });

  it("ICC(2,1) = −0.095, ICC(2,k) = −0.352, ICC(3,k) = −0.573 (poor)", () => {
    const icc = unwrap(intraclassCorrelation(PANEL));
    expect(roundTo(icc.icc21?.value as number, 3)).toBe(-0.095);
    expect(roundTo(icc.icc2k?.value as number, 3)).toBe(-0.352);
    expect(roundTo(icc.icc3k?.value as number, 3)).toBe(-0.573);
    expect(icc.icc3k?.interpretation).toBe("poor");
  });

  it("Kendall's W = 0.289 with rank sums 5, 7, 8, 10", () => {
    const w = unwrap(kendallW(PANEL));
    expect(roundTo(w.w, 3)).toBe(0.289);
    expect(w.rankSums).toEqual([10, 8, 7, 5]);
    expect([...w.rankSums].sort((a, b) => a - b)).toEqual([5, 7, 8, 10]);
    expect(w.tieCorrected).toBe(false);
  });

  it("with P1 and P3 only: ICC(2,k) = 0.296 and W = 1.0", () => {
    expect(roundTo(unwrap(intraclassCorrelation(P1_P3)).icc2k?.value as number, 3)).toBe(0.296);
    expect(unwrap(kendallW(P1_P3)).w).toBe(1);
  });
});

describe("agreement statistics: edge cases", () => {
  it("is null with a reason for fewer than 2 rows or 2 raters, or no variance", () => {
    expect(intraclassCorrelation([[1, 2]])).toEqual({ ok: false, reason: "too-few-rows" });
    expect(kendallW([[1], [2]])).toEqual({ ok: false, reason: "too-few-raters" });
    expect(intraclassCorrelation([])).toEqual({ ok: false, reason: "too-few-rows" });
    expect(
      intraclassCorrelation([
        [5, 5],
        [5, 5],
      ]),
    ).toEqual({ ok: false, reason: "no-variance" });
    expect(
      kendallW([
        [5, 5],
        [5, 5],
      ]),
    ).toEqual({ ok: false, reason: "no-variance" });
  });

  it("corrects W for ties: two raters with identical tied orderings agree perfectly", () => {
    const w = unwrap(
      kendallW([
        [1, 1],
        [1, 1],
        [2, 2],
      ]),
    );
    expect(w.w).toBeCloseTo(1, 12);
    expect(w.tieCorrected).toBe(true);
  });

  it("leaves a form null when its denominator is not positive instead of reporting a value above 1", () => {
    const icc = unwrap(
      intraclassCorrelation([
        [0, 0, 0, 49, 13],
        [0, 0, 29, 0, 4],
      ]),
    );
    expect(icc.icc2k).toBeNull();
    expect(icc.icc21?.value).toBeLessThan(0);
  });

  it("interprets ICC by Koo & Li (2016)", () => {
    expect([0.49, 0.5, 0.74, 0.75, 0.9, 0.91].map(interpretIcc)).toEqual([
      "poor",
      "moderate",
      "moderate",
      "good",
      "good",
      "excellent",
    ]);
  });
});

const scoreMatrix = (minRows: number, minCols: number) =>
  fc.tuple(fc.integer({ min: minRows, max: 8 }), fc.integer({ min: minCols, max: 6 })).chain(([n, k]) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: k, maxLength: k }), {
      minLength: n,
      maxLength: n,
    }),
  );

describe("agreement statistics: properties", () => {
  it("Kendall's W lies in [0, 1] wherever it is defined", () => {
    fc.assert(
      fc.property(scoreMatrix(2, 2), (matrix) => {
        const w = kendallW(matrix);
        if (w.ok) expect(w.value.w >= 0 && w.value.w <= 1).toBe(true);
      }),
    );
  });

  it("every ICC form is at most 1 wherever it is defined", () => {
    fc.assert(
      fc.property(scoreMatrix(2, 2), (matrix) => {
        const icc = intraclassCorrelation(matrix);
        if (!icc.ok) return;
        for (const v of [icc.value.icc21, icc.value.icc2k, icc.value.icc3k]) {
          if (v) expect(v.value).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
    );
  });

  it("identical raters give W = 1 and ICC = 1", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 10 }), (column) => {
        const matrix = column.map((x) => [x, x, x]);
        expect(unwrap(kendallW(matrix)).w).toBeCloseTo(1, 9);
        expect(unwrap(intraclassCorrelation(matrix)).icc21?.value).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe("z-score normalisation", () => {
  it("adding a constant to one member's scores never changes the order", () => {
    fc.assert(
      fc.property(scoreMatrix(2, 1), fc.nat(), fc.integer({ min: -50, max: 50 }), (matrix, which, shift) => {
        const column = which % (matrix[0] as number[]).length;
        const shifted = matrix.map((row) => row.map((x, j) => (j === column ? x + shift : x)));
        const before = zScoreNormalise(matrix).meanZ as number[];
        const after = zScoreNormalise(shifted).meanZ as number[];
        for (let a = 0; a < before.length; a++) {
          for (let b = 0; b < before.length; b++) {
            const d = (before[a] as number) - (before[b] as number);
            // Pairs equal up to float noise may legitimately swap; only a real difference must keep its sign.
            if (Math.abs(d) > 1e-9) expect(Math.sign((after[a] as number) - (after[b] as number))).toBe(Math.sign(d));
          }
        }
      }),
    );
  });

  it("display values keep the order of mean z", () => {
    const z = zScoreNormalise(PANEL);
    const byZ = [0, 1, 2, 3].sort((a, b) => (z.meanZ[b] as number) - (z.meanZ[a] as number));
    const byDisplay = [0, 1, 2, 3].sort((a, b) => (z.display[b] as number) - (z.display[a] as number));
    expect(byDisplay).toEqual(byZ);
  });

  it("a member who gives everyone the same score contributes z = 0; gaps (NaN) are skipped", () => {
    const z = zScoreNormalise([
      [70, 90],
      [70, Number.NaN],
      [70, 50],
    ]);
    expect(z.memberSds[0]).toBe(0);
    expect(z.meanZ).toEqual([0.5, 0, -0.5]);
  });

  it("basis rows define each member's scale but every row is placed on it", () => {
    const z = zScoreNormalise(
      [
        [60, 60],
        [80, 80],
        [100, 100],
      ],
      (row) => row < 2,
    );
    expect(z.memberMeans).toEqual([70, 70]);
    expect(z.meanZ).toEqual([-1, 1, 3]);
  });
});
