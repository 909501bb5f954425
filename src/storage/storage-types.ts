/*
 * The storage facade's contract: what the page's state layer and the sync worker may
 * ask of IndexedDB. Each group of methods is built by one module over the shared
 * context (see panelis-storage.ts for which).
 */
import type { Locale, NominationRecord, ScoreRecord, SheetRecord, Stamp } from "../domain/types.ts";
import type { Mutation, NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import type { EditionImport, PullRow, PushResult } from "../protocol/wire.ts";
import type { EditionRecord, MemberRecord, NoticeRecord, ParticipantRecord, RubricRecord } from "./db.ts";
import type { PanelisExport } from "./export-file.ts";
import type { PersistenceResult, UsageEstimate } from "./persistence.ts";
import type { LoadProblem } from "./record-tables.ts";

export type StorageOptions = {
  /**
   * A practice space (the sample edition): its own database, and a facade with no outbox
   * writer, so nothing saved in it can ever be pushed.
   */
  practice?: boolean;
  wallClock?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  /** Tests: told which way each local write went — planned (one round) or reread after a stale plan. */
  onWritePath?: (path: "planned" | "reread") => void;
};

/** memberId is null between choosing an edition and choosing who is scoring. */
export type Session = { editionId: string | null; memberId: string | null; locale: Locale; practice?: boolean };

/** Which member a join code made this tablet for. */
export type Enrolment = { editionId: string; memberId: string };

export type SaveResult<R> = {
  record: R;
  mutation: Mutation;
  /** The record before this change (undefined if new); undo saves its values as a new change. */
  previous: R | undefined;
};

export type ScoreIdentity = ScoreMutation["identity"];
export type ScoreChanges = ScoreMutation["changes"];
export type SheetIdentity = SheetMutation["identity"];
export type SheetChanges = SheetMutation["changes"];
export type NominationIdentity = NominationMutation["identity"];
export type NominationChanges = NominationMutation["changes"];

export type SaveSheetOptions = {
  /** Only the coordinator may reopen a finalised sheet (`finalised: false`). */
  asCoordinator?: boolean;
};

/** Reference data for one edition, plus optional starting records for a demo edition: the wire's import shape. */
export type EditionBundleInput = EditionImport;

export type EditionReference = {
  edition: EditionRecord;
  rubric: RubricRecord | undefined;
  participants: ParticipantRecord[];
  members: MemberRecord[];
};

export type MemberData = {
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
  /** Rows that were repaired or skipped while loading this data. */
  problems: LoadProblem[];
};

export type PendingMutation = { seq: number; mutation: Mutation };

export type MarkHandledResult = { handled: number; unknown: string[]; notices: number };

export type EditionCursor = { editionId: string; cursor: number };

export type ApplyRemoteResult = {
  /** Rows written (merged, replaced or deleted). */
  stored: number;
  /** Rows that could not be read and were left out. */
  skipped: LoadProblem[];
  notices: number;
};

export type PanelisStorage = {
  readonly name: string;
  readonly deviceId: string;
  /** Current greatest stamp of this device's clock. */
  lastStamp(): Stamp;
  /** How far this tablet's clock runs ahead of its wall clock (ms); the UI warns past a few minutes. */
  clockDriftMs(): number;
  /** Fold in a stamp seen elsewhere (e.g. server) so later local stamps sort after it; persisted. */
  observeStamp(stamp: Stamp): Promise<void>;

  putEditionBundle(bundle: EditionBundleInput): Promise<void>;
  listEditions(): Promise<EditionRecord[]>;
  loadEdition(editionId: string): Promise<EditionReference | undefined>;

  loadMemberData(editionId: string, memberId: string): Promise<MemberData>;
  loadEditionData(editionId: string): Promise<MemberData>;
  /** Every load problem seen since open, newest last. */
  loadProblems(): readonly LoadProblem[];

  saveScore(identity: ScoreIdentity, changes: ScoreChanges): Promise<SaveResult<ScoreRecord>>;
  saveSheet(
    identity: SheetIdentity,
    changes: SheetChanges,
    options?: SaveSheetOptions,
  ): Promise<SaveResult<SheetRecord>>;
  saveNomination(identity: NominationIdentity, changes: NominationChanges): Promise<SaveResult<NominationRecord>>;

  pendingCount(): Promise<number>;
  listPending(limit?: number): Promise<PendingMutation[]>;
  markHandled(results: readonly PushResult[]): Promise<MarkHandledResult>;
  applyRemote(rows: readonly PullRow[], cursor: EditionCursor): Promise<ApplyRemoteResult>;
  getCursor(editionId: string): Promise<number>;
  getLastSyncAt(editionId: string): Promise<number | null>;
  /** Drops handled (non-pending) outbox rows handled before `before` (ms). */
  pruneOutbox(before: number): Promise<number>;

  listNotices(editionId: string, memberId: string, options?: { unseenOnly?: boolean }): Promise<NoticeRecord[]>;
  markNoticesSeen(ids: readonly number[]): Promise<void>;

  exportUnacknowledged(editionId: string, memberId: string): Promise<PanelisExport>;
  verifyExport(file: unknown): Promise<boolean>;

  getSession(): Promise<Session | undefined>;
  setSession(session: Session): Promise<void>;

  /** Keys of this edition's scores the server kept but flagged for review after a rubric change. */
  listNeedsReview(editionId: string): Promise<string[]>;

  /**
   * A field's uncommitted text, kept durably while it is typed: a reload or a closed tab
   * finds it again. Drafts never enter the outbox; only a commit (save*) does.
   */
  putDraft(fieldKey: string, text: string): Promise<void>;
  getDraft(fieldKey: string): Promise<string | null>;
  deleteDraft(fieldKey: string): Promise<void>;
  /** Every draft whose field key starts with `prefix`. */
  listDrafts(prefix: string): Promise<{ fieldKey: string; text: string }[]>;

  getEnrolment(): Promise<Enrolment | null>;
  setEnrolment(enrolment: Enrolment): Promise<void>;

  /** The sync worker's bearer token for this device (null = not enrolled). */
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string | null): Promise<void>;

  /** Re-runs `query` whenever the data it read changes (also when the other context writes). Returns unsubscribe. */
  watch<T>(
    query: (storage: PanelisStorage) => Promise<T>,
    onChange: (value: T) => void,
    onError?: (error: unknown) => void,
  ): () => void;

  requestPersistence(): Promise<PersistenceResult>;
  estimateUsage(): Promise<UsageEstimate | null>;

  close(): void;
  deleteLocalDatabase(): Promise<void>;
};
