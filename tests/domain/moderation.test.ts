import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { middleHalf } from "../../src/domain/chart-scale.ts";
import { moderationItems } from "../../src/domain/moderation.ts";
import type { ComponentAgreement, OutlierFlag } from "../../src/domain/results.ts";

const outlier = (participantId: string, difference: number): OutlierFlag => ({
  participantId,
  componentId: "pap",
  memberId: "m1",
  value: 50 + difference,
  othersMean: 50,
  difference,
});

const agreement = (componentId: string, alpha: number | null, band: ComponentAgreement["alpha"]["band"]) =>
  ({
    componentId,
    alpha: {
      metric: "ordinal",
      value: alpha,
      band,
      pairableValues: 10,
      ratings: 10,
      unitsUsed: 5,
      participantsUsed: 5,
      reason: alpha === null ? "no-variance" : null,
    },
  }) as ComponentAgreement;

describe("moderation list", () => {
  it("lists outliers by distance, then low-agreement components worst first; good agreement is left out", () => {
    const items = moderationItems({
      outliers: [outlier("A", 21), outlier("B", -30), outlier("C", 25)],
      agreement: [
        agreement("dok", 0.7, "moderate"),
        agreement("pap", 0.95, "excellent"),
        agreement("pam", 0.3, "poor"),
        agreement("vid", null, null),
      ],
    });
    expect(items.map((i) => (i.kind === "outlier" ? i.participantId : i.componentId))).toEqual([
      "B",
      "C",
      "A",
      "vid",
      "pam",
      "dok",
    ]);
  });
});

describe("middle half for the dot plot", () => {
  it("gives quartiles by linear interpolation and the feedback's median", () => {
    expect(middleHalf([10, 20, 30, 40, null])).toEqual({ q1: 17.5, median: 25, q3: 32.5, min: 10, max: 40 });
    expect(middleHalf([null])).toBeNull();
  });

  it("keeps q1 ≤ median ≤ q3 within the range", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const m = middleHalf(values);
        expect(m).not.toBeNull();
        if (!m) return;
        expect(m.min <= m.q1 && m.q1 <= m.median && m.median <= m.q3 && m.q3 <= m.max).toBe(true);
      }),
    );
  });
});
