/*
 * The storage module's public surface. Nothing outside src/storage imports
 * dexie; the page's state layer and the sync worker both come through here.
 */
import { DEFAULT_DB_NAME, PanelisDb } from "./db.ts";
import { guard } from "./errors.ts";
import { openStorageOn } from "./panelis-storage.ts";
import type { PanelisStorage, StorageOptions } from "./storage-types.ts";

export type OpenStorageOptions = StorageOptions & {
  /** IndexedDB database name; tests give each case its own. */
  name?: string;
};

/** A practice space lives in its own database beside the real one; the sync worker never opens it. */
export const practiceDbName = (name: string = DEFAULT_DB_NAME): string => `${name}-practice`;

export const openStorage = (options: OpenStorageOptions = {}): Promise<PanelisStorage> => {
  const name = options.name ?? DEFAULT_DB_NAME;
  return openStorageOn(new PanelisDb(options.practice ? practiceDbName(name) : name), options);
};

/** Removes the whole local database (reset, tests). Close open storages first or this waits for them. */
export const deleteLocalDatabase = (name: string = DEFAULT_DB_NAME): Promise<void> =>
  guard(() => PanelisDb.delete(name));

export type {
  EditionRecord,
  MemberRecord,
  NoticeKind,
  NoticeRecord,
  NominationRecord,
  OutboxStatus,
  ParticipantRecord,
  RubricRecord,
  ScoreRecord,
  SheetRecord,
} from "./db.ts";
export { SheetFinalisedError, StorageFullError, StorageValidationError } from "./errors.ts";
export { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type PanelisExport, verifyExport } from "./export-file.ts";
export type { PersistenceResult, UsageEstimate } from "./persistence.ts";
export type {
  ApplyRemoteResult,
  EditionBundleInput,
  EditionCursor,
  EditionReference,
  Enrolment,
  MarkHandledResult,
  MemberData,
  NominationChanges,
  NominationIdentity,
  PanelisStorage,
  PendingMutation,
  SaveResult,
  SaveSheetOptions,
  ScoreChanges,
  ScoreIdentity,
  Session,
  SheetChanges,
  SheetIdentity,
  StorageOptions,
} from "./storage-types.ts";
export type { LoadProblem } from "./record-tables.ts";
