/*
 * Per-table knowledge the storage layer needs about the three synced record kinds:
 * which Dexie table, which domain repair, which stamp-fields. Nothing read from
 * IndexedDB reaches the app without passing `readRecords` (validate, else repair,
 * else skip and report), so a corrupted row is a reported problem, never a crash.
 */
import {
  NominationRecordSchema,
  type Repaired,
  repairNominationRecord,
  repairScoreRecord,
  repairSheetRecord,
  ScoreRecordSchema,
  SheetRecordSchema,
} from "../domain/record-schemas.ts";
import { validate } from "../domain/schema-core.ts";
import { NOMINATION_FIELDS, type RecordOf, SCORE_FIELDS, SHEET_FIELDS, type SyncTable } from "../domain/merge.ts";
import type { Locale } from "../domain/types.ts";
import type { PanelisDb } from "./db.ts";
import { SYNC_RECORD_STORES } from "./meta-keys.ts";
import type { Table } from "dexie";

export type { RecordOf, SyncTable };

export const SYNC_RECORD_TABLES = SYNC_RECORD_STORES satisfies readonly SyncTable[];

export type LoadProblem = {
  table: SyncTable;
  key: string | null;
  /** "repaired": defaults filled in and kept; "skipped": unreadable, left out of what was loaded. */
  action: "repaired" | "skipped";
  errors: string[];
};

export const recordTable = <T extends SyncTable>(db: PanelisDb, table: T): Table<RecordOf<T>, string> =>
  db[table] as unknown as Table<RecordOf<T>, string>;

const SCHEMAS = { scores: ScoreRecordSchema, sheets: SheetRecordSchema, nominations: NominationRecordSchema };

const REPAIRS: { [T in SyncTable]: (data: unknown, locale: Locale) => Repaired<RecordOf<T>> } = {
  scores: repairScoreRecord,
  sheets: repairSheetRecord,
  nominations: repairNominationRecord,
};

export const FIELDS: { [T in SyncTable]: readonly string[] } = {
  scores: SCORE_FIELDS,
  sheets: SHEET_FIELDS,
  nominations: NOMINATION_FIELDS,
};

export const validateRecord = <T extends SyncTable>(
  table: T,
  data: unknown,
  locale: Locale,
): { ok: true; value: RecordOf<T> } | { ok: false; errors: string[] } =>
  validate(SCHEMAS[table], data, locale) as { ok: true; value: RecordOf<T> } | { ok: false; errors: string[] };

const keyOf = (data: unknown): string | null => {
  const key = (data as { key?: unknown } | null)?.key;
  return typeof key === "string" ? key : null;
};

/** One row as the app may see it: valid as stored, repaired, or null with a problem to report. */
export const readRecord = <T extends SyncTable>(
  table: T,
  data: unknown,
  locale: Locale,
): { record: RecordOf<T> | null; problem: LoadProblem | null } => {
  const checked = validateRecord(table, data, locale);
  if (checked.ok) return { record: checked.value, problem: null };
  const repaired = REPAIRS[table](data, locale) as Repaired<RecordOf<T>>;
  if (repaired.record !== null)
    return {
      record: repaired.record,
      problem: { table, key: keyOf(data), action: "repaired", errors: checked.errors },
    };
  return { record: null, problem: { table, key: keyOf(data), action: "skipped", errors: repaired.errors } };
};

export const readRecords = <T extends SyncTable>(
  table: T,
  rows: readonly unknown[],
  locale: Locale,
): { records: RecordOf<T>[]; problems: LoadProblem[] } => {
  const records: RecordOf<T>[] = [];
  const problems: LoadProblem[] = [];
  for (const row of rows) {
    const { record, problem } = readRecord(table, row, locale);
    if (record) records.push(record);
    if (problem) problems.push(problem);
  }
  return { records, problems };
};

/** The value of one stamp-field as a person reads it: a grade is its level or points. */
export const stampOf = (record: RecordOf<SyncTable> | undefined, field: string): string | undefined =>
  (record?.stamps as Record<string, string | undefined> | undefined)?.[field];
