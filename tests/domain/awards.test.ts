import { describe, expect, it } from "vitest";
import { bestN, computeAwards, indicatorRule, nominationCount } from "../../src/domain/awards.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import type { RankingGroupResult } from "../../src/domain/results.ts";
import {
  aMemberOf,
  aSettings,
  aNominationOf,
  aNumericComponentOf,
  anEdition,
  aParticipantOf,
  aResultsInput,
  aRubricOf,
  aSheetOf,
  assignedTo,
  pointsSheet,
} from "../fixtures/builders.ts";

const group = (ranks: [string, number][]): RankingGroupResult => ({
  group: "Lokus 2019",
  ranked: ranks.map(([participantId, rank]) => ({
    participantId,
    rank,
    rankBeforeTieBreak: rank,
    roundedTotal: 100 - rank,
    tieBreakValues: [],
    tieBreakApplied: false,
    sharedWith: [],
  })),
  incomplete: [],
  observers: [],
});

describe("best-n", () => {
  it("awards rank ≤ n, and a shared rank can make the list longer than n", () => {
    const award = bestN(
      group([
        ["A", 1],
        ["B", 2],
        ["C", 3],
        ["D", 3],
        ["E", 5],
      ]),
      3,
    );
    expect(award).toEqual({
      kind: "best-n",
      n: 3,
      group: "Lokus 2019",
      winners: [
        { participantId: "A", rank: 1 },
        { participantId: "B", rank: 2 },
        { participantId: "C", rank: 3 },
        { participantId: "D", rank: 3 },
      ],
    });
  });
});

describe("best-n per ranking group", () => {
  const context = {
    assessedIds: [],
    mayNominate: () => true,
    nominations: [],
    knownIndicator: () => true,
    indicatorValues: () => new Map(),
  } as unknown as Parameters<typeof computeAwards>[1];

  it("gives a group of observers only no best-n award, and keeps an empty one for a group not yet complete", () => {
    const observersOnly: RankingGroupResult = {
      group: "Lokus 2021 (peninjau)",
      ranked: [],
      incomplete: [],
      observers: ["AMB"],
    };
    const notComplete: RankingGroupResult = { group: "Lokus 2020", ranked: [], incomplete: ["MBD"], observers: [] };
    const { awards } = computeAwards([{ kind: "best-n", n: 3 }], {
      ...context,
      groups: [group([["A", 1]]), observersOnly, notComplete],
    });
    expect(awards.map((a) => (a.kind === "best-n" ? [a.group, a.winners.length] : null))).toEqual([
      ["Lokus 2019", 1],
      ["Lokus 2020", 0],
    ]);
  });
});

describe("nomination-count", () => {
  const context = {
    assessedIds: ["A", "B", "C"],
    mayNominate: (participantId: string, memberId: string) => !(participantId === "A" && memberId === "m3"),
  };

  it("counts distinct non-recused members, assessed participants only, and shares a top tie", () => {
    const award = nominationCount(
      "inspiratif",
      [
        aNominationOf("A", "m1", "inspiratif", { reason: "Rembuk stunting melibatkan desa (contoh)" }),
        aNominationOf("A", "m3", "inspiratif"),
        aNominationOf("B", "m1", "inspiratif"),
        aNominationOf("B", "m2", "inspiratif", { nominated: false }),
        aNominationOf("C", "m2", "inspiratif"),
        aNominationOf("C", "m2", "inovatif"),
        aNominationOf("OBS", "m1", "inspiratif"),
        aNominationOf("OBS", "m2", "inspiratif"),
      ],
      context,
    );
    expect(award).toMatchObject({
      kind: "nomination-count",
      reason: null,
      tally: [
        { participantId: "A", count: 1 },
        { participantId: "B", count: 1 },
        { participantId: "C", count: 1 },
      ],
    });
    if (award.kind !== "nomination-count") throw new Error("wrong kind");
    expect(award.winners.map((w) => w.participantId)).toEqual(["A", "B", "C"]);
    expect(award.winners[0]?.reasons).toEqual([{ memberId: "m1", reason: "Rembuk stunting melibatkan desa (contoh)" }]);
  });

  it("has no winner when nobody was nominated", () => {
    const award = nominationCount(
      "replikatif",
      [aNominationOf("A", "m1", "replikatif", { nominated: false })],
      context,
    );
    expect(award).toMatchObject({ winners: [], reason: "no-nominations" });
  });
});

describe("indicator-rule", () => {
  const scores: Record<string, Record<string, number>> = {
    A: { x: 80, y: 90 },
    B: { x: 90, y: 80 },
    C: { x: 100 },
  };
  const context = {
    assessedIds: ["A", "B", "C"],
    indicatorScore: (p: string, i: string) => scores[p]?.[i] ?? null,
    precision: 2,
  };

  it("picks the highest mean over the chosen indicators and shares ties", () => {
    const award = indicatorRule("inovatif", ["x", "y"], context);
    expect(award).toMatchObject({
      winners: [
        { participantId: "A", value: 85 },
        { participantId: "B", value: 85 },
      ],
      reason: null,
    });
  });

  it("leaves out a participant missing a chosen indicator, and warns about unknown indicators", () => {
    const { awards, warnings } = computeAwards(
      [{ kind: "indicator-rule", category: "inovatif", indicatorIds: ["x", "z"] }],
      {
        ...context,
        groups: [],
        nominations: [],
        mayNominate: () => true,
        knownIndicator: (id) => id !== "z",
      },
    );
    expect(awards[0]).toMatchObject({ indicatorIds: ["x"], winners: [{ participantId: "C", value: 100 }] });
    expect(warnings.map((w) => [w.code, w.indicatorId])).toEqual([["award-indicator-unknown", "z"]]);
  });
});

describe("awards end to end", () => {
  it("gives best-3 per group, never to an observer, and excludes a recused member's nomination", () => {
    const ids = ["A", "B", "C", "D", "OBS"];
    const results = computeResults(
      aResultsInput({
        edition: anEdition({
          settings: aSettings({
            awards: [
              { kind: "best-n", n: 3 },
              { kind: "nomination-count", category: "inspiratif" },
            ],
          }),
        }),
        rubric: aRubricOf([aNumericComponentOf("paparan", ["K1"])]),
        participants: ids.map((id) => aParticipantOf(id, id === "OBS" ? { role: "observer" } : {})),
        members: ["m1", "m2"].map((m) => aMemberOf(m, assignedTo(["paparan"], ids))),
        scores: ids.flatMap((id, i) => ["m1", "m2"].flatMap((m) => pointsSheet(id, m, "paparan", { K1: 90 - i * 5 }))),
        sheets: [aSheetOf("D", "m2", { recused: true })],
        nominations: [
          aNominationOf("D", "m2", "inspiratif"),
          aNominationOf("OBS", "m1", "inspiratif"),
          aNominationOf("OBS", "m2", "inspiratif"),
          aNominationOf("B", "m1", "inspiratif"),
        ],
      }),
    );
    expect(results.awards).toHaveLength(2);
    expect(results.awards[0]).toMatchObject({
      kind: "best-n",
      winners: [{ participantId: "A" }, { participantId: "B" }, { participantId: "C" }],
    });
    expect(results.awards[1]).toMatchObject({ kind: "nomination-count", winners: [{ participantId: "B", count: 1 }] });
  });
});
