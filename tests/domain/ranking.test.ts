import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareKeys, rankByKeys, rankGroup, standardCompetitionRanks } from "../../src/domain/ranking.ts";

describe("standard competition ranking", () => {
  it("ranks 84.6, 81.2, 81.2, 79.0 as 1, 2, 2, 4", () => {
    expect(standardCompetitionRanks([84.6, 81.2, 81.2, 79.0])).toEqual([1, 2, 2, 4]);
    expect(standardCompetitionRanks([79.0, 81.2, 84.6, 81.2])).toEqual([4, 2, 1, 2]);
  });

  it("rank = 1 + the number of strictly better values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), (values) => {
        const ranks = standardCompetitionRanks(values);
        values.forEach((v, i) => {
          expect(ranks[i]).toBe(1 + values.filter((w) => w > v).length);
        });
      }),
    );
  });

  it("over key tuples, rank = 1 + the number of strictly better tuples, and equal tuples share", () => {
    const key = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key, key), { maxLength: 20 }), (tuples) => {
        const items = tuples.map((keys, i) => ({ id: `p${String(i).padStart(2, "0")}`, keys }));
        const ranked = rankByKeys(items);
        for (const r of ranked) {
          const mine = items.find((i) => i.id === r.id)?.keys ?? [];
          expect(r.rank).toBe(1 + items.filter((o) => compareKeys(o.keys, mine) < 0).length);
          const equal = items.filter((o) => o.id !== r.id && compareKeys(o.keys, mine) === 0).map((o) => o.id);
          expect([...r.sharedWith].sort()).toEqual(equal.sort());
        }
      }),
    );
  });

  it("does not depend on the input order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 12 }).chain((values) =>
          fc.tuple(
            fc.constant(values),
            fc.shuffledSubarray(
              values.map((_, i) => i),
              { minLength: values.length },
            ),
          ),
        ),
        ([values, order]) => {
          const items = values.map((v, i) => ({ id: `p${i}`, keys: [v] }));
          const a = rankByKeys(items);
          const b = rankByKeys(order.map((i) => items[i] as (typeof items)[number]));
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it("a missing key (null) loses to any score", () => {
    expect(compareKeys([80, null], [80, 10])).toBeGreaterThan(0);
    expect(compareKeys([80, null], [80, null])).toBe(0);
  });
});

describe("rankGroup", () => {
  it("compares totals after rounding to the display precision", () => {
    const ranked = rankGroup(
      [
        { participantId: "a", total: 81.204, tieBreakValues: [] },
        { participantId: "b", total: 81.196, tieBreakValues: [] },
        { participantId: "c", total: 84.6, tieBreakValues: [] },
      ],
      2,
    );
    expect(ranked.map((r) => [r.participantId, r.rank, r.roundedTotal])).toEqual([
      ["c", 1, 84.6],
      ["a", 2, 81.2],
      ["b", 2, 81.2],
    ]);
    expect(ranked[1]?.sharedWith).toEqual(["b"]);
  });

  it("resolves a tie with the chain, key by key, each rounded, and shares what remains", () => {
    const ranked = rankGroup(
      [
        { participantId: "a", total: 80, tieBreakValues: [70.001, 60] },
        { participantId: "b", total: 80, tieBreakValues: [69.999, 65] },
        { participantId: "c", total: 80, tieBreakValues: [70, 50] },
        { participantId: "d", total: 80, tieBreakValues: [60, 99] },
        { participantId: "e", total: 80, tieBreakValues: [60, 99] },
        { participantId: "f", total: 79, tieBreakValues: [99, 99] },
      ],
      2,
    );
    expect(ranked.map((r) => [r.participantId, r.rank, r.rankBeforeTieBreak])).toEqual([
      ["b", 1, 1],
      ["a", 2, 1],
      ["c", 3, 1],
      ["d", 4, 1],
      ["e", 4, 1],
      ["f", 6, 6],
    ]);
    expect(ranked.map((r) => r.tieBreakApplied)).toEqual([true, true, true, true, true, false]);
    expect(ranked[3]?.sharedWith).toEqual(["e"]);
    expect(ranked[0]?.sharedWith).toEqual([]);
  });
});
