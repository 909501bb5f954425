import { describe, expect, it } from "vitest";
import { buildFeedbackLetters } from "../../src/domain/feedback-letter.ts";
import { buildPeerLearning } from "../../src/domain/peer-learning.ts";
import { letterScenario, resultsOf } from "../fixtures/letter-scenario.ts";

const bundle = letterScenario();
const results = resultsOf(bundle);
const letters = buildFeedbackLetters({ bundle, results });
const letter = (id: string) => {
  const found = letters.find((l) => l.participantId === id);
  if (!found) throw new Error(id);
  return found;
};

describe("feedback letter: where the district stands", () => {
  it("gives total, rank, group size and percentile in the group", () => {
    // A: dok (75 + 100)/2 = 87.5 × 0.6 + 80 × 0.4 = 84.5; B 62.5×0.6+28 = 65.5; C 37.5×0.6+24 = 46.5.
    expect([letter("A").total, letter("B").total, letter("C").total]).toEqual([84.5, 65.5, 46.5]);
    expect([letter("A").rank, letter("A").groupSize]).toEqual([1, 3]);
    expect(letter("A").percentile).toBeCloseTo(((2 + 0.5) / 3) * 100, 9);
    expect(letter("OBS")).toMatchObject({ observer: true, rank: null });
  });

  it("compares every component and aksi with the cohort median (observer not in the cohort)", () => {
    expect(letter("A").components.map((c) => [c.componentId, c.value, c.cohortMedian])).toEqual([
      ["dok", 87.5, 62.5],
      ["pap", 80, 70],
    ]);
    expect(letter("OBS").components[1]?.cohortMedian).toBe(70);
    expect(letter("B").aksi.map((a) => [a.aksi, a.value, a.cohortMedian])).toEqual([
      [1, 50, 50],
      [2, 75, 75],
    ]);
  });
});

describe("feedback letter: per indicator", () => {
  it("gives the level reached and the next level's descriptor as the target", () => {
    const i11 = letter("A").indicators.find((i) => i.code === "1.1");
    expect(i11?.reached?.letter).toBe("B");
    expect(i11?.target).toEqual({ letter: "A", descriptor: { id: "Tingkat A (contoh)", en: "Level A (sample)" } });
    expect(letter("A").indicators.find((i) => i.code === "2.1")?.target).toBeNull();
  });

  it("numeric criteria give mean points on their scale and the cohort median", () => {
    expect(letter("B").indicators.find((i) => i.code === "K1")).toMatchObject({
      scale: "numeric",
      points: 70,
      maxPoints: 100,
      score: 70,
      cohortMedian: 70,
      reached: null,
    });
  });

  it("carries the panel's evidence notes, de-duplicated, anonymous, never from a recused member", () => {
    const a = letter("A");
    expect(a.indicators.find((i) => i.code === "2.1")?.evidence).toEqual([
      { text: "Data lokus dipakai untuk memilih desa (contoh).", by: null },
    ]);
    expect(a.indicators.find((i) => i.code === "1.1")?.evidence).toEqual([
      { text: "Analisis situasi belum memakai data EPPGBM (contoh).", by: null },
    ]);
  });
});

describe("feedback letter: notes and awards", () => {
  it("gathers strengths and priorities, anonymous by default and de-duplicated", () => {
    expect(letter("A").strengths).toEqual([{ text: "Komitmen bupati kuat (contoh)", by: null }]);
    expect(letter("A").priorities).toEqual([{ text: "Publikasikan data stunting (contoh)", by: null }]);
  });

  it("shows names only when the setting asks for them", () => {
    const named = buildFeedbackLetters({ bundle, results, showNames: true }).find((l) => l.participantId === "A");
    expect(named?.strengths).toEqual([
      { text: "Komitmen bupati kuat (contoh)", by: ["Panelis m1 (contoh)", "Panelis m2 (contoh)"] },
    ]);
  });

  it("cites the awards with the nomination reasons", () => {
    expect(letter("A").awards).toEqual([
      { kind: "best-n", group: "Lokus 2019", rank: 1, n: 3 },
      {
        kind: "nomination",
        category: "inovatif",
        count: 2,
        reasons: [{ text: "Aplikasi pemantauan desa (contoh)", by: null }],
      },
    ]);
    expect(letter("B").awards).toEqual([{ kind: "best-n", group: "Lokus 2019", rank: 2, n: 3 }]);
  });

  it("states the method: weights as shares, roll-up, combination, agreement", () => {
    const m = letter("A").method;
    expect(m.weights.map((w) => [w.componentId, w.share])).toEqual([
      ["dok", 60],
      ["pap", 40],
    ]);
    expect(m.rollUp).toBe("per-aksi");
    expect(m.combine).toEqual({ method: "mean" });
    expect(m.agreement.map((a) => a.componentId)).toEqual(["dok", "pap"]);
  });
});

describe("feedback letter: change since last edition", () => {
  const lastYear = letterScenario(2020, {
    A: ["C", "A", 70],
    B: ["C", "C", 70],
    C: ["D", "C", 60],
    OBS: ["A", "A", 90],
  });
  const previous = { bundle: lastYear, results: resultsOf(lastYear) };
  const withPrevious = buildFeedbackLetters({ bundle, results, previous });

  it("matches the district by region code and the indicator by its code", () => {
    const a = withPrevious.find((l) => l.participantId === "A");
    const i11 = a?.indicators.find((i) => i.code === "1.1");
    expect(i11?.previous).toEqual({ score: 50, letter: "C", change: 25 });
    expect(a?.indicators.find((i) => i.code === "K1")?.previous).toEqual({ score: 70, letter: null, change: 10 });
    // Last year A: dok (50 + 100)/2 = 75 × 0.6 + 70 × 0.4 = 73.
    expect(a?.previous).toEqual({ total: 73, rank: 1, change: 84.5 - 73 });
  });

  it("has no change when the indicator code is new", () => {
    const renamed = {
      ...lastYear,
      rubric: {
        ...lastYear.rubric,
        components: lastYear.rubric.components.map((c) => ({
          ...c,
          indicators: c.indicators.map((i) => (i.code === "1.1" ? { ...i, code: "1.9" } : i)),
        })),
      },
    };
    const letters2 = buildFeedbackLetters({
      bundle,
      results,
      previous: { bundle: renamed, results: resultsOf(renamed) },
    });
    expect(letters2[0]?.indicators.find((i) => i.code === "1.1")?.previous).toBeNull();
  });

  it("without a previous edition there is no comparison at all", () => {
    expect(letter("A").previous).toBeNull();
    expect(letter("A").indicators.every((i) => i.previous === null)).toBe(true);
  });
});

describe("peer learning", () => {
  const peers = buildPeerLearning(bundle.rubric, results.settings.letterValues, letters, results.awards, {
    showNames: false,
    memberName: (id) => id,
  });

  it("lists per indicator the districts at the top level with their evidence", () => {
    const i21 = peers.indicators.find((i) => i.code === "2.1");
    expect(i21?.top.letter).toBe("A");
    expect(i21?.reachedTop.map((d) => d.participantId)).toEqual(["A", "OBS"]);
    expect(i21?.reachedTop[0]?.evidence).toHaveLength(1);
    expect(peers.indicators.find((i) => i.code === "1.1")?.reachedTop.map((d) => d.participantId)).toEqual(["OBS"]);
    expect(peers.indicators.some((i) => i.code === "K1")).toBe(false);
  });

  it("names the most innovative with the reasons given", () => {
    expect(peers.awards).toEqual([
      {
        category: "inovatif",
        rule: "nomination-count",
        winners: [
          {
            participantId: "A",
            name: "Kabupaten A",
            reasons: [{ text: "Aplikasi pemantauan desa (contoh)", by: null }],
          },
        ],
      },
    ]);
  });
});
