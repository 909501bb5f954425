import { describe, expect, it } from "vitest";
import { buildFeedbackLetters } from "../../src/domain/feedback-letter.ts";
import type { EditionBundle, ScoreBand } from "../../src/domain/types.ts";
import { LETTERS_2021, letterScenario, resultsOf } from "../fixtures/letter-scenario.ts";

const band = (min: number, max: number, label: string): ScoreBand => ({
  min,
  max,
  label: { id: label, en: label },
  descriptor: { id: `${label}: uraian (contoh)`, en: `${label}: descriptor (sample)` },
});

const BANDS = [band(86, 100, "Sangat baik"), band(71, 85, "Baik"), band(56, 70, "Cukup"), band(0, 55, "Kurang")];

/** The letter scenario with score bands on the numeric criterion K1. */
const withBands = (bands: ScoreBand[], grades = LETTERS_2021): EditionBundle => {
  const bundle = letterScenario(2021, grades);
  const components = bundle.rubric.components.map((c) => ({
    ...c,
    indicators: c.indicators.map((i) => (i.code === "K1" ? { ...i, bands } : i)),
  }));
  return { ...bundle, rubric: { ...bundle.rubric, components } };
};

const k1 = (bundle: EditionBundle, participantId: string) => {
  const letter = buildFeedbackLetters({ bundle, results: resultsOf(bundle) }).find(
    (l) => l.participantId === participantId,
  );
  const line = letter?.indicators.find((i) => i.code === "K1");
  if (!line) throw new Error(participantId);
  return line;
};

describe("feedback letter: score bands of a numeric criterion", () => {
  it("gives the band reached by the mean points and the next band as the target", () => {
    const bundle = withBands(BANDS);
    // A: every member gave 80 → 71–85 "Baik"; the target is 86–100 "Sangat baik".
    expect(k1(bundle, "A")).toMatchObject({ points: 80, band: BANDS[1], nextBand: BANDS[0] });
    // B: 70 is the top of 56–70 "Cukup"; one point more reaches "Baik".
    expect(k1(bundle, "B")).toMatchObject({ points: 70, band: BANDS[2], nextBand: BANDS[1] });
    // C: 60 → "Cukup", target "Baik".
    expect(k1(bundle, "C")).toMatchObject({ points: 60, band: BANDS[2], nextBand: BANDS[1] });
  });

  it("at the top band there is no next band", () => {
    // The observer scored 90: "Sangat baik" is already the top.
    expect(k1(withBands(BANDS), "OBS")).toMatchObject({ points: 90, band: BANDS[0], nextBand: null });
  });

  it("a mean between two printed bounds belongs to the lower band (70,67 is still Cukup)", () => {
    const bundle = withBands(BANDS);
    // The three members gave 70, 71, 71 → mean 70,67: above Cukup's printed top, below Baik's bottom.
    let nth = 0;
    const scores = bundle.scores.map((s) =>
      s.participantId === "B" && s.indicatorId === "K1" ? { ...s, points: nth++ === 0 ? 70 : 71 } : s,
    );
    expect(nth).toBe(3);
    const line = k1({ ...bundle, scores }, "B");
    expect(line.points).toBeCloseTo(212 / 3, 9);
    expect(line).toMatchObject({ band: BANDS[2], nextBand: BANDS[1] });
  });

  it("without bands, or for a letter-level indicator, neither is given", () => {
    expect(k1(letterScenario(), "A")).toMatchObject({ band: null, nextBand: null });
    const letter = buildFeedbackLetters({ bundle: withBands(BANDS), results: resultsOf(withBands(BANDS)) })[0];
    expect(letter?.indicators.find((i) => i.code === "1.1")).toMatchObject({ band: null, nextBand: null });
  });
});
