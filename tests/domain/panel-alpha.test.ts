import { describe, expect, it } from "vitest";
import { alphaBand, kendallWBand } from "../../src/domain/agreement-bands.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import type { ScoreRecord } from "../../src/domain/types.ts";
import { roundTo } from "../../src/domain/statistics.ts";
import {
  aLevelComponent,
  aMemberOf,
  aNumericComponentOf,
  anEdition,
  aParticipantOf,
  aResultsInput,
  aSettings,
  aRubricOf,
  aScoreOf,
  aSheetOf,
  assignedTo,
  someLevels,
} from "../fixtures/builders.ts";
import { KRIPPENDORFF_2011 } from "../fixtures/krippendorff-example.ts";

const OBSERVERS = KRIPPENDORFF_2011;
const MEMBERS = ["m1", "m2", "m3", "m4"];
const DISTRICTS = Array.from({ length: 12 }, (_x, u) => `D${String(u + 1).padStart(2, "0")}`);
const LETTER = ["", "A", "B", "C", "D", "E"];

const panelOf = (scale: "levels" | "numeric") => {
  const component =
    scale === "levels" ? aLevelComponent("dok", [["1.1", 1]], {}) : aNumericComponentOf("pap", ["P1"], {}, 5);
  if (scale === "levels")
    (component.indicators[0] as { levels: unknown }).levels = someLevels(["E", "D", "C", "B", "A"]);
  const scores: ScoreRecord[] = [];

  const sheets = [];
  for (let o = 0; o < 4; o++) {
    for (let u = 0; u < 12; u++) {
      const v = OBSERVERS[o]?.[u] ?? null;
      const participantId = DISTRICTS[u] as string;
      const memberId = MEMBERS[o] as string;
      if (v === null) sheets.push(aSheetOf(participantId, memberId, { recused: true, recusalReason: "konflik" }));
      else
        scores.push(
          aScoreOf({
            participantId,
            memberId,
            componentId: component.id,
            indicatorId: scale === "levels" ? "1.1" : "P1",
            ...(scale === "levels" ? { level: LETTER[v] } : { points: v }),
          }),
        );
    }
  }
  return computeResults(
    aResultsInput({
      edition: anEdition({ settings: aSettings({ letterValues: { A: 1, B: 2, C: 3, D: 4, E: 5 } }) }),
      rubric: aRubricOf([component]),
      participants: DISTRICTS.map((d) => aParticipantOf(d)),
      members: MEMBERS.map((m) => aMemberOf(m, assignedTo([component.id], DISTRICTS))),
      scores,
      sheets,
    }),
  ).agreement[0];
};

describe("component agreement: Krippendorff's alpha beside ICC and W", () => {
  it("letter levels use ordinal alpha on every available grade: 0.815 where ICC keeps 8 of 12 districts", () => {
    const a = panelOf("levels");
    expect(a?.alpha.metric).toBe("ordinal");
    expect(roundTo(a?.alpha.value as number, 3)).toBe(0.815);
    expect(a?.alpha).toMatchObject({ pairableValues: 40, ratings: 41, unitsUsed: 11, participantsUsed: 11 });
    expect(a?.alpha.band).toBe("good");
    // Listwise deletion: only districts every rater scored remain for ICC and W.
    expect(a?.rowsUsed).toBe(8);
    expect(a?.rowsDropped).toBe(4);
  });

  it("numeric criteria use interval alpha: 0.849", () => {
    const a = panelOf("numeric");
    expect(a?.alpha.metric).toBe("interval");
    expect(roundTo(a?.alpha.value as number, 3)).toBe(0.849);
    expect(a?.alpha.band).toBe("good");
  });

  it("says why alpha is missing when nobody overlaps", () => {
    const component = aNumericComponentOf("pap", ["P1"]);
    const a = computeResults(
      aResultsInput({
        rubric: aRubricOf([component]),
        participants: [aParticipantOf("A"), aParticipantOf("B")],
        members: [aMemberOf("m1", assignedTo(["pap"], ["A"])), aMemberOf("m2", assignedTo(["pap"], ["B"]))],
        scores: [
          aScoreOf({ participantId: "A", memberId: "m1", componentId: "pap", indicatorId: "P1", points: 70 }),
          aScoreOf({ participantId: "B", memberId: "m2", componentId: "pap", indicatorId: "P1", points: 90 }),
        ],
      }),
    ).agreement[0];
    expect(a?.alpha).toMatchObject({ value: null, band: null, reason: "no-overlap", ratings: 2, pairableValues: 0 });
  });
});

describe("agreement bands", () => {
  it.each([
    [0.5, "poor"],
    [0.667, "moderate"],
    [0.799, "moderate"],
    [0.8, "good"],
    [0.9, "excellent"],
  ] as const)("alpha %s is %s", (alpha, band) => expect(alphaBand(alpha)).toBe(band));

  it.each([
    [0.29, "poor"],
    [0.3, "moderate"],
    [0.5, "good"],
    [0.7, "excellent"],
  ] as const)("Kendall's W %s is %s", (w, band) => expect(kendallWBand(w)).toBe(band));
});
