import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { districtView, groupTables } from "../../src/domain/publication-view.ts";
import { publicationContent } from "../../src/domain/publication.ts";
import { letterScenario, resultsOf } from "../fixtures/letter-scenario.ts";

const bundle = letterScenario();
const content = publicationContent(bundle, resultsOf(bundle));

describe("what a read-only link shows", () => {
  it("tables each group by rank, the observer last", () => {
    const [table, ...others] = groupTables(content);
    expect(others).toEqual([]);
    expect(table?.group).toBe("Lokus 2019");
    expect(table?.rows.map((r) => [r.participantId, r.rank, r.observer])).toEqual([
      ["A", 1, false],
      ["B", 2, false],
      ["C", 3, false],
      ["OBS", null, true],
    ]);
  });

  it("gives a district its own letter whole and the others only as chart points", () => {
    const view = districtView(content, "B");
    const own = content.letters.find((l) => l.participantId === "B");
    expect(view?.letter).toEqual(own);
    expect(view?.cohort.map((l) => l.participantId)).toEqual(["A", "C", "OBS"]);
    for (const other of view?.cohort ?? []) {
      const full = content.letters.find((l) => l.participantId === other.participantId);
      expect(other.total).toBe(full?.total);
      expect(other.aksi).toEqual(full?.aksi);
      expect([other.indicators, other.strengths, other.priorities, other.awards, other.components]).toEqual([
        [],
        [],
        [],
        [],
        [],
      ]);
    }
    expect(view?.peerLearning).toEqual(content.peerLearning);
    expect(districtView(content, "nobody")).toBeNull();
  });

  it("never carries another district's notes, whichever district asks", () => {
    const notesOf = (l: (typeof content.letters)[number]) =>
      [...l.strengths, ...l.priorities, ...l.indicators.flatMap((i) => i.evidence)].map((n) => JSON.stringify(n));
    expect(content.letters.flatMap(notesOf).length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...content.letters.map((l) => l.participantId)), (id) => {
        const view = districtView(content, id);
        const others = content.letters.filter((l) => l.participantId !== id);
        const text = JSON.stringify({ ...view, peerLearning: null });
        for (const other of others)
          for (const note of [...other.strengths, ...other.priorities])
            expect(text).not.toContain(JSON.stringify(note));
      }),
    );
  });
});
