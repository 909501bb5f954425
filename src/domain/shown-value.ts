/*
 * The user-facing value of one field of a synced record: what the audit log, the
 * change notices and the refused-changes list show. A score's `grade` field is its
 * level and points together; a field that is absent (or a record that does not
 * exist) shows as null, never undefined, so stored and sent copies compare equal.
 */
import type { NominationRecord, ScoreRecord, SheetRecord } from "./types.ts";

export type ShownRecord = ScoreRecord | SheetRecord | NominationRecord;

export const shownValue = (record: ShownRecord | undefined | null, field: string): unknown => {
  if (!record) return null;
  if (field === "grade") {
    const s = record as ScoreRecord;
    return { level: s.level, points: s.points };
  }
  return (record as unknown as Record<string, unknown>)[field] ?? null;
};
