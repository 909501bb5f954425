import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandFor, bandProblems, bandsBestFirst } from "../../src/domain/bands.ts";
import { RubricSchema, validate } from "../../src/domain/schemas.ts";
import { PAPARAN_ID, eightAksiRubricTemplate, sampleBands } from "../../src/domain/templates/index.ts";
import type { ScoreBand } from "../../src/domain/types.ts";
import { aComponent, anIndicator, aRubric } from "../fixtures/builders.ts";

const b = (min: number, max: number): ScoreBand => ({
  min,
  max,
  label: { id: `${min}-${max}` },
  descriptor: { id: `rentang ${min}–${max}` },
});

/** Random cut points on 0 … max give a clean cover, shuffled. */
const cleanCover = fc
  .record({
    max: fc.integer({ min: 1, max: 200 }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 8 }),
    seed: fc.integer(),
  })
  .map(({ max, cuts, seed }) => {
    const starts = [0, ...cuts.filter((c) => c <= max).sort((x, y) => x - y)];
    const bands = starts.map((s, i) => b(s, (starts[i + 1] ?? max + 1) - 1));
    const shuffled = [...bands].sort((x, y) => ((x.min * 7919 + seed) % 13) - ((y.min * 7919 + seed) % 13));
    return { max, bands: shuffled };
  });

describe("score bands", () => {
  it("accepts 0–55, 56–70, 71–85, 86–100 in any order and finds the band of a typed value", () => {
    const bands = [b(86, 100), b(0, 55), b(71, 85), b(56, 70)];
    expect(bandProblems(bands, 100)).toEqual([]);
    expect(bandFor(73, bands)?.min).toBe(71);
    expect(bandFor(85, bands)?.min).toBe(71);
    expect(bandFor(85.5, bands)?.min).toBe(71);
    expect(bandFor(86, bands)?.min).toBe(86);
    expect(bandFor(0, bands)?.min).toBe(0);
    expect(bandFor(100, bands)?.min).toBe(86);
    expect(bandFor(101, bands)).toBeNull();
    expect(bandFor(-1, bands)).toBeNull();
    expect(bandsBestFirst(bands).map((x) => x.min)).toEqual([86, 71, 56, 0]);
  });

  it("names an overlap, a gap inside, a gap at either end, and bounds that make no sense", () => {
    expect(bandProblems([b(0, 70), b(70, 100)])).toEqual([{ kind: "overlap", index: 1, other: 0 }]);
    expect(bandProblems([b(0, 60), b(71, 100)])).toEqual([{ kind: "gap", index: 1, from: 61, to: 70 }]);
    expect(bandProblems([b(1, 100)])).toEqual([{ kind: "gap", index: 0, from: 0, to: 0 }]);
    expect(bandProblems([b(0, 90)])).toEqual([{ kind: "gap", index: 0, from: 91, to: 100 }]);
    expect(bandProblems([b(0, 100.5)])).toEqual([{ kind: "not-whole", index: 0 }]);
    expect(bandProblems([b(50, 40)], 100)).toContainEqual({ kind: "min-above-max", index: 0 });
    expect(bandProblems([b(0, 120)], 100)).toEqual([{ kind: "out-of-range", index: 0, maxPoints: 100 }]);
    expect(bandProblems([], 100)).toEqual([]);
  });

  it("a clean cover has no problems and gives every value from 0 to max exactly one band", () => {
    fc.assert(
      fc.property(cleanCover, fc.double({ min: 0, max: 1, noNaN: true }), ({ max, bands }, f) => {
        expect(bandProblems(bands, max)).toEqual([]);
        const value = f * max;
        const found = bandFor(value, bands);
        expect(found).not.toBeNull();
        const containing = bands.filter((x) => x.min <= value && value < x.max + 1);
        expect(containing).toEqual([found]);
      }),
    );
  });

  it("moving one inner boundary of a clean cover always gives a gap or an overlap", () => {
    fc.assert(
      fc.property(
        cleanCover.filter(({ bands }) => bands.length >= 2),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        ({ max, bands }, shift, widen) => {
          const sorted = bandsBestFirst(bands).reverse();
          const moved = sorted.map((x, i) => (i === 0 ? { ...x, max: widen ? x.max + shift : x.max - shift } : x));
          const kinds = bandProblems(moved, max).map((p) => p.kind);
          expect(kinds.length).toBeGreaterThan(0);
          expect(kinds.every((k) => k !== "not-whole")).toBe(true);
        },
      ),
    );
  });
});

describe("bands in the rubric schema", () => {
  it("the paparan and pameran templates carry the sample bands, and they validate", () => {
    const rubric = eightAksiRubricTemplate("e1");
    const paparan = rubric.components.find((c) => c.id === PAPARAN_ID);
    for (const i of paparan?.indicators ?? []) expect(i.bands).toEqual(sampleBands());
    expect(validate(RubricSchema, rubric).ok).toBe(true);
  });

  it("words a gap and an overlap with the field in the coordinator's words", () => {
    const rubric = aRubric({
      components: [
        aComponent({
          scale: "numeric",
          indicators: [
            anIndicator({ id: "p1", code: "P1", levels: [], maxPoints: 100, bands: [b(0, 60), b(71, 100)] }),
          ],
        }),
      ],
    });
    const id = validate(RubricSchema, rubric, "id");
    expect(id.ok).toBe(false);
    expect(id.ok ? [] : id.errors).toContain(
      "Rubrik › komponen 1 › indikator 1 › rentang nilai 2: nilai 61–70 tidak masuk rentang mana pun",
    );
    const overlapping = aRubric({
      components: [
        aComponent({
          scale: "numeric",
          indicators: [anIndicator({ id: "p1", code: "P1", levels: [], bands: [b(0, 75), b(71, 100)] })],
        }),
      ],
    });
    const en = validate(RubricSchema, overlapping, "en");
    expect(en.ok ? [] : en.errors).toContain(
      "Rubric › component 1 › indicator 1 › score band 2 › lower bound: overlaps band 0–75",
    );
  });

  it("refuses bands on a level-scaled indicator", () => {
    const rubric = aRubric({
      components: [aComponent({ indicators: [anIndicator({ bands: [b(0, 100)] })] })],
    });
    const r = validate(RubricSchema, rubric, "en");
    expect(r.ok ? [] : r.errors.join("\n")).toContain("the indicator takes no score bands");
  });
});
