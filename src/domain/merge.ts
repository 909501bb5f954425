/*
 * Per-field last-writer-wins merge of the synced records, shared by device and server.
 *
 * Invariant: each stamp-field is a register totally ordered by (stamp, written-over-default,
 * JSON of value); a missing stamp sorts below every stamp. Merge keeps the greater register
 * per field, so it is commutative, associative and idempotent, and `applyMutation` is a
 * merge with the record the mutation describes: device and server converge whatever order
 * mutations arrive in. Equal stamps with different values should never happen (the stamp
 * embeds the device id); if they do, the value order still picks one winner everywhere.
 * `version` merges by max.
 *
 * A score's grade register holds level, points and the rubric version they were made
 * against, so a grade never ends up paired with another write's rubric version.
 */
import { compareStamps } from "./hlc.ts";
import { nominationKey, scoreKey, sheetKey } from "./keys.ts";
import type { MutationData, NominationMutationData, ScoreMutationData, SheetMutationData } from "./schemas.ts";
import type {
  NominationField,
  NominationRecord,
  ScoreField,
  ScoreRecord,
  SheetField,
  SheetRecord,
  Stamp,
} from "./types.ts";

export type SyncedRecord = ScoreRecord | SheetRecord | NominationRecord;
export type SheetStampField = SheetField | "recusalReason" | "reopenReason";
export type StampField = ScoreField | SheetStampField | NominationField;
export type SyncTable = MutationData["table"];

export type RecordOf<T extends SyncTable> = {
  scores: ScoreRecord;
  sheets: SheetRecord;
  nominations: NominationRecord;
}[T];

export type FieldOf<T extends SyncTable> = {
  scores: ScoreField;
  sheets: SheetStampField;
  nominations: NominationField;
}[T];

export const SCORE_FIELDS = ["grade", "note"] as const satisfies readonly ScoreField[];
export const SHEET_FIELDS = [
  "strengths",
  "recommendations",
  "recused",
  "recusalReason",
  "finalised",
  "reopenReason",
] as const satisfies readonly SheetStampField[];
export const NOMINATION_FIELDS = ["nominated", "reason"] as const satisfies readonly NominationField[];

export type Overwrite<F extends string = StampField> = {
  field: F;
  /** As the user sees it: for "grade", `{ level, points }`. */
  previousValue: unknown;
  previousStamp: Stamp;
  newValue: unknown;
  newStamp: Stamp;
};

export type ApplyResult<R extends SyncedRecord, F extends string> = {
  record: R;
  /** Fields the mutation won. */
  changed: F[];
  /** Won fields that replaced a value someone else had written: "Tablet B changed C→B at 14:02". */
  overwritten: Overwrite<F>[];
  /** Fields where the record already held a later (or the same) write. */
  ignored: F[];
};

type Spec<R extends SyncedRecord, F extends string> = {
  fields: readonly F[];
  /** The identity's members, in the order its JSON lists them. */
  identityKeys: readonly (keyof R & string)[];
  identity: (r: R) => Record<string, unknown>;
  get: (r: R, f: F) => unknown;
  /** Writes `value` into `r` in place: only ever called on a copy the caller has just made. */
  assign: (r: R, f: F, value: unknown) => void;
  shown: (r: R, f: F) => unknown;
  isDefault: (value: unknown) => boolean;
};

type GradeRegister = { level: string | null; points: number | null; rubricVersion: number };

const scoreSpec: Spec<ScoreRecord, ScoreField> = {
  fields: SCORE_FIELDS,
  identityKeys: ["key", "editionId", "participantId", "componentId", "indicatorId", "memberId"],
  identity: (r) => ({
    key: r.key,
    editionId: r.editionId,
    participantId: r.participantId,
    componentId: r.componentId,
    indicatorId: r.indicatorId,
    memberId: r.memberId,
  }),
  get: (r, f) =>
    f === "grade"
      ? ({ level: r.level, points: r.points, rubricVersion: r.rubricVersion } satisfies GradeRegister)
      : r.note,
  assign: (r, f, value) => {
    if (f === "note") {
      r.note = value as string;
      return;
    }
    const g = value as GradeRegister;
    r.level = g.level;
    r.points = g.points;
    r.rubricVersion = g.rubricVersion;
  },
  shown: (r, f) => (f === "grade" ? { level: r.level, points: r.points } : r.note),
  isDefault: (value) =>
    typeof value === "object" && value !== null
      ? (value as GradeRegister).level === null && (value as GradeRegister).points === null
      : value === "",
};

const plainSpec = <R extends SheetRecord | NominationRecord, F extends string & keyof R>(
  fields: readonly F[],
  identity: (r: R) => Record<string, unknown>,
): Spec<R, F> => ({
  fields,
  identityKeys: Object.keys(identity({} as R)) as (keyof R & string)[],
  identity,
  get: (r, f) => r[f],
  // An optional field never written (a sheet's reopenReason) stays absent, so older records compare equal.
  assign: (r, f, value) => {
    if (value !== undefined) r[f] = value as R[F];
    else delete r[f];
  },
  shown: (r, f) => r[f],
  isDefault: (value) => value === "" || value === false || value === undefined,
});

const sheetSpec = plainSpec<SheetRecord, SheetStampField>(SHEET_FIELDS, (r) => ({
  key: r.key,
  editionId: r.editionId,
  participantId: r.participantId,
  memberId: r.memberId,
}));

const nominationSpec = plainSpec<NominationRecord, NominationField>(NOMINATION_FIELDS, (r) => ({
  key: r.key,
  editionId: r.editionId,
  participantId: r.participantId,
  memberId: r.memberId,
  category: r.category,
}));

const json = (value: unknown): string => JSON.stringify(value) ?? "";

/** Code-unit order, never localeCompare, so every device agrees. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The register order: stamp, then a written value over a default one, then the values' JSON. */
const compareRegisters = <R extends SyncedRecord, F extends string>(
  spec: Spec<R, F>,
  stampA: Stamp | undefined,
  valueA: unknown,
  stampB: Stamp | undefined,
  valueB: unknown,
): number =>
  compareStamps(stampA ?? "", stampB ?? "") ||
  Number(spec.isDefault(valueB)) - Number(spec.isDefault(valueA)) ||
  // The same value (a field neither side wrote) has the same JSON: no need to write it out twice.
  (valueA === valueB ? 0 : compareText(json(valueA), json(valueB)));

const stampOf = <R extends SyncedRecord, F extends string>(r: R, f: F): Stamp | undefined =>
  (r.stamps as Partial<Record<F, Stamp>>)[f];

/** Equal identity members give equal identity JSON (order 0), without writing either out. */
const sameIdentity = <R extends SyncedRecord, F extends string>(spec: Spec<R, F>, a: R, b: R): boolean =>
  spec.identityKeys.every((k) => a[k] === b[k]);

/** One copy of the base, filled in place: a push merges every change it applies (src/server/push.ts). */
const mergeWith = <R extends SyncedRecord, F extends string>(spec: Spec<R, F>, a: R, b: R): R => {
  // Same key means same identity; the JSON comparison only keeps the laws if that is ever broken.
  const base = sameIdentity(spec, a, b) || compareText(json(spec.identity(a)), json(spec.identity(b))) >= 0 ? a : b;
  const out: R = { ...base, version: Math.max(a.version, b.version) };
  const stamps: Partial<Record<F, Stamp>> = {};
  for (const f of spec.fields) {
    const winner = compareRegisters(spec, stampOf(a, f), spec.get(a, f), stampOf(b, f), spec.get(b, f)) >= 0 ? a : b;
    spec.assign(out, f, spec.get(winner, f));
    const stamp = stampOf(winner, f);
    if (stamp !== undefined) stamps[f] = stamp;
  }
  out.stamps = stamps as R["stamps"];
  return out;
};

export const mergeScore = (a: ScoreRecord, b: ScoreRecord): ScoreRecord => mergeWith(scoreSpec, a, b);
export const mergeSheet = (a: SheetRecord, b: SheetRecord): SheetRecord => mergeWith(sheetSpec, a, b);
export const mergeNomination = (a: NominationRecord, b: NominationRecord): NominationRecord =>
  mergeWith(nominationSpec, a, b);

export const mergeRecord = <T extends SyncTable>(table: T, a: RecordOf<T>, b: RecordOf<T>): RecordOf<T> => {
  switch (table) {
    case "scores":
      return mergeScore(a as ScoreRecord, b as ScoreRecord) as RecordOf<T>;
    case "sheets":
      return mergeSheet(a as SheetRecord, b as SheetRecord) as RecordOf<T>;
    default:
      return mergeNomination(a as NominationRecord, b as NominationRecord) as RecordOf<T>;
  }
};

export const emptyScoreRecord = (identity: ScoreMutationData["identity"]): ScoreRecord => ({
  key: scoreKey(identity.editionId, identity.participantId, identity.indicatorId, identity.memberId),
  editionId: identity.editionId,
  participantId: identity.participantId,
  componentId: identity.componentId,
  indicatorId: identity.indicatorId,
  memberId: identity.memberId,
  level: null,
  points: null,
  note: "",
  rubricVersion: identity.rubricVersion,
  stamps: {},
  version: 0,
});

export const emptySheetRecord = (identity: SheetMutationData["identity"]): SheetRecord => ({
  key: sheetKey(identity.editionId, identity.participantId, identity.memberId),
  editionId: identity.editionId,
  participantId: identity.participantId,
  memberId: identity.memberId,
  strengths: "",
  recommendations: "",
  recused: false,
  recusalReason: "",
  finalised: false,
  stamps: {},
  version: 0,
});

export const emptyNominationRecord = (identity: NominationMutationData["identity"]): NominationRecord => ({
  key: nominationKey(identity.editionId, identity.participantId, identity.memberId, identity.category),
  editionId: identity.editionId,
  participantId: identity.participantId,
  memberId: identity.memberId,
  category: identity.category,
  nominated: false,
  reason: "",
  stamps: {},
  version: 0,
});

type Prepared<R extends SyncedRecord, F extends string> = { spec: Spec<R, F>; empty: R; changes: Array<[F, unknown]> };

const defined = <F extends string>(changes: Partial<Record<F, unknown>>, fields: readonly F[]): Array<[F, unknown]> =>
  fields.filter((f) => changes[f] !== undefined).map((f) => [f, changes[f]]);

const prepare = (m: MutationData): Prepared<SyncedRecord, StampField> => {
  switch (m.table) {
    case "scores": {
      const changes: Array<[ScoreField, unknown]> = [];
      if (m.changes.grade !== undefined)
        changes.push([
          "grade",
          {
            level: m.changes.grade.level,
            points: m.changes.grade.points,
            rubricVersion: m.identity.rubricVersion,
          } satisfies GradeRegister,
        ]);
      if (m.changes.note !== undefined) changes.push(["note", m.changes.note]);
      return { spec: scoreSpec, empty: emptyScoreRecord(m.identity), changes } as Prepared<SyncedRecord, StampField>;
    }
    case "sheets":
      return {
        spec: sheetSpec,
        empty: emptySheetRecord(m.identity),
        changes: defined(m.changes, SHEET_FIELDS),
      } as Prepared<SyncedRecord, StampField>;
    case "nominations":
      return {
        spec: nominationSpec,
        empty: emptyNominationRecord(m.identity),
        changes: defined(m.changes, NOMINATION_FIELDS),
      } as Prepared<SyncedRecord, StampField>;
  }
};

const incomingOf = (
  m: MutationData,
): { spec: Spec<SyncedRecord, StampField>; record: SyncedRecord; changes: Array<[StampField, unknown]> } => {
  const { spec, empty, changes } = prepare(m);
  // `empty` is a fresh record of this call's own: filled in place.
  const record = empty;
  const stamps: Partial<Record<StampField, Stamp>> = {};
  for (const [f, value] of changes) {
    spec.assign(record, f, value);
    stamps[f] = m.stamp;
  }
  record.stamps = stamps;
  return { spec, record, changes };
};

/** The record a mutation describes on its own: its changes, stamped, over defaults. */
export function recordFromMutation(m: ScoreMutationData): ScoreRecord;
export function recordFromMutation(m: SheetMutationData): SheetRecord;
export function recordFromMutation(m: NominationMutationData): NominationRecord;
export function recordFromMutation(m: MutationData): SyncedRecord;
export function recordFromMutation(m: MutationData): SyncedRecord {
  return incomingOf(m).record;
}

/**
 * Merges the record a mutation describes into `current` (or creates it from the mutation's
 * identity), so device and server agree whatever order mutations arrive in, and reports
 * which of the mutation's fields won. Throws only on a programming error: a record whose
 * key is not the mutation's.
 */
export function applyMutation(
  current: ScoreRecord | undefined,
  mutation: ScoreMutationData,
): ApplyResult<ScoreRecord, ScoreField>;
export function applyMutation(
  current: SheetRecord | undefined,
  mutation: SheetMutationData,
): ApplyResult<SheetRecord, SheetStampField>;
export function applyMutation(
  current: NominationRecord | undefined,
  mutation: NominationMutationData,
): ApplyResult<NominationRecord, NominationField>;
export function applyMutation(
  current: SyncedRecord | undefined,
  mutation: MutationData,
): ApplyResult<SyncedRecord, StampField>;
export function applyMutation(
  current: SyncedRecord | undefined,
  mutation: MutationData,
): ApplyResult<SyncedRecord, StampField> {
  const { spec, record: incoming, changes } = incomingOf(mutation);
  if (current !== undefined && current.key !== mutation.key)
    throw new Error(`applyMutation: record key "${current.key}" is not the mutation's "${mutation.key}"`);
  const base = current ?? incoming;
  const result: ApplyResult<SyncedRecord, StampField> = {
    record: mergeWith(spec, base, incoming),
    changed: [],
    overwritten: [],
    ignored: [],
  };
  for (const [f, value] of changes) {
    const previousStamp = current === undefined ? undefined : stampOf(current, f);
    if (
      current !== undefined &&
      compareRegisters(spec, mutation.stamp, value, previousStamp, spec.get(current, f)) <= 0
    ) {
      result.ignored.push(f);
      continue;
    }
    result.changed.push(f);
    if (current === undefined || previousStamp === undefined) continue;
    const previousValue = spec.shown(current, f);
    const newValue = spec.shown(result.record, f);
    if (json(previousValue) !== json(newValue))
      result.overwritten.push({ field: f, previousValue, previousStamp, newValue, newStamp: mutation.stamp });
  }
  return result;
}
