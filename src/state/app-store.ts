/*
 * The page's one store of session and UI state. Durable data lives in
 * IndexedDB (src/storage); this store only mirrors what the screens show, and
 * a field is marked "saved" only after storage resolved its transaction.
 */
import { createStore } from "zustand/vanilla";
import type { EditionSetup } from "../domain/edition-copy.ts";
import type { Edition, Locale, NominationRecord, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { MessageKey, Params } from "../i18n/translate.ts";
import type { NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import type { Route } from "./routing.ts";

/** An edition's reference data as loaded on the page: the same four parts an edition's setup has. */
export type LoadedEdition = EditionSetup;

export type MemberData = {
  scores: ReadonlyMap<string, ScoreRecord>;
  sheets: ReadonlyMap<string, SheetRecord>;
  nominations: ReadonlyMap<string, NominationRecord>;
};

export type FieldStatus = "saving" | "saved" | "error";

/** One field's last save: its outcome and when (ms, wall clock of this tablet). */
export type FieldState = { status: FieldStatus; at: number };

/** A change made elsewhere that replaced or refused this device's value, in display-ready form. */
export type ChangeNotice = {
  id: number;
  kind: "overwritten" | "replaced" | "rejected" | "conflict";
  participantId: string;
  /** Indicator code for scores; the field name for sheets and nominations. */
  subject: string;
  field: string | null;
  previous: string;
  current: string;
  byDeviceId: string | null;
  changedAt: number | null;
  reason: string | null;
};

/** "unknown" until the first save asks the browser; "asking" while it answers. */
/** A change the server permanently refused, kept on the tablet with what was typed and why. */
export type RefusedEntry = {
  id: number;
  participantId: string;
  table: "scores" | "sheets" | "nominations";
  /** Indicator id (scores) or award category (nominations); null for sheet notes. */
  subjectId: string | null;
  /** Field → value as typed, and as the server holds it now, ready to show. */
  typed: Record<string, string>;
  serverNow: Record<string, string>;
  typedAt: number | null;
  reasonCode: string | null;
  reason: string | null;
};

export type Persistence = "granted" | "denied" | "unsupported" | "unknown" | "asking";

/** What undo saves back: the values a field held before a change. */
export type UndoEntry =
  | { kind: "score"; identity: ScoreMutation["identity"]; changes: ScoreMutation["changes"]; field: string }
  | { kind: "sheet"; identity: SheetMutation["identity"]; changes: SheetMutation["changes"]; field: string }
  | {
      kind: "nomination";
      identity: NominationMutation["identity"];
      changes: NominationMutation["changes"];
      field: string;
    };

export type Notice = { key: MessageKey; params?: Params; tone: "error" | "info" };

export type AppState = {
  ready: boolean;
  locale: Locale;
  route: Route;
  online: boolean;
  pending: number;
  lastSyncAt: number | null;
  syncing: boolean;
  syncError: { key: string; detail: string; at: number } | null;
  needsEnrolment: boolean;
  persistence: Persistence;
  usage: { usage: number; quota: number } | null;
  notice: Notice | null;
  editions: Edition[];
  /** `practice`: the sample edition's practice space, stored apart and never synced. */
  session: { editionId: string; memberId: string | null; practice: boolean } | null;
  /** The member a join code made this tablet for: it scores only as that member. */
  enrolment: { editionId: string; memberId: string } | null;
  /** Editions in the practice space (the sample), listed apart from real ones. */
  practiceEditions: Edition[];
  loaded: LoadedEdition | null;
  data: MemberData;
  fieldStatus: Readonly<Record<string, FieldState>>;
  /** Newest last; undo saves the top entry's values as a new change. */
  undo: readonly UndoEntry[];
  changeNotices: ChangeNotice[];
  /** "Tidak diterima server": every refused change of this member, seen or not. */
  refused: RefusedEntry[];
  /** Score keys the server kept but flagged: the rubric changed after they were made. */
  needsReview: ReadonlySet<string>;
  /** Fields with focus: a new app version never activates while this is above zero. */
  editing: number;
  updateReady: boolean;
};

export const emptyMemberData = (): MemberData => ({ scores: new Map(), sheets: new Map(), nominations: new Map() });

export const initialAppState = (): AppState => ({
  ready: false,
  locale: "id",
  route: { name: "start" },
  online: true,
  pending: 0,
  lastSyncAt: null,
  syncing: false,
  syncError: null,
  needsEnrolment: false,
  persistence: "unknown",
  usage: null,
  notice: null,
  editions: [],
  session: null,
  enrolment: null,
  practiceEditions: [],
  loaded: null,
  data: emptyMemberData(),
  fieldStatus: {},
  undo: [],
  changeNotices: [],
  refused: [],
  needsReview: new Set(),
  editing: 0,
  updateReady: false,
});

export const appStore = createStore<AppState>()(() => initialAppState());
