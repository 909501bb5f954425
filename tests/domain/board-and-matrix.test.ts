import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAssigned, matrixCell, pruneAssignments, setCell, setException } from "../../src/domain/assignments.ts";
import { filterAudit, keyParties } from "../../src/domain/audit-filter.ts";
import { boardCounts, boardGrid, unfinishedSheets } from "../../src/domain/board.ts";
import { scoreKey, sheetKey } from "../../src/domain/keys.ts";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { aScore, aSheet } from "../fixtures/builders.ts";

const ntb = ntb2021Sample();

describe("live board grid", () => {
  it("tells empty, in progress n of m, final, recused and not assigned apart", () => {
    const [m1, m2] = ntb.members.filter((m) => m.assignments.length > 0);
    const [p1, p2, p3] = ntb.participants;
    if (!m1 || !m2 || !p1 || !p2 || !p3) throw new Error("sample changed");
    const indicators = ntb.rubric.components
      .filter((c) => m1.assignments.some((a) => a.componentId === c.id && a.participantIds.includes(p1.id)))
      .flatMap((c) => c.indicators.map((i) => ({ c, i })));
    const graded = (p: string, n: number) =>
      indicators.slice(0, n).map(({ c, i }) =>
        aScore({
          editionId: ntb.edition.id,
          participantId: p,
          memberId: m1.id,
          componentId: c.id,
          indicatorId: i.id,
          level: c.scale === "levels" ? "A" : null,
          points: c.scale === "numeric" ? 80 : null,
        }),
      );
    const member = { ...m1, assignments: m1.assignments.map((a) => ({ ...a, participantIds: [p1.id, p2.id, p3.id] })) };
    const grid = boardGrid({
      rubric: ntb.rubric,
      participants: [p1, p2, p3],
      members: [member, { ...m2, assignments: [] }],
      scores: [...graded(p1.id, 2), ...graded(p2.id, indicators.length)],
      sheets: [
        aSheet({
          editionId: ntb.edition.id,
          participantId: p2.id,
          memberId: m1.id,
          key: sheetKey(ntb.edition.id, p2.id, m1.id),
          finalised: true,
        }),
        aSheet({
          editionId: ntb.edition.id,
          participantId: p3.id,
          memberId: m1.id,
          key: sheetKey(ntb.edition.id, p3.id, m1.id),
          recused: true,
          finalised: true,
          recusalReason: "kerabat",
        }),
      ],
    });
    expect(grid.memberIds).toEqual([m1.id]);
    expect(grid.cells[p1.id]?.[m1.id]).toEqual({ state: "in-progress", scored: 2, total: indicators.length });
    expect(grid.cells[p2.id]?.[m1.id]).toEqual({ state: "final", scored: indicators.length, total: indicators.length });
    expect(grid.cells[p3.id]?.[m1.id]).toEqual({ state: "recused", reason: "kerabat" });
    expect(boardCounts(grid)).toEqual({ "not-assigned": 0, recused: 1, final: 1, "in-progress": 1, empty: 0 });
    // Closing now would leave out only the sheet in progress: final and recused sheets are done.
    expect(unfinishedSheets(grid)).toEqual([{ participantId: p1.id, memberId: m1.id, state: "in-progress" }]);
  });

  it("every cell of a random panel has exactly one state, and n of m never exceeds m", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (flags) => {
        const scores = ntb.participants.flatMap((p, pi) =>
          ntb.members.flatMap((m, mi) =>
            flags[(pi * 3 + mi) % 40]
              ? [
                  aScore({
                    editionId: ntb.edition.id,
                    participantId: p.id,
                    memberId: m.id,
                    componentId: "paparan",
                    indicatorId: "crit-P1",
                    level: null,
                    points: 70,
                    key: scoreKey(ntb.edition.id, p.id, "crit-P1", m.id),
                  }),
                ]
              : [],
          ),
        );
        const grid = boardGrid({ ...ntb, scores, sheets: [] });
        const total = Object.values(boardCounts(grid)).reduce((a, b) => a + b, 0);
        expect(total).toBe(grid.participantIds.length * grid.memberIds.length);
        const counts = boardCounts(grid);
        expect(unfinishedSheets(grid)).toHaveLength(counts.empty + counts["in-progress"]);
        for (const row of Object.values(grid.cells))
          for (const cell of Object.values(row))
            if (cell.state === "in-progress") expect(cell.scored).toBeLessThanOrEqual(cell.total);
      }),
      { numRuns: 30 },
    );
  });
});

describe("assignment matrix rules", () => {
  const participants = ntb.participants
    .slice(0, 4)
    .map((p, i) => ({ ...p, role: i === 3 ? ("observer" as const) : ("assessed" as const) }));
  const blank = { ...ntb.members[0], assignments: [] } as (typeof ntb.members)[number];

  it("setting a cell then toggling any exception twice returns to the same cell", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 3 }), (on, pick) => {
        const m = setCell(blank, "paparan", on, participants);
        const pid = participants[pick]?.id ?? "";
        const was = isAssigned(m, "paparan", pid);
        const back = setException(setException(m, "paparan", pid, !was), "paparan", pid, was);
        expect(matrixCell(back, "paparan", participants)).toBe(matrixCell(m, "paparan", participants));
        expect(matrixCell(m, "paparan", participants)).toBe(on ? "all" : "none");
      }),
    );
  });

  it("pruning keeps only participants and components that still exist", () => {
    const m = setCell(setCell(blank, "paparan", true, participants), "pameran", true, participants);
    const pruned = pruneAssignments(m, new Set([participants[0]?.id ?? ""]), new Set(["paparan"]));
    expect(pruned.assignments).toEqual([{ componentId: "paparan", participantIds: [participants[0]?.id] }]);
  });
});

describe("audit filter", () => {
  const rows = [
    { at: 10, table: "scores", key: scoreKey("e", "p1", "i1", "m1"), deviceId: "d1", actorId: "d1" },
    { at: 20, table: "sheets", key: sheetKey("e", "p2", "m1"), deviceId: "d2", actorId: "d2" },
    { at: 30, table: "participants", key: "p1", deviceId: null, actorId: "coord" },
  ];
  it("filters by member, participant, tablet and time, reading parties from record keys", () => {
    expect(keyParties("scores", rows[0]?.key ?? "")).toEqual({ participantId: "p1", memberId: "m1" });
    expect(filterAudit(rows, { memberId: "m1" }).map((r) => r.at)).toEqual([10, 20]);
    expect(filterAudit(rows, { participantId: "p2" }).map((r) => r.at)).toEqual([20]);
    expect(filterAudit(rows, { deviceId: "d1" }).map((r) => r.at)).toEqual([10]);
    expect(filterAudit(rows, { from: 15, to: 30 }).map((r) => r.at)).toEqual([20, 30]);
    expect(filterAudit(rows, {})).toHaveLength(3);
  });
});
