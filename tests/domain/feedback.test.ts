import { describe, expect, it } from "vitest";
import { computeResultsWithFeedback } from "../../src/domain/compute-feedback.ts";
import { levelPosition } from "../../src/domain/feedback.ts";
import { defaultSettings } from "../../src/domain/settings.ts";
import { roundTo } from "../../src/domain/statistics.ts";
import {
  aLevelComponent,
  aMemberOf,
  aNumericComponentOf,
  aParticipantOf,
  aResultsInput,
  aRubricOf,
  aSheetOf,
  assignedTo,
  letterSheet,
  pointsSheet,
  someLevels,
} from "../fixtures/builders.ts";

const LETTERS = defaultSettings().letterValues;
const LEVELS = someLevels();

describe("level reached and target", () => {
  it("takes the nearest level and the next better one as the target", () => {
    const p = levelPosition(3.33, LEVELS, LETTERS);
    expect(p.reached?.letter).toBe("B");
    expect(p.target?.letter).toBe("A");
    expect(p.target?.descriptor).toEqual(LEVELS[0]?.descriptor);
  });

  it("breaks a tie between two levels towards the lower one", () => {
    expect(levelPosition(2.5, LEVELS, LETTERS).reached?.letter).toBe("C");
    expect(levelPosition(2.5 + 1e-12, LEVELS, LETTERS).reached?.letter).toBe("C");
  });

  it("has no target at the top level and nothing when unscored", () => {
    expect(levelPosition(4, LEVELS, LETTERS)).toMatchObject({ reached: { letter: "A" }, target: null });
    expect(levelPosition(null, LEVELS, LETTERS)).toEqual({ reached: null, target: null });
  });
});

describe("feedback end to end", () => {
  const rubric = aRubricOf([
    aLevelComponent("dokumen", [
      ["1.1", 1],
      ["2.1", 2],
    ]),
    aNumericComponentOf("paparan", ["K1"]),
  ]);
  const ids = ["A", "B", "C", "OBS"];
  const grades: Record<string, [string, string]> = { A: ["A", "B"], B: ["B", "B"], C: ["C", "D"], OBS: ["A", "A"] };
  const results = computeResultsWithFeedback(
    aResultsInput({
      rubric,
      participants: ids.map((id) => aParticipantOf(id, id === "OBS" ? { role: "observer" } : {})),
      members: ["m1", "m2"].map((m) => aMemberOf(m, assignedTo(["dokumen", "paparan"], ids))),
      scores: ids.flatMap((id) =>
        ["m1", "m2"].flatMap((m) => [
          ...letterSheet(id, m, "dokumen", { "1.1": grades[id]?.[0] as string, "2.1": grades[id]?.[1] as string }),
          ...pointsSheet(id, m, "paparan", { K1: 70 }),
        ]),
      ),
      sheets: [
        aSheetOf("A", "m1", { strengths: "  Data lokus mutakhir (contoh)  ", recommendations: "" }),
        aSheetOf("A", "m2", { strengths: "", recommendations: "Perkuat peran KPM (contoh)" }),
        aSheetOf("B", "m2", { strengths: "Tidak boleh tampil (contoh)", recused: true }),
      ],
    }),
  );
  const fb = (id: string) => results.feedback.find((f) => f.participantId === id);

  it("gives each level indicator its level, target and cohort median", () => {
    const a = fb("A");
    expect(a?.indicators.map((i) => [i.code, i.meanLetterValue, i.reached?.letter, i.target?.letter ?? null])).toEqual([
      ["1.1", 4, "A", null],
      ["2.1", 3, "B", "A"],
    ]);
    // Cohort of 1.1 is A, B, C (100, 75, 50); the observer is not part of it.
    expect(a?.indicators[0]?.cohortMedian).toBe(75);
    expect(fb("OBS")?.indicators[0]?.cohortMedian).toBe(75);
  });

  it("places each aksi score against the cohort median and a mid-rank percentile", () => {
    expect(fb("B")?.aksi.map((x) => [x.aksi, x.value, x.cohortMedian, x.percentile, x.cohortSize])).toEqual([
      [1, 75, 75, 50, 3],
      [2, 75, 75, 66.66666666666666, 3],
    ]);
    // The observer ties A on aksi 1 (half of one equal) and tops aksi 2.
    expect(fb("OBS")?.aksi.map((x) => roundTo(x.percentile as number, 2))).toEqual([83.33, 100]);
  });

  it("collects non-empty strengths and recommendations, never from a recused member", () => {
    expect(fb("A")?.strengths).toEqual([{ memberId: "m1", text: "Data lokus mutakhir (contoh)" }]);
    expect(fb("A")?.recommendations).toEqual([{ memberId: "m2", text: "Perkuat peran KPM (contoh)" }]);
    expect(fb("B")?.strengths).toEqual([]);
  });
});
