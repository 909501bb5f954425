/*
 * Runtime twins of the synced record types in `types.ts` (scores, sheets,
 * nominations) and of the wire `Mutation`, plus the repair step for records
 * read back from storage.
 *
 * Invariant: every schema's output is assignable to its type (checked at compile
 * time with `satisfies`), and anything crossing a trust boundary (wire, storage,
 * import) goes through one of these before the rest of the app sees it.
 *
 * `MutationSchema` lives here rather than in protocol because domain (merge) needs
 * the mutation's shape and may not import protocol; protocol re-exports it.
 */
import * as v from "valibot";
import { parseStamp, STAMP_RE } from "./hlc.ts";
import { nominationKey, scoreKey, sheetKey } from "./keys.ts";
import type {
  AwardCategory,
  Indicator,
  Locale,
  NominationRecord,
  Rubric,
  RubricComponent,
  ScoreRecord,
  SheetRecord,
} from "./types.ts";
import {
  DEFAULT_MAX_POINTS,
  code,
  wordCustom,
  RECORD_LABELS,
  labelled,
  validate,
  identity,
  longText,
  count,
  StampSchema,
  DeviceIdSchema,
  LevelLetterSchema,
  AwardCategorySchema,
  pathTo,
  line,
  SCHEMA_LABELS,
} from "./schema-core.ts";

const GradeEntries = {
  level: v.nullable(LevelLetterSchema),
  points: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
};

const notBothGrades = <T extends { level: string | null; points: number | null }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (dataset.value.level !== null && dataset.value.points !== null)
      addIssue({ message: code("level_and_points"), path: pathTo(dataset.value, ["points"]) });
  });

const keyMatches = <T extends { key: string }>(expected: (value: T) => string) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const want = expected(dataset.value);
    if (dataset.value.key !== want)
      addIssue({ message: code("key_mismatch", want), path: pathTo(dataset.value, ["key"]) });
  });

/** A sheet's and a nomination's identity: one member's record about one participant. */
const MemberRecordIds = {
  key: identity(),
  editionId: identity(),
  participantId: identity(),
  memberId: identity(),
};

export const ScoreRecordSchema = labelled(
  v.pipe(
    v.object({
      key: identity(),
      editionId: identity(),
      participantId: identity(),
      componentId: identity(),
      indicatorId: identity(),
      memberId: identity(),
      ...GradeEntries,
      note: longText(),
      rubricVersion: count(),
      stamps: v.object({ grade: v.optional(StampSchema), note: v.optional(StampSchema) }),
      version: count(),
    }),
    notBothGrades(),
    keyMatches((s) => scoreKey(s.editionId, s.participantId, s.indicatorId, s.memberId)),
  ),
  RECORD_LABELS.score,
) satisfies v.GenericSchema<unknown, ScoreRecord>;

export const SheetRecordSchema = labelled(
  v.pipe(
    v.object({
      ...MemberRecordIds,
      strengths: longText(),
      recommendations: longText(),
      recused: v.boolean(),
      recusalReason: longText(),
      finalised: v.boolean(),
      reopenReason: v.optional(longText()),
      stamps: v.object({
        strengths: v.optional(StampSchema),
        recommendations: v.optional(StampSchema),
        recused: v.optional(StampSchema),
        recusalReason: v.optional(StampSchema),
        finalised: v.optional(StampSchema),
        reopenReason: v.optional(StampSchema),
      }),
      version: count(),
    }),
    keyMatches((s) => sheetKey(s.editionId, s.participantId, s.memberId)),
  ),
  RECORD_LABELS.sheet,
) satisfies v.GenericSchema<unknown, SheetRecord>;

export const NominationRecordSchema = labelled(
  v.pipe(
    v.object({
      ...MemberRecordIds,
      category: AwardCategorySchema,
      nominated: v.boolean(),
      reason: longText(),
      stamps: v.object({ nominated: v.optional(StampSchema), reason: v.optional(StampSchema) }),
      version: count(),
    }),
    keyMatches((n) => nominationKey(n.editionId, n.participantId, n.memberId, n.category)),
  ),
  RECORD_LABELS.nomination,
) satisfies v.GenericSchema<unknown, NominationRecord>;

// Mutation (wire). Shape is `Mutation` of src/protocol/mutation.ts.

/**
 * An object schema whose entries are in code-unit order. Valibot builds its output in
 * entry order, so a validated mutation comes out in canonical JSON's key order at every
 * level and the server hashes it (push.ts `payloadHash`) without a sorted copy of each
 * one. Only an optimisation: canonical-json.ts checks the order and sorts what is not.
 */
const sortedObject = <E extends v.ObjectEntries>(entries: E) =>
  v.object(Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as E);

/** A mutation id's longest form; ids are not trimmed. */
export const MUTATION_ID_MAX = 64;

const envelope = {
  mutationId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MUTATION_ID_MAX)),
  deviceId: DeviceIdSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  key: identity(),
  baseVersion: count(),
  stamp: StampSchema,
};

const GradeSchema = v.pipe(v.object(GradeEntries), notBothGrades());

const hasChanges = <T extends { changes: object }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const changes = dataset.value.changes as Record<string, unknown>;
    if (Object.values(changes).every((c) => c === undefined))
      addIssue({ message: code("changes_empty"), path: pathTo(dataset.value, ["changes"]) });
  });

const stampFromDevice = <T extends { stamp: string; deviceId: string }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (parseStamp(dataset.value.stamp)?.node !== dataset.value.deviceId)
      addIssue({ message: code("stamp_device"), path: pathTo(dataset.value, ["stamp"]) });
  });

const ScoreMutationSchema = v.pipe(
  sortedObject({
    table: v.literal("scores"),
    identity: sortedObject({
      editionId: identity(),
      participantId: identity(),
      componentId: identity(),
      indicatorId: identity(),
      memberId: identity(),
      rubricVersion: count(),
    }),
    changes: sortedObject({ grade: v.optional(GradeSchema), note: v.optional(longText()) }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) =>
    scoreKey(m.identity.editionId, m.identity.participantId, m.identity.indicatorId, m.identity.memberId),
  ),
);

const SheetMutationSchema = v.pipe(
  sortedObject({
    table: v.literal("sheets"),
    identity: sortedObject({ editionId: identity(), participantId: identity(), memberId: identity() }),
    changes: sortedObject({
      strengths: v.optional(longText()),
      recommendations: v.optional(longText()),
      recused: v.optional(v.boolean()),
      recusalReason: v.optional(longText()),
      finalised: v.optional(v.boolean()),
    }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) => sheetKey(m.identity.editionId, m.identity.participantId, m.identity.memberId)),
);

const NominationMutationSchema = v.pipe(
  sortedObject({
    table: v.literal("nominations"),
    identity: sortedObject({
      editionId: identity(),
      participantId: identity(),
      memberId: identity(),
      category: AwardCategorySchema,
    }),
    changes: sortedObject({ nominated: v.optional(v.boolean()), reason: v.optional(longText()) }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) =>
    nominationKey(m.identity.editionId, m.identity.participantId, m.identity.memberId, m.identity.category),
  ),
);

export const MutationSchema = labelled(
  v.variant("table", [ScoreMutationSchema, SheetMutationSchema, NominationMutationSchema]),
  RECORD_LABELS.mutation,
);

/**
 * The domain's view of a wire mutation; structurally the same as protocol's `Mutation`
 * (tests/domain/schemas.test.ts checks both directions).
 */
export type MutationData = v.InferOutput<typeof MutationSchema>;
export type ScoreMutationData = Extract<MutationData, { table: "scores" }>;
export type SheetMutationData = Extract<MutationData, { table: "sheets" }>;
export type NominationMutationData = Extract<MutationData, { table: "nominations" }>;

// Repair: records loaded from storage may predate a field; fill defaults, then validate.

export type Repaired<T> = { record: T; errors: [] } | { record: null; errors: string[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

const withDefaults = (data: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...data };
  for (const [k, d] of Object.entries(defaults)) if (out[k] === undefined || out[k] === null) out[k] = d;
  return out;
};

/** A malformed stamp only loses its field's protection in merges; dropping it keeps the record's data. */
const cleanStamps = (stamps: unknown, fields: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!isObject(stamps)) return out;
  for (const f of fields) {
    const s = stamps[f];
    if (typeof s === "string" && STAMP_RE.test(s)) out[f] = s;
  }
  return out;
};

const repair = <S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  defaults: Record<string, unknown>,
  stampFields: readonly string[],
  deriveKey: (d: Record<string, unknown>) => string | null,
  locale: Locale,
): Repaired<v.InferOutput<S>> => {
  const root = SCHEMA_LABELS.get(schema);
  if (!isObject(data)) {
    const message = wordCustom(code("not_an_object"), locale) ?? "";
    return { record: null, errors: [root ? `${root[locale]}: ${message}` : message] };
  }
  const filled = withDefaults(data, defaults);
  filled.stamps = cleanStamps(data.stamps, stampFields);
  if (typeof filled.key !== "string" || filled.key === "") {
    const key = deriveKey(filled);
    if (key !== null) filled.key = key;
  }
  const result = validate(schema, filled, locale);
  return result.ok ? { record: result.value, errors: [] } : { record: null, errors: result.errors };
};

const str = (x: unknown): x is string => typeof x === "string" && x !== "";

export const repairScoreRecord = (data: unknown, locale: Locale = "id"): Repaired<ScoreRecord> =>
  repair(
    ScoreRecordSchema,
    data,
    { level: null, points: null, note: "", version: 0 },
    ["grade", "note"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.indicatorId) && str(d.memberId)
        ? scoreKey(d.editionId, d.participantId, d.indicatorId, d.memberId)
        : null,
    locale,
  );

export const repairSheetRecord = (data: unknown, locale: Locale = "id"): Repaired<SheetRecord> =>
  repair(
    SheetRecordSchema,
    data,
    { strengths: "", recommendations: "", recused: false, recusalReason: "", finalised: false, version: 0 },
    ["strengths", "recommendations", "recused", "recusalReason", "finalised"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.memberId)
        ? sheetKey(d.editionId, d.participantId, d.memberId)
        : null,
    locale,
  );

export const repairNominationRecord = (data: unknown, locale: Locale = "id"): Repaired<NominationRecord> =>
  repair(
    NominationRecordSchema,
    data,
    { nominated: false, reason: "", version: 0 },
    ["nominated", "reason"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.memberId) && str(d.category)
        ? nominationKey(d.editionId, d.participantId, d.memberId, d.category as AwardCategory)
        : null,
    locale,
  );

/** A score against its rubric: the indicator exists, and the grade fits its scale. */
/** What `checkScore` reads of a score: where it sits and its grade. */
export type ScoreGradeCheck = Pick<ScoreRecord, "componentId" | "indicatorId" | "level" | "points">;

export const checkScore = (score: ScoreGradeCheck, rubric: Rubric, locale: Locale = "id"): string[] => {
  // Plain loops: a push checks every change twice, and a closure or array per check adds up to MBs of garbage.
  let component: RubricComponent | undefined;
  let indicator: Indicator | undefined;
  for (const c of rubric.components) {
    for (const i of c.indicators)
      if (i.id === score.indicatorId) {
        indicator = i;
        break;
      }
    if (indicator) {
      component = c;
      break;
    }
  }
  if (!component || !indicator)
    return [line(RECORD_LABELS.score, ["indicatorId"], code("unknown_ref", score.indicatorId), locale)];
  const errors: string[] = [];
  if (component.id !== score.componentId)
    errors.push(line(RECORD_LABELS.score, ["componentId"], code("not_in", component.id), locale));
  const componentName = component.name[locale] ?? component.name.id;
  if (component.scale === "levels") {
    if (score.points !== null)
      errors.push(line(RECORD_LABELS.score, ["points"], code("grade_wrong_scale", componentName), locale));
    const level = score.level;
    if (level !== null && !indicator.levels.some((l) => l.letter === level)) {
      const letters = indicator.levels.map((l) => l.letter);
      errors.push(line(RECORD_LABELS.score, ["level"], code("not_in", letters.join(", ")), locale));
    }
  } else {
    if (score.level !== null)
      errors.push(line(RECORD_LABELS.score, ["level"], code("grade_wrong_scale", componentName), locale));
    const max = indicator.maxPoints ?? DEFAULT_MAX_POINTS;
    if (score.points !== null && score.points > max)
      errors.push(line(RECORD_LABELS.score, ["points"], code("points_over_max", max), locale));
  }
  return errors;
};
