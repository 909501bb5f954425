import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeResults } from "../../src/domain/compute-results.ts";
import type { ParticipantResult, Results } from "../../src/domain/results.ts";
import { roundTo } from "../../src/domain/statistics.ts";
import type { CombineMethod, ScoreRecord, TieBreakKey } from "../../src/domain/types.ts";
import {
  aLevelComponent,
  aSettings,
  aMemberOf,
  aNumericComponentOf,
  anEdition,
  aParticipantOf,
  aResultsInput,
  aRubricOf,
  aScoreOf,
  aSheetOf,
  assignedTo,
  letterSheet,
  pointsSheet,
} from "../fixtures/builders.ts";

const participant = (results: Results, id: string): ParticipantResult => {
  const p = results.participants.find((r) => r.participantId === id);
  if (!p) throw new Error(`no result for ${id}`);
  return p;
};

const componentValue = (results: Results, participantId: string, componentId: string) =>
  participant(results, participantId).components.find((c) => c.componentId === componentId)?.value ?? null;

describe("weighted total end to end: weights 60/20/20", () => {
  const rubric = aRubricOf([
    aNumericComponentOf("dokumen", ["D1"], { weight: 60, team: "technical" }),
    aNumericComponentOf("paparan", ["P1"], { weight: 20 }),
    aNumericComponentOf("pameran", ["E1"], { weight: 20 }),
  ]);
  const districts = ["5206", "5201"];
  const panel = ["m1", "m2", "m3", "m4"];
  const input = aResultsInput({
    rubric,
    participants: [aParticipantOf("5206", { name: "Bima" }), aParticipantOf("5201", { name: "Lombok Barat" })],
    members: [
      aMemberOf("tech", assignedTo(["dokumen"], districts), { role: "technical" }),
      ...panel.map((m) => aMemberOf(m, assignedTo(["paparan", "pameran"], districts))),
    ],
    scores: [
      ...pointsSheet("5206", "tech", "dokumen", { D1: 85 }),
      ...pointsSheet("5201", "tech", "dokumen", { D1: 82.5 }),
      ...[80, 76, 84, 80].flatMap((x, i) => pointsSheet("5206", panel[i] as string, "paparan", { P1: x })),
      ...[72, 74, 70, 76].flatMap((x, i) => pointsSheet("5206", panel[i] as string, "pameran", { E1: x })),
      ...[85, 78, 90, 80].flatMap((x, i) => pointsSheet("5201", panel[i] as string, "paparan", { P1: x })),
      ...[75, 80, 70, 78].flatMap((x, i) => pointsSheet("5201", panel[i] as string, "pameran", { E1: x })),
    ],
  });
  const results = computeResults(input);

  it("gives Bima 81.60 and Lombok Barat 81.30, Bima first", () => {
    expect(roundTo(participant(results, "5206").total as number, 2)).toBe(81.6);
    expect(roundTo(participant(results, "5201").total as number, 2)).toBe(81.3);
    expect(participant(results, "5206").roundedTotal).toBe(81.6);
    expect(results.groups[0]?.ranked.map((r) => [r.participantId, r.rank])).toEqual([
      ["5206", 1],
      ["5201", 2],
    ]);
  });

  it("keeps per-member component scores next to the combined one", () => {
    const paparan = participant(results, "5206").components.find((c) => c.componentId === "paparan");
    expect(paparan?.value).toBe(80);
    expect(paparan?.members.map((m) => [m.memberId, m.value, m.status])).toEqual([
      ["m1", 80, "counted"],
      ["m2", 76, "counted"],
      ["m3", 84, "counted"],
      ["m4", 80, "counted"],
    ]);
    expect(participant(results, "5206").completeness).toEqual({ scored: 9, expected: 9, complete: true });
  });

  it("echoes the settings in force", () => {
    expect(results.settings).toEqual(input.edition.settings);
    expect(results.rubricId).toBe(rubric.id);
    expect(results.warnings).toEqual([]);
    expect(results.needsReview).toEqual([]);
  });
});

describe("roll-up end to end: letters A=4…D=1, three members", () => {
  const grades: Record<string, [string, string, string]> = {
    "1.1": ["A", "A", "B"],
    "1.2": ["B", "B", "C"],
    "2.1": ["A", "B", "B"],
    "3.1": ["C", "B", "B"],
  };
  const rubric = aRubricOf([
    aLevelComponent("dokumen", [
      ["1.1", 1],
      ["1.2", 1],
      ["2.1", 2],
      ["3.1", 3],
    ]),
  ]);
  const members = ["m1", "m2", "m3"];
  const scores = members.flatMap((m, i) =>
    letterSheet(
      "5203",
      m,
      "dokumen",
      Object.fromEntries(Object.entries(grades).map(([id, letters]) => [id, letters[i] as string])),
    ),
  );
  const run = (rollUp: "per-aksi" | "per-indicator") =>
    computeResults(
      aResultsInput({
        edition: anEdition({ settings: aSettings({ rollUp }) }),
        rubric,
        participants: [aParticipantOf("5203")],
        members: members.map((m) => aMemberOf(m, assignedTo(["dokumen"], ["5203"]))),
        scores,
      }),
    );

  it("equal per aksi gives 76.39", () => {
    expect(roundTo(participant(run("per-aksi"), "5203").total as number, 2)).toBe(76.39);
  });

  it("equal per indicator gives 77.08", () => {
    expect(roundTo(participant(run("per-indicator"), "5203").total as number, 2)).toBe(77.08);
  });

  it("reports aksi sub-scores and indicator means", () => {
    const r = participant(run("per-aksi"), "5203");
    expect(r.aksi.map((a) => [a.aksi, roundTo(a.value as number, 2)])).toEqual([
      [1, 79.17],
      [2, 83.33],
      [3, 66.67],
    ]);
    const i11 = r.indicators.find((i) => i.indicatorId === "1.1");
    expect(roundTo(i11?.rawMean as number, 4)).toBe(3.6667);
    expect(roundTo(i11?.value as number, 2)).toBe(91.67);
  });
});

describe("the three-member, four-district example end to end", () => {
  const totals: Record<string, [number, number, number]> = {
    D1: [90, 60, 78],
    D2: [84, 90, 72],
    D3: [86, 50, 74],
    D4: [80, 70, 70],
  };
  const districts = Object.keys(totals);
  const panel = ["P1", "P2", "P3"];
  const run = (combine: CombineMethod, memberIds = panel) =>
    computeResults(
      aResultsInput({
        edition: anEdition({ settings: aSettings({ combine }) }),
        rubric: aRubricOf([aNumericComponentOf("paparan", ["K1"])]),
        participants: districts.map((d) => aParticipantOf(d)),
        members: memberIds.map((m) => aMemberOf(m, assignedTo(["paparan"], districts))),
        scores: districts.flatMap((d) =>
          memberIds.map((m) =>
            aScoreOf({
              participantId: d,
              memberId: m,
              componentId: "paparan",
              indicatorId: "K1",
              points: (totals[d] as number[])[panel.indexOf(m)] as number,
            }),
          ),
        ),
      }),
    );

  it("ranks the raw means 82.00, 76.00, 73.33, 70.00 with D2 first", () => {
    const results = run({ method: "mean" });
    expect(results.groups[0]?.ranked.map((r) => [r.participantId, r.roundedTotal])).toEqual([
      ["D2", 82],
      ["D1", 76],
      ["D4", 73.33],
      ["D3", 70],
    ]);
  });

  it("z-score combination gives mean z 0.80, 0.25, −0.25, −0.80 and puts D1 first", () => {
    const results = run({ method: "z-score" });
    const meanZ = districts.map((d) => roundTo(participant(results, d).components[0]?.meanZ as number, 2));
    expect(meanZ).toEqual([0.8, 0.25, -0.25, -0.8]);
    expect(results.groups[0]?.ranked.map((r) => r.participantId)).toEqual(["D1", "D2", "D3", "D4"]);
    expect(results.normalisation[0]?.members.map((m) => m.n)).toEqual([4, 4, 4]);
  });

  it("reports agreement: ICC(2,1) −0.095, ICC(2,k) −0.352, ICC(3,k) −0.573 (poor), W 0.289", () => {
    const a = run({ method: "mean" }).agreement[0];
    expect(a?.rowsUsed).toBe(4);
    expect(roundTo(a?.icc?.icc21?.value as number, 3)).toBe(-0.095);
    expect(roundTo(a?.icc?.icc2k?.value as number, 3)).toBe(-0.352);
    expect(roundTo(a?.icc?.icc3k?.value as number, 3)).toBe(-0.573);
    expect(a?.icc?.icc3k?.interpretation).toBe("poor");
    expect(roundTo(a?.kendallW?.w as number, 3)).toBe(0.289);
  });

  it("with P1 and P3 only: ICC(2,k) = 0.296 and W = 1.0", () => {
    const a = run({ method: "mean" }, ["P1", "P3"]).agreement[0];
    expect(roundTo(a?.icc?.icc2k?.value as number, 3)).toBe(0.296);
    expect(a?.kendallW?.w).toBe(1);
  });

  it("flags a member further than the threshold from the rest of the panel", () => {
    const outliers = run({ method: "mean" }).outliers;
    // D2: P2 gave 90 against 78 from the others (12 points): not flagged at the default 20.
    expect(outliers.map((o) => [o.participantId, o.memberId, roundTo(o.difference, 2)])).toEqual([
      ["D1", "P1", 21],
      ["D1", "P2", -24],
      ["D3", "P1", 24],
      ["D3", "P2", -30],
    ]);
    expect(outliers[1]).toMatchObject({ value: 60, othersMean: 84, componentId: "paparan" });
  });
});

describe("gaps: recusal and partial sheets", () => {
  const rubric = aRubricOf([aNumericComponentOf("paparan", ["K1", "K2"])]);
  const base = {
    rubric,
    participants: [aParticipantOf("A"), aParticipantOf("B")],
    members: ["m1", "m2", "m3"].map((m) => aMemberOf(m, assignedTo(["paparan"], ["A", "B"]))),
  };
  const full = (p: string, m: string, x: number) => pointsSheet(p, m, "paparan", { K1: x, K2: x });

  it("a recused member's cell is missing, not zero: they do not drag the mean", () => {
    const results = computeResults(
      aResultsInput({
        ...base,
        // m3 graded A with 0 before declaring the conflict; the recusal must win.
        scores: [...full("A", "m1", 80), ...full("A", "m2", 90), ...full("A", "m3", 0)],
        sheets: [aSheetOf("A", "m3", { recused: true, recusalReason: "berasal dari kabupaten ini" })],
      }),
    );
    const c = participant(results, "A").components[0];
    expect(c?.value).toBe(85);
    expect(c?.countedMemberIds).toEqual(["m1", "m2"]);
    expect(c?.members.find((m) => m.memberId === "m3")).toMatchObject({ status: "recused", value: null });
    expect(participant(results, "A").completeness).toEqual({ scored: 4, expected: 4, complete: true });
    expect(results.outliers).toEqual([]);
  });

  it("a partial sheet is excluded from the combined score and reported", () => {
    const results = computeResults(
      aResultsInput({
        ...base,
        scores: [...full("A", "m1", 80), ...full("A", "m2", 90), ...pointsSheet("A", "m3", "paparan", { K1: 10 })],
      }),
    );
    const c = participant(results, "A").components[0];
    expect(c?.value).toBe(85);
    expect(c?.members.find((m) => m.memberId === "m3")).toEqual({
      memberId: "m3",
      status: "incomplete",
      scored: 1,
      total: 2,
      value: null,
      z: null,
    });
    expect(participant(results, "A").completeness).toEqual({ scored: 5, expected: 6, complete: false });
  });

  it("a participant nobody has scored has no total, says why, and is not ranked", () => {
    const results = computeResults(aResultsInput({ ...base, scores: full("A", "m1", 80) }));
    const b = participant(results, "B");
    expect(b.total).toBeNull();
    expect(b.totalReason).toEqual({ code: "component-missing", componentIds: ["paparan"] });
    expect(b.components[0]?.reason).toBe("no-counted-members");
    expect(b.rank).toBeNull();
    expect(b.unrankedReason).toBe("incomplete");
    expect(results.groups[0]?.incomplete).toEqual(["B"]);
  });

  it("agreement drops rows with a gap listwise and reports how many rows it used", () => {
    const results = computeResults(
      aResultsInput({
        ...base,
        participants: [...base.participants, aParticipantOf("C")],
        members: ["m1", "m2", "m3"].map((m) => aMemberOf(m, assignedTo(["paparan"], ["A", "B", "C"]))),
        scores: [
          ...full("A", "m1", 80),
          ...full("A", "m2", 90),
          ...full("A", "m3", 85),
          ...full("B", "m1", 60),
          ...full("B", "m2", 70),
          ...full("B", "m3", 65),
          ...full("C", "m1", 70),
          ...full("C", "m2", 75),
        ],
        sheets: [aSheetOf("C", "m3", { recused: true })],
      }),
    );
    expect(results.agreement[0]).toMatchObject({ rowsUsed: 2, rowsDropped: 1, participantIds: ["A", "B"] });
  });
});

describe("combination methods end to end", () => {
  const rubric = aRubricOf([aNumericComponentOf("paparan", ["K1"])]);
  const members = ["m1", "m2", "m3", "m4", "m5"];
  const values = [78, 82, 85, 86, 95];
  const input = (combine: CombineMethod, count = 5) =>
    aResultsInput({
      edition: anEdition({ settings: aSettings({ combine }) }),
      rubric,
      participants: [aParticipantOf("A")],
      members: members.slice(0, count).map((m) => aMemberOf(m, assignedTo(["paparan"], ["A"]))),
      scores: members.slice(0, count).flatMap((m, i) => pointsSheet("A", m, "paparan", { K1: values[i] as number })),
    });

  it("trimmed mean (k = 1) gives 84.33", () => {
    expect(
      roundTo(componentValue(computeResults(input({ method: "trimmed-mean", k: 1 })), "A", "paparan") as number, 2),
    ).toBe(84.33);
  });

  it("trimmed mean with n ≤ 2k falls back to the mean and warns", () => {
    const results = computeResults(input({ method: "trimmed-mean", k: 1 }, 2));
    expect(componentValue(results, "A", "paparan")).toBe(80);
    expect(results.warnings.map((w) => w.code)).toEqual(["trimmed-mean-fallback"]);
  });

  it("consensus counts only the designated member's sheet", () => {
    const results = computeResults(input({ method: "consensus", memberId: "m3" }));
    const c = participant(results, "A").components[0];
    expect(c?.value).toBe(85);
    expect(c?.countedMemberIds).toEqual(["m3"]);
    expect(c?.members.filter((m) => m.status === "not-consensus")).toHaveLength(4);
  });

  it("consensus with an unknown member gives no score, a reason and a warning", () => {
    const results = computeResults(input({ method: "consensus", memberId: "ghost" }));
    expect(participant(results, "A").components[0]?.reason).toBe("consensus-member-not-counted");
    expect(results.warnings.map((w) => w.code)).toEqual(["consensus-member-unknown"]);
  });
});

describe("ranking groups, observers and ties end to end", () => {
  const rubric = aRubricOf([
    aLevelComponent(
      "dokumen",
      [
        ["1.1", 1],
        ["2.1", 2],
      ],
      { weight: 50 },
    ),
    aNumericComponentOf("paparan", ["K1"], { weight: 50 }),
  ]);
  const ids = ["A", "B", "C", "D", "OBS"];
  const sheetFor = (p: string, letters: [string, string], points: number): ScoreRecord[] => [
    ...letterSheet(p, "m1", "dokumen", { "1.1": letters[0], "2.1": letters[1] }),
    ...pointsSheet(p, "m1", "paparan", { K1: points }),
  ];
  // A and B tie on the total (75); A is better on the document review. C and D tie on everything.
  const scores = [
    ...sheetFor("A", ["A", "B"], 62.5),
    ...sheetFor("B", ["B", "B"], 75),
    ...sheetFor("C", ["C", "C"], 60),
    ...sheetFor("D", ["C", "C"], 60),
    ...sheetFor("OBS", ["A", "A"], 100),
  ];
  const run = (tieBreak: TieBreakKey[] = []) =>
    computeResults(
      aResultsInput({
        edition: anEdition({ settings: aSettings({ tieBreak }) }),
        rubric,
        participants: ids.map((id) => aParticipantOf(id, id === "OBS" ? { role: "observer", kind: "kota" } : {})),
        members: [aMemberOf("m1", assignedTo(["dokumen", "paparan"], ids))],
        scores,
      }),
    );

  it("observers are scored but unranked, and listed as observers", () => {
    const results = run();
    const obs = participant(results, "OBS");
    expect(obs.total).toBe(100);
    expect(obs.rank).toBeNull();
    expect(obs.roundedTotal).toBe(100);
    expect(obs.observer).toBe(true);
    expect(obs.unrankedReason).toBe("observer");
    expect(results.groups[0]?.observers).toEqual(["OBS"]);
    expect(results.groups[0]?.ranked.map((r) => r.participantId)).not.toContain("OBS");
  });

  it("without a tie-break, equal rounded totals share the rank (1, 1, 3, 3)", () => {
    const ranked = run().groups[0]?.ranked ?? [];
    expect(ranked.map((r) => [r.participantId, r.rank])).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 3],
      ["D", 3],
    ]);
    expect(participant(run(), "A").sharedWith).toEqual(["B"]);
  });

  it("the tie-break chain resolves a tie; a remaining tie stays shared", () => {
    const results = run([
      { kind: "component", componentId: "dokumen" },
      { kind: "aksi", aksi: 1 },
    ]);
    expect(results.groups[0]?.ranked.map((r) => [r.participantId, r.rank, r.sharedWith])).toEqual([
      ["A", 1, []],
      ["B", 2, []],
      ["C", 3, ["D"]],
      ["D", 3, ["C"]],
    ]);
    expect(participant(results, "A").tieBreakApplied).toBe(true);
    expect(results.groups[0]?.ranked[0]?.tieBreakValues).toEqual([87.5, 100]);
  });

  it("an indicator tie-break key works, and an unknown key is reported", () => {
    const results = run([
      { kind: "indicator", indicatorId: "1.1" },
      { kind: "indicator", indicatorId: "9.9" },
    ]);
    expect(results.groups[0]?.ranked.map((r) => r.rank)).toEqual([1, 2, 3, 3]);
    expect(results.warnings.map((w) => [w.code, w.indicatorId])).toEqual([["tie-break-key-unknown", "9.9"]]);
  });

  it("ranks each ranking group separately", () => {
    const results = computeResults(
      aResultsInput({
        rubric,
        participants: ids.map((id) => aParticipantOf(id, { rankingGroup: id < "C" ? "Lokus 2019" : "Lokus 2020" })),
        members: [aMemberOf("m1", assignedTo(["dokumen", "paparan"], ids))],
        scores,
      }),
    );
    expect(results.groups.map((g) => [g.group, g.ranked.map((r) => `${r.participantId}:${r.rank}`)])).toEqual([
      ["Lokus 2019", ["A:1", "B:1"]],
      ["Lokus 2020", ["OBS:1", "C:2", "D:2"]],
    ]);
  });
});

describe("scores that cannot be placed go to needsReview", () => {
  const rubric = aRubricOf([
    aLevelComponent("dokumen", [
      ["1.1", 1],
      ["1.2", 1],
    ]),
  ]);
  const base = {
    rubric,
    participants: [aParticipantOf("A")],
    members: [aMemberOf("m1", assignedTo(["dokumen"], ["A"])), aMemberOf("m2", [])],
  };

  it("flags a score for a deleted indicator, an unknown letter and an unassigned member; none is counted", () => {
    const deleted = aScoreOf({
      participantId: "A",
      memberId: "m1",
      componentId: "dokumen",
      indicatorId: "1.3",
      level: "A",
    });
    const badLetter = aScoreOf({
      participantId: "A",
      memberId: "m1",
      componentId: "dokumen",
      indicatorId: "1.2",
      level: "E",
    });
    const unassigned = aScoreOf({
      participantId: "A",
      memberId: "m2",
      componentId: "dokumen",
      indicatorId: "1.1",
      level: "A",
    });
    const results = computeResults(
      aResultsInput({
        ...base,
        scores: [
          ...letterSheet("A", "m1", "dokumen", { "1.1": "B" }),
          deleted,
          badLetter,
          unassigned,
          aScoreOf({
            participantId: "A",
            memberId: "m1",
            componentId: "dokumen",
            indicatorId: "1.1",
            level: "D",
            editionId: "other",
          }),
        ],
      }),
    );
    expect(results.needsReview.map((r) => [r.scoreKey, r.reason])).toEqual([
      [deleted.key, "unknown-indicator"],
      [badLetter.key, "unknown-level"],
      [unassigned.key, "not-assigned"],
    ]);
    const c = participant(results, "A").components[0];
    expect(c?.members).toEqual([{ memberId: "m1", status: "incomplete", scored: 1, total: 2, value: null, z: null }]);
    expect(c?.value).toBeNull();
  });

  it("flags points on a level component and a letter the letter map does not value", () => {
    const wrongScale = aScoreOf({
      participantId: "A",
      memberId: "m1",
      componentId: "dokumen",
      indicatorId: "1.1",
      points: 80,
    });
    const results = computeResults(
      aResultsInput({
        ...base,
        edition: anEdition({ settings: aSettings({ letterValues: { A: 4, B: 3, C: 2 } }) }),
        scores: [wrongScale, ...letterSheet("A", "m1", "dokumen", { "1.2": "D" })],
      }),
    );
    expect(results.needsReview.map((r) => r.reason)).toEqual(["wrong-scale", "letter-without-value"]);
  });
});

describe("order independence", () => {
  const rubric = aRubricOf([
    aLevelComponent("dokumen", [
      ["1.1", 1],
      ["2.1", 2],
    ]),
    aNumericComponentOf("paparan", ["K1", "K2"]),
  ]);
  const letters = ["A", "B", "C", "D"];
  const world = fc
    .record({
      nParticipants: fc.integer({ min: 2, max: 6 }),
      nMembers: fc.integer({ min: 1, max: 4 }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 48, maxLength: 48 }),
      combine: fc.constantFrom<CombineMethod>(
        { method: "mean" },
        { method: "trimmed-mean", k: 1 },
        { method: "z-score" },
      ),
    })
    .chain((w) =>
      fc.record({
        w: fc.constant(w),
        participantOrder: fc.shuffledSubarray([...Array(w.nParticipants).keys()], { minLength: w.nParticipants }),
        memberOrder: fc.shuffledSubarray([...Array(w.nMembers).keys()], { minLength: w.nMembers }),
        scoreOrder: fc.shuffledSubarray([...Array(w.nParticipants * w.nMembers * 4).keys()], {
          minLength: w.nParticipants * w.nMembers * 4,
        }),
      }),
    );

  it("ranking does not depend on the order of members, participants or scores in the input", () => {
    fc.assert(
      fc.property(world, ({ w, participantOrder, memberOrder, scoreOrder }) => {
        const pids = [...Array(w.nParticipants).keys()].map((i) => `p${i}`);
        const mids = [...Array(w.nMembers).keys()].map((i) => `m${i}`);
        const participants = pids.map((id, i) => aParticipantOf(id, { rankingGroup: i % 2 ? "X" : "Y" }));
        const members = mids.map((id) => aMemberOf(id, assignedTo(["dokumen", "paparan"], pids)));
        let k = 0;
        const next = () => w.seed[k++ % w.seed.length] as number;
        const scores = pids.flatMap((p) =>
          mids.flatMap((m) => [
            ...letterSheet(p, m, "dokumen", {
              "1.1": letters[next() % 4] as string,
              "2.1": letters[next() % 4] as string,
            }),
            ...pointsSheet(p, m, "paparan", { K1: next() % 101, K2: next() % 101 }),
          ]),
        );
        const edition = anEdition({
          settings: aSettings({ combine: w.combine, tieBreak: [{ kind: "component", componentId: "paparan" }] }),
        });
        const a = computeResults(aResultsInput({ edition, rubric, participants, members, scores }));
        const b = computeResults(
          aResultsInput({
            edition,
            rubric,
            participants: participantOrder.map((i) => participants[i] as (typeof participants)[number]),
            members: memberOrder.map((i) => members[i] as (typeof members)[number]),
            scores: scoreOrder.map((i) => scores[i] as ScoreRecord),
          }),
        );
        const ranks = (r: Results) =>
          Object.fromEntries(r.participants.map((p) => [p.participantId, [p.rank, p.roundedTotal, p.sharedWith]]));
        expect(ranks(b)).toEqual(ranks(a));
      }),
      { numRuns: 60 },
    );
  });
});

describe("z-score end to end", () => {
  it("adding a constant to one member's scores never changes the z-normalised order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 50 }),
        (rows, shifted, shift) => {
          const pids = rows.map((_, i) => `p${i}`);
          const mids = ["m0", "m1", "m2"];
          const run = (delta: number) =>
            computeResults(
              aResultsInput({
                edition: anEdition({ settings: aSettings({ combine: { method: "z-score" } }) }),
                rubric: aRubricOf([aNumericComponentOf("paparan", ["K1"])]),
                participants: pids.map((id) => aParticipantOf(id)),
                members: mids.map((m) => aMemberOf(m, assignedTo(["paparan"], pids))),
                scores: rows.flatMap((row, i) =>
                  row.map((x, j) =>
                    aScoreOf({
                      participantId: `p${i}`,
                      memberId: `m${j}`,
                      componentId: "paparan",
                      indicatorId: "K1",
                      points: j === shifted ? x + delta : x,
                    }),
                  ),
                ),
              }),
            );
          const z = (r: Results) => r.participants.map((p) => p.components[0]?.meanZ as number);
          const before = z(run(0));
          const after = z(run(shift));
          for (let a = 0; a < before.length; a++) {
            for (let b = 0; b < before.length; b++) {
              const d = (before[a] as number) - (before[b] as number);
              if (Math.abs(d) > 1e-9) expect(Math.sign((after[a] as number) - (after[b] as number))).toBe(Math.sign(d));
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
