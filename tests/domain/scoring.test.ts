import { describe, expect, it } from "vitest";
import {
  combineValues,
  criterionScore,
  letterScore,
  maxLetterValue,
  rollUpLevels,
  weightedTotal,
} from "../../src/domain/scoring.ts";
import { defaultSettings } from "../../src/domain/settings.ts";
import { mean, roundTo } from "../../src/domain/statistics.ts";
import type { AksiNumber } from "../../src/domain/types.ts";

const LETTERS = defaultSettings().letterValues;

describe("grade scaling", () => {
  it("scales a letter x-over-max: A=4…D=1 gives 100, 75, 50, 25", () => {
    expect(maxLetterValue(LETTERS)).toBe(4);
    expect(["A", "B", "C", "D"].map((l) => letterScore(l, LETTERS))).toEqual([100, 75, 50, 25]);
    expect(letterScore("E", LETTERS)).toBeNull();
  });

  it("scales points over maxPoints, 100 by default", () => {
    expect(criterionScore(80, undefined)).toBe(80);
    expect(criterionScore(8, 10)).toBe(80);
  });
});

describe("roll-up: worked example with three members", () => {
  // Indicators 1.1 (A, A, B), 1.2 (B, B, C), 2.1 (A, B, B), 3.1 (C, B, B).
  const aksiOf: AksiNumber[] = [1, 1, 2, 3];
  const grades = [
    ["A", "A", "B"],
    ["B", "B", "C"],
    ["A", "B", "B"],
    ["C", "B", "B"],
  ];
  const memberScores = [0, 1, 2].map((m) => grades.map((row) => letterScore(row[m] as string, LETTERS) as number));

  it("equal per aksi gives 76.39", () => {
    const perMember = memberScores.map((s) => rollUpLevels(s, aksiOf, "per-aksi") as number);
    expect(roundTo(mean(perMember) as number, 2)).toBe(76.39);
  });

  it("equal per indicator gives 77.08", () => {
    const perMember = memberScores.map((s) => rollUpLevels(s, aksiOf, "per-indicator") as number);
    expect(roundTo(mean(perMember) as number, 2)).toBe(77.08);
  });

  it("indicators without an aksi form their own group rather than vanishing", () => {
    expect(rollUpLevels([100, 50, 0], [1, null, null], "per-aksi")).toBe(62.5);
  });
});

describe("combining members", () => {
  it("trimmed mean (k = 1) of 78, 82, 85, 86, 95 is 84.33", () => {
    const c = combineValues([78, 82, 85, 86, 95], { method: "trimmed-mean", k: 1 });
    expect(roundTo(c.value as number, 2)).toBe(84.33);
  });

  it("a gap is absent, not zero: the mean is over the values present", () => {
    expect(combineValues([80, 90], { method: "mean" }).value).toBe(85);
    expect(combineValues([], { method: "mean" }).value).toBeNull();
  });
});

describe("weighted total", () => {
  const total = (docReview: number, paparan: number[], pameran: number[]) =>
    weightedTotal([
      { componentId: "dokumen", weight: 60, value: docReview },
      { componentId: "paparan", weight: 20, value: mean(paparan) },
      { componentId: "pameran", weight: 20, value: mean(pameran) },
    ]);

  it("weights 60/20/20: Bima 81.60", () => {
    expect(roundTo(total(85, [80, 76, 84, 80], [72, 74, 70, 76]).value as number, 2)).toBe(81.6);
  });

  it("weights 60/20/20: Lombok Barat 81.30", () => {
    expect(roundTo(total(82.5, [85, 78, 90, 80], [75, 80, 70, 78]).value as number, 2)).toBe(81.3);
  });

  it("normalises weights by their sum: 0.6/0.2/0.2 agrees with 60/20/20", () => {
    const a = weightedTotal([
      { componentId: "a", weight: 0.6, value: 85 },
      { componentId: "b", weight: 0.2, value: 80 },
      { componentId: "c", weight: 0.2, value: 73 },
    ]);
    expect(roundTo(a.value as number, 2)).toBe(81.6);
  });

  it("is null with the missing components when one has no score", () => {
    expect(
      weightedTotal([
        { componentId: "a", weight: 60, value: 85 },
        { componentId: "b", weight: 40, value: null },
      ]),
    ).toEqual({ value: null, missing: ["b"], reason: "component-missing" });
  });

  it("ignores a zero-weight component, and reports a total weight of zero", () => {
    expect(
      weightedTotal([
        { componentId: "a", weight: 1, value: 70 },
        { componentId: "b", weight: 0, value: null },
      ]).value,
    ).toBe(70);
    expect(weightedTotal([{ componentId: "a", weight: 0, value: 70 }]).reason).toBe("zero-total-weight");
  });
});
