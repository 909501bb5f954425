import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlphaMetric, krippendorffAlpha, unitsFromObservers } from "../../src/domain/krippendorff.ts";
import { roundTo } from "../../src/domain/statistics.ts";
import { KRIPPENDORFF_2011 } from "../fixtures/krippendorff-example.ts";

const OBSERVERS = KRIPPENDORFF_2011;
const UNITS = unitsFromObservers(OBSERVERS);

const alphaOf = (units: (number | null)[][], metric: AlphaMetric) => {
  const result = krippendorffAlpha(units, metric);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe("Krippendorff's alpha: the published worked example", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("%s alpha is %s", (metric, expected) => {
    expect(roundTo(alphaOf(UNITS, metric).alpha, 3)).toBe(expected);
  });

  it("uses the 40 pairable values of the 11 units with two or more ratings (unit 12 has one)", () => {
    const a = alphaOf(UNITS, "interval");
    expect(a.pairableValues).toBe(40);
    expect(a.unitsUsed).toBe(11);
  });
});

describe("Krippendorff's alpha: undefined cases", () => {
  it("grades that never share a unit give no-overlap; no grades at all give too-few-rows", () => {
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        "interval",
      ),
    ).toEqual({ ok: false, reason: "no-overlap" });
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        "ordinal",
      ),
    ).toEqual({ ok: false, reason: "no-overlap" });
    expect(krippendorffAlpha([], "nominal")).toEqual({ ok: false, reason: "too-few-rows" });
  });

  it("a single value everywhere gives no-variance, not 1", () => {
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3, 3],
        ],
        "ordinal",
      ),
    ).toEqual({ ok: false, reason: "no-variance" });
  });
});

const METRICS: AlphaMetric[] = ["nominal", "ordinal", "interval", "ratio"];

const reliabilityData = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 9 }))
  .chain(([observers, units]) =>
    fc.array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 }), {
        minLength: observers,
        maxLength: observers,
      }),
      { minLength: units, maxLength: units },
    ),
  );

const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

describe("Krippendorff's alpha: properties", () => {
  it("does not depend on the order of units or of observers", () => {
    fc.assert(
      fc.property(reliabilityData, fc.integer(), fc.constantFrom(...METRICS), (units, seed, metric) => {
        const before = krippendorffAlpha(units, metric);
        const reordered = shuffle(units, seed).map((unit) => shuffle(unit, seed + 7));
        const after = krippendorffAlpha(reordered, metric);
        expect(after.ok).toBe(before.ok);
        if (before.ok && after.ok) {
          expect(after.value.alpha).toBeCloseTo(before.value.alpha, 9);
          expect(after.value.pairableValues).toBe(before.value.pairableValues);
          expect(after.value.unitsUsed).toBe(before.value.unitsUsed);
        }
      }),
    );
  });

  it("is exactly 1 when every observer agrees on every unit (with gaps) and values vary", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.boolean(), { minLength: 2, maxLength: 5 })), {
          minLength: 2,
          maxLength: 10,
        }),
        fc.constantFrom(...METRICS),
        (rows, metric) => {
          const units = rows.map(([value, present]) => present.map((p, i) => (p || i < 2 ? value : null)));
          const result = krippendorffAlpha(units, metric);
          if (new Set(rows.map(([v]) => v)).size < 2) expect(result).toEqual({ ok: false, reason: "no-variance" });
          else expect(result.ok && result.value.alpha).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it("is at most 1, and every missing rating only removes its own pairs", () => {
    fc.assert(
      fc.property(reliabilityData, fc.constantFrom(...METRICS), (units, metric) => {
        const result = krippendorffAlpha(units, metric);
        if (!result.ok) return;
        expect(result.value.alpha).toBeLessThanOrEqual(1 + 1e-9);
        const pairable = units
          .map((u) => u.filter((v) => v !== null).length)
          .filter((m) => m >= 2)
          .reduce((a, b) => a + b, 0);
        expect(result.value.pairableValues).toBe(pairable);
      }),
    );
  });
});

/** Interval alpha straight from its definition: every ordered pair within a unit, and every ordered pair of pairable values. */
const pairwiseIntervalAlpha = (units: (number | null)[][]): number | null => {
  const pairable = units.map((u) => u.filter((v): v is number => v !== null)).filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  let observed = 0;
  for (const unit of pairable) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) observed += ((unit[i] as number) - (unit[j] as number)) ** 2 / (unit.length - 1);
      }
    }
  }
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expected += ((all[i] as number) - (all[j] as number)) ** 2;
  if (n < 2 || expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
};

describe("Krippendorff's alpha: interval from moments", () => {
  it("equals the pairwise definition, also on wide points scales with fractions", () => {
    const wide = fc.array(
      fc.array(
        fc.option(
          fc.integer({ min: 0, max: 400 }).map((x) => x / 4),
          { nil: null, freq: 4 },
        ),
        {
          minLength: 2,
          maxLength: 12,
        },
      ),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(fc.oneof(reliabilityData, wide), (units) => {
        const expected = pairwiseIntervalAlpha(units);
        const result = krippendorffAlpha(units, "interval");
        if (expected === null) expect(result.ok).toBe(false);
        else expect(result.ok && result.value.alpha).toBeCloseTo(expected, 9);
      }),
    );
  });
});
