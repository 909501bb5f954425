/*
 * Validating a pushed mutation, with a fast path for the common one: a score change
 * exactly as a tablet's sync worker writes it.
 *
 * Invariant: `validateMutation(input)` returns what `validate(MutationSchema, input)`
 * returns — the same verdict, the same errors, and for an accepted mutation the same
 * value with the same keys in the same order (so the same payload hash). The fast path
 * only ever answers "valid, and this is the value" or "not sure"; every "not sure" (any
 * other table, a value that would be trimmed, an unexpected type, any error at all) goes
 * to MutationSchema, which decides and words the errors. tests/domain/mutation-fast-path
 * .test.ts checks the equivalence over fuzzed valid and broken inputs.
 *
 * Why a second reading of one schema: valibot walks its generic pipes for every field
 * of every change, ~2.5 µs a score mutation; a push of 10,000 taps spent ~25 ms there
 * (the push benchmark). The checks below are the schema's own constants and rules
 * (record-schemas.ts, schema-core.ts), in its order of keys (`sortedObject`).
 */
import { parseStamp, NODE_RE } from "./hlc.ts";
import { scoreKey } from "./keys.ts";
import { MUTATION_ID_MAX, MutationSchema, type MutationData, type ScoreMutationData } from "./record-schemas.ts";
import { ID_MAX, LEVEL_LETTER_RE, NOTE_MAX, type ValidationResult, validate } from "./schema-core.ts";
import type { Locale } from "./types.ts";

/** A plain object as JSON.parse makes it: anything else is left to the schema. */
const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** identity(): a string that trimming leaves as it is, not empty, at most ID_MAX. */
const isIdentity = (x: unknown): x is string =>
  typeof x === "string" && x.length > 0 && x.length <= ID_MAX && x.trim() === x;

/** count(): a whole number from 0 to MAX_SAFE_INTEGER. */
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

type Grade = { level: string | null; points: number | null };

const gradeOf = (x: unknown): Grade | null => {
  if (!isPlainObject(x) || !("level" in x) || !("points" in x)) return null;
  const { level, points } = x;
  // LEVEL_LETTER_RE admits no whitespace, so a letter the schema would trim first is left to it.
  if (level !== null && (typeof level !== "string" || !LEVEL_LETTER_RE.test(level))) return null;
  if (points !== null && (typeof points !== "number" || !Number.isFinite(points) || points < 0)) return null;
  // Only one of the two (notBothGrades).
  if (level !== null && points !== null) return null;
  return { level, points };
};

type ScoreChanges = ScoreMutationData["changes"];

const changesOf = (x: unknown): ScoreChanges | null => {
  if (!isPlainObject(x)) return null;
  const out: ScoreChanges = {};
  if ("grade" in x) {
    const grade = gradeOf(x.grade);
    if (!grade) return null;
    out.grade = grade;
  }
  if ("note" in x) {
    if (typeof x.note !== "string" || x.note.length > NOTE_MAX) return null;
    out.note = x.note;
  }
  // hasChanges: at least one field.
  return out.grade === undefined && out.note === undefined ? null : out;
};

/** A valid score mutation in MutationSchema's output form, or null when the schema must decide. */
export const fastScoreMutation = (x: unknown): ScoreMutationData | null => {
  if (!isPlainObject(x) || x.table !== "scores") return null;
  const { identity: id, deviceId, stamp, key, mutationId, seq, baseVersion } = x;
  if (!isPlainObject(id)) return null;
  const { componentId, editionId, indicatorId, memberId, participantId, rubricVersion } = id;
  if (
    !isIdentity(componentId) ||
    !isIdentity(editionId) ||
    !isIdentity(indicatorId) ||
    !isIdentity(memberId) ||
    !isIdentity(participantId) ||
    !isCount(rubricVersion)
  )
    return null;
  const changes = changesOf(x.changes);
  if (!changes) return null;
  if (typeof deviceId !== "string" || !NODE_RE.test(deviceId)) return null;
  // parseStamp is STAMP_RE's reading: null for anything that is not a stamp.
  if (typeof stamp !== "string" || parseStamp(stamp)?.node !== deviceId) return null;
  if (!isIdentity(key) || key !== scoreKey(editionId, participantId, indicatorId, memberId)) return null;
  if (typeof mutationId !== "string" || mutationId.length === 0 || mutationId.length > MUTATION_ID_MAX) return null;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1 || !isCount(baseVersion)) return null;
  // The schema's key order (sortedObject): canonical JSON's, so the payload hash needs no sorted copy.
  return {
    baseVersion,
    changes,
    deviceId,
    identity: { componentId, editionId, indicatorId, memberId, participantId, rubricVersion },
    key,
    mutationId,
    seq: seq as number,
    stamp,
    table: "scores",
  };
};

/** `validate(MutationSchema, input, locale)`, through the fast path when it can answer. */
export const validateMutation = (input: unknown, locale: Locale): ValidationResult<MutationData> => {
  const fast = fastScoreMutation(input);
  return fast ? { ok: true, value: fast } : validate(MutationSchema, input, locale);
};
