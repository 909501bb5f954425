/*
 * The indexing half of `computeResults`: participants, members and indicators
 * become small integers once, and the single pass over the scores writes each
 * placeable grade into a flat typed table. Invariants:
 * - Participants and members are indexed in id order, so nothing downstream
 *   depends on the order of the input arrays.
 * - A grade that cannot be placed goes to `needsReview` with the first failing
 *   check, in score order, and never reaches the table; of two grades for the
 *   same cell the first is kept and the second is reviewed as a duplicate.
 * - A cell of the table is NaN until graded: a gap is absent, never 0.
 */
import type { NeedsReviewItem, NeedsReviewReason, ResultsInput } from "./results.ts";
import { type RollUpPlan, rollUpPlan } from "./scoring.ts";
import type { Indicator, Member, Participant, RubricComponent, ScoreRecord, SheetRecord } from "./types.ts";

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export type Slot = {
  index: number;
  component: number;
  indicator: Indicator;
  /** Level components: the indicator's letters and their values (NaN where the letter map gives none); null on numeric components. */
  letters: readonly string[] | null;
  letterValues: Float64Array;
  /**
   * One-character ASCII letters (every rubric's A–E): [char code] → position in
   * `letters` + 1, 0 for "not a level". Null when some letter is longer, so the
   * per-score lookup is one array read instead of string comparisons.
   */
  letterByCode: Int8Array | null;
  /** What a raw value is divided by before × 100: max letter value, or maxPoints. */
  denominator: number;
  /** This slot is the one `slotById` answers for its id (a duplicated id resolves to its last slot). */
  canonical: boolean;
};

export type ComponentPlan = {
  component: RubricComponent;
  levels: boolean;
  start: number;
  end: number;
  plan: RollUpPlan;
};

export type EditionIndex = {
  /** Edition participants in input order (what results are emitted in) and in id order (what is computed in). */
  inputParticipants: Participant[];
  participants: Participant[];
  members: Member[];
  P: number;
  M: number;
  pIndex: Map<string, number>;
  mIndex: Map<string, number>;
  /** 1 for an assessed participant, 0 for an observer. */
  assessed: Uint8Array;
  /** Every indicator gets a global slot; a component owns a contiguous slot range. */
  slots: Slot[];
  slotById: Map<string, Slot>;
  plans: ComponentPlan[];
  componentIndex: Map<string, number>;
  S: number;
  C: number;
  /** [(component × P + participant) × M + member]: 1 when the member is assigned that cell. */
  assigned: Uint8Array;
  /** [participant × M + member]: 1 when the member recused from the participant. */
  recused: Uint8Array;
  sheets: SheetRecord[];
};

export const indexEdition = (input: ResultsInput, maxLetter: number | null): EditionIndex => {
  const { edition, rubric } = input;
  const inputParticipants = input.participants.filter((p) => p.editionId === edition.id);
  const participants = [...inputParticipants].sort(byId);
  const members = input.members.filter((m) => m.editionId === edition.id).sort(byId);
  const P = participants.length;
  const M = members.length;
  const pIndex = new Map<string, number>();
  const assessed = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    const participant = participants[p] as Participant;
    pIndex.set(participant.id, p);
    assessed[p] = participant.role === "assessed" ? 1 : 0;
  }
  const mIndex = new Map<string, number>();
  for (let m = 0; m < M; m++) mIndex.set((members[m] as Member).id, m);

  const { slots, slotById, plans, componentIndex } = indexRubric(
    rubric.components,
    edition.settings.letterValues,
    maxLetter,
  );
  const C = plans.length;
  const sheets = input.sheets.filter((s) => s.editionId === edition.id);
  return {
    inputParticipants,
    participants,
    members,
    P,
    M,
    pIndex,
    mIndex,
    assessed,
    slots,
    slotById,
    plans,
    componentIndex,
    S: slots.length,
    C,
    assigned: assignmentMask(members, componentIndex, pIndex, C, P),
    recused: recusalMask(sheets, pIndex, mIndex, P, M),
    sheets,
  };
};

const indexRubric = (
  components: readonly RubricComponent[],
  letterValues: Readonly<Record<string, number>>,
  maxLetter: number | null,
) => {
  const slots: Slot[] = [];
  const slotById = new Map<string, Slot>();
  const plans: ComponentPlan[] = [];
  const componentIndex = new Map<string, number>();
  // Decided before any slot exists, so a slot is never changed after it is made.
  const lastWithId = new Map<string, Indicator>();
  for (const component of components)
    for (const indicator of component.indicators) lastWithId.set(indicator.id, indicator);
  components.forEach((component, c) => {
    componentIndex.set(component.id, c);
    const levels = component.scale === "levels";
    const start = slots.length;
    for (const indicator of component.indicators) {
      const slot: Slot = {
        index: slots.length,
        component: c,
        indicator,
        letters: levels ? indicator.levels.map((l) => l.letter) : null,
        letterByCode: levels ? letterCodes(indicator.levels.map((l) => l.letter)) : null,
        letterValues: Float64Array.from(levels ? indicator.levels : [], (l) => finiteOrNaN(letterValues[l.letter])),
        denominator: levels ? (maxLetter ?? 0) : (indicator.maxPoints ?? 100),
        canonical: lastWithId.get(indicator.id) === indicator,
      };
      slots.push(slot);
      slotById.set(indicator.id, slot);
    }
    plans.push({
      component,
      levels,
      start,
      end: slots.length,
      plan: rollUpPlan(component.indicators.map((i) => i.aksi)),
    });
  });
  return { slots, slotById, plans, componentIndex };
};

const finiteOrNaN = (x: number | undefined): number => (x !== undefined && Number.isFinite(x) ? x : Number.NaN);

const assignmentMask = (
  members: readonly Member[],
  componentIndex: ReadonlyMap<string, number>,
  pIndex: ReadonlyMap<string, number>,
  C: number,
  P: number,
): Uint8Array => {
  const M = members.length;
  const assigned = new Uint8Array(C * P * M);
  for (let m = 0; m < M; m++) {
    for (const a of (members[m] as Member).assignments) {
      const c = componentIndex.get(a.componentId);
      if (c === undefined) continue;
      for (const pid of a.participantIds) {
        const p = pIndex.get(pid);
        if (p !== undefined) assigned[(c * P + p) * M + m] = 1;
      }
    }
  }
  return assigned;
};

const recusalMask = (
  sheets: readonly SheetRecord[],
  pIndex: ReadonlyMap<string, number>,
  mIndex: ReadonlyMap<string, number>,
  P: number,
  M: number,
): Uint8Array => {
  const recused = new Uint8Array(P * M);
  for (const s of sheets) {
    const p = pIndex.get(s.participantId);
    const m = mIndex.get(s.memberId);
    if (p !== undefined && m !== undefined && s.recused) recused[p * M + m] = 1;
  }
  return recused;
};

/**
 * Raw values (letter value or points) by (participant, member) row and slot:
 * row r holds slot i at `values[r × S + i]`, NaN when not graded. Rows are
 * carved from one buffer in order of first grade (`rowOf[cell]`, −1 for a
 * cell never graded), so memory follows the grades, not P × M × S.
 */
export type ScoreTable = {
  rowOf: Int32Array;
  values: Float64Array;
  /** [(component × P + participant) × M + member]: how many of the component's indicators the cell has graded. */
  graded: Int32Array;
};

/** The (participant × M + member) cell's first value index, or −1 when the cell has no grade. */
export const rowStart = (table: ScoreTable, cell: number, S: number): number => {
  const row = table.rowOf[cell] as number;
  return row < 0 ? -1 : row * S;
};

/** A buffer of at least `length` values: the old values, then NaN. */
const grow = (values: Float64Array, length: number): Float64Array => {
  const grown = new Float64Array(Math.max(length, values.length * 2)).fill(Number.NaN);
  grown.set(values);
  return grown;
};

const reviewItem = (s: ScoreRecord, reason: NeedsReviewReason): NeedsReviewItem => ({
  scoreKey: s.key,
  participantId: s.participantId,
  memberId: s.memberId,
  componentId: s.componentId,
  indicatorId: s.indicatorId,
  reason,
});

const ASCII = 128;

const letterCodes = (letters: readonly string[]): Int8Array | null => {
  if (letters.length >= ASCII || letters.some((l) => l.length !== 1 || l.charCodeAt(0) >= ASCII)) return null;
  const byCode = new Int8Array(ASCII);
  // The last letter wins, as in the string search below.
  letters.forEach((l, k) => {
    byCode[l.charCodeAt(0)] = k + 1;
  });
  return byCode;
};

/** The letter's value, NaN for a level the letter map does not value, undefined for a letter that is not a level. */
const letterValue = (slot: Slot, letter: string): number | undefined => {
  const byCode = slot.letterByCode;
  if (byCode !== null) {
    const code = letter.length === 1 ? letter.charCodeAt(0) : ASCII;
    const k = code < ASCII ? (byCode[code] as number) : 0;
    return k === 0 ? undefined : slot.letterValues[k - 1];
  }
  const letters = slot.letters as readonly string[];
  for (let k = letters.length - 1; k >= 0; k--) if (letters[k] === letter) return slot.letterValues[k];
  return undefined;
};

/** The single pass over the scores; appends what cannot be placed to `needsReview`. */
export const tabulateScores = (
  scores: readonly ScoreRecord[],
  editionId: string,
  index: EditionIndex,
  needsReview: NeedsReviewItem[],
): ScoreTable => {
  const { P, M, S, slots, slotById, plans, pIndex, mIndex, assigned } = index;
  // A full sheet per cell is the common case; the buffer doubles when sheets are partial.
  const expectedRows = Math.min(P * M, Math.ceil(scores.length / Math.max(1, S)));
  // The buffer and row count stay in locals while the loop runs: V8 optimises the loop
  // early in the first call, and mutating an object's fields inside it would deoptimise it.
  const rowOf = new Int32Array(P * M).fill(-1);
  const graded = new Int32Array(index.C * P * M);
  let values: Float64Array = new Float64Array(Math.max(1, expectedRows) * S).fill(Number.NaN);
  let rows = 0;
  // Records usually arrive grouped by sheet in rubric order, so the previous
  // lookups (and the slot after the previous one) are the likely answers.
  let lastParticipantId = "";
  let lastP: number | undefined;
  let lastMemberId = "";
  let lastM: number | undefined;
  let lastSlot = -1;
  for (let k = 0; k < scores.length; k++) {
    const s = scores[k] as ScoreRecord;
    if (s.editionId !== editionId) continue;
    const next = slots[lastSlot + 1];
    const slot = next?.canonical && next.indicator.id === s.indicatorId ? next : slotById.get(s.indicatorId);
    if (!slot) {
      needsReview.push(reviewItem(s, "unknown-indicator"));
      continue;
    }
    lastSlot = slot.index;
    // A cleared cell (note only) is simply not scored.
    if (s.level === null && s.points === null) continue;
    if (s.participantId !== lastParticipantId) {
      lastParticipantId = s.participantId;
      lastP = pIndex.get(s.participantId);
    }
    const p = lastP;
    if (p === undefined) {
      needsReview.push(reviewItem(s, "unknown-participant"));
      continue;
    }
    if (s.memberId !== lastMemberId) {
      lastMemberId = s.memberId;
      lastM = mIndex.get(s.memberId);
    }
    const m = lastM;
    if (m === undefined) {
      needsReview.push(reviewItem(s, "unknown-member"));
      continue;
    }
    if (s.componentId !== (plans[slot.component] as ComponentPlan).component.id) {
      needsReview.push(reviewItem(s, "component-mismatch"));
      continue;
    }
    let value: number;
    if (slot.letters) {
      if (s.level === null) {
        needsReview.push(reviewItem(s, "wrong-scale"));
        continue;
      }
      const v = letterValue(slot, s.level);
      if (v === undefined) {
        needsReview.push(reviewItem(s, "unknown-level"));
        continue;
      }
      if (Number.isNaN(v) || !(slot.denominator > 0)) {
        needsReview.push(reviewItem(s, "letter-without-value"));
        continue;
      }
      value = v;
    } else {
      if (s.points === null) {
        needsReview.push(reviewItem(s, "wrong-scale"));
        continue;
      }
      if (!Number.isFinite(s.points) || s.points < 0 || s.points > slot.denominator) {
        needsReview.push(reviewItem(s, "points-out-of-range"));
        continue;
      }
      value = s.points;
    }
    const gradedAt = (slot.component * P + p) * M + m;
    if (!assigned[gradedAt]) {
      needsReview.push(reviewItem(s, "not-assigned"));
      continue;
    }
    const cell = p * M + m;
    let row = rowOf[cell] as number;
    if (row < 0) {
      row = rows++;
      rowOf[cell] = row;
      if (rows * S > values.length) values = grow(values, rows * S);
    }
    const at = row * S + slot.index;
    if (!Number.isNaN(values[at] as number)) {
      needsReview.push(reviewItem(s, "duplicate"));
      continue;
    }
    values[at] = value;
    graded[gradedAt] = (graded[gradedAt] as number) + 1;
  }
  return { rowOf, values, graded };
};
