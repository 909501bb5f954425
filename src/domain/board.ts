/*
 * The live board (Kemajuan): one cell per participant × member. A cell is exactly
 * one of: not assigned, recused (the member stepped back: empty, never zero), final
 * (sheet finalised), in progress (some of the assigned indicators graded), or empty.
 * Recusal outranks finalisation because a recused member's grades never count.
 */
import { assignedComponents, isGraded } from "./progress.ts";
import type { Member, Participant, Rubric, ScoreRecord, SheetRecord } from "./types.ts";

const keyOf = (...parts: string[]): string => parts.join("\u0000");

export type BoardCell =
  | { state: "not-assigned" }
  | { state: "recused"; reason: string }
  | { state: "final"; scored: number; total: number }
  | { state: "in-progress"; scored: number; total: number }
  | { state: "empty"; total: number };

export type BoardInput = {
  rubric: Rubric;
  participants: readonly Participant[];
  members: readonly Member[];
  scores: readonly ScoreRecord[];
  sheets: readonly SheetRecord[];
};

export type BoardGrid = {
  /** Members who score anything, in panel order: the board's columns. */
  memberIds: string[];
  participantIds: string[];
  /** `cells[participantId][memberId]`. */
  cells: Record<string, Record<string, BoardCell>>;
};

export const boardGrid = ({ rubric, participants, members, scores, sheets }: BoardInput): BoardGrid => {
  const graded = new Set(
    scores.filter((s) => isGraded(s)).map((s) => keyOf(s.participantId, s.memberId, s.indicatorId)),
  );
  const sheetOf = new Map(sheets.map((s) => [keyOf(s.participantId, s.memberId), s] as const));
  const scorers = members.filter((m) => m.assignments.some((a) => a.participantIds.length > 0));
  const cells: BoardGrid["cells"] = {};
  for (const p of participants) {
    const row: Record<string, BoardCell> = {};
    for (const m of scorers) {
      const indicators = assignedComponents(rubric, m, p.id).flatMap((c) => c.indicators);
      const sheet = sheetOf.get(keyOf(p.id, m.id));
      const total = indicators.length;
      const scored = indicators.filter((i) => graded.has(keyOf(p.id, m.id, i.id))).length;
      row[m.id] =
        total === 0
          ? { state: "not-assigned" }
          : sheet?.recused
            ? { state: "recused", reason: sheet.recusalReason }
            : sheet?.finalised
              ? { state: "final", scored, total }
              : scored > 0
                ? { state: "in-progress", scored, total }
                : { state: "empty", total };
    }
    cells[p.id] = row;
  }
  return { memberIds: scorers.map((m) => m.id), participantIds: participants.map((p) => p.id), cells };
};

/** Counts per state, for the board's summary line. */
export const boardCounts = (grid: BoardGrid): Record<BoardCell["state"], number> => {
  const counts = { "not-assigned": 0, recused: 0, final: 0, "in-progress": 0, empty: 0 };
  for (const row of Object.values(grid.cells)) for (const cell of Object.values(row)) counts[cell.state] += 1;
  return counts;
};

export type UnfinishedSheet = { participantId: string; memberId: string; state: "in-progress" | "empty" };

/**
 * The assigned sheets not yet final (and not recused), in board order: what closing the
 * edition would leave out of the results. The coordinator sees them before confirming.
 */
export const unfinishedSheets = (grid: BoardGrid): UnfinishedSheet[] => {
  const out: UnfinishedSheet[] = [];
  for (const participantId of grid.participantIds) {
    for (const memberId of grid.memberIds) {
      const state = grid.cells[participantId]?.[memberId]?.state;
      if (state === "in-progress" || state === "empty") out.push({ participantId, memberId, state });
    }
  }
  return out;
};
