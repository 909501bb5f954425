/*
 * Everything a screen can ask for goes through these actions; they are the
 * only bridge from UI to storage. A field shows "saved" only after
 * storage.save* resolved, i.e. after the record and its outbox entry committed
 * together. Undo never rewinds history: it saves the previous values as a new
 * change, so it syncs like any other edit.
 */
import { nominationKey, scoreKey, sheetKey } from "../domain/keys.ts";
import { mergeNomination, mergeScore, mergeSheet } from "../domain/merge.ts";
import type { AwardCategory, Locale, NominationRecord, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { Grade, NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import { type NoticeRecord, openStorage, type PanelisStorage } from "../storage/index.ts";
import { SheetFinalisedError, StorageFullError, StorageValidationError } from "../storage/index.ts";
import {
  type AppState,
  type ChangeNotice,
  emptyMemberData,
  type FieldStatus,
  type Notice,
  appStore,
} from "./app-store.ts";
import { parseRoute, type Route, routeHash } from "./routing.ts";
import { loadLocale } from "../i18n/translate.ts";

type UndoEntry =
  | { kind: "score"; identity: ScoreMutation["identity"]; changes: ScoreMutation["changes"]; field: string }
  | { kind: "sheet"; identity: SheetMutation["identity"]; changes: SheetMutation["changes"]; field: string }
  | {
      kind: "nomination";
      identity: NominationMutation["identity"];
      changes: NominationMutation["changes"];
      field: string;
    };

const UNDO_LIMIT = 50;

let storage: PanelisStorage | null = null;
let undoStack: UndoEntry[] = [];
/** Watches of the chosen member's data: replaced when the member changes. */
let stopMemberWatches: Array<() => void> = [];
/** Watches that live as long as the app (the outbox count). */
let stopAppWatches: Array<() => void> = [];
let persistenceAsked = false;
let afterSave: (() => void) | null = null;

/** Lets the sync layer hear about each durable save without this module importing it. */
export const onSaved = (listener: (() => void) | null) => {
  afterSave = listener;
};

const set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => appStore.setState(partial);
const get = () => appStore.getState();

const need = (): PanelisStorage => {
  if (!storage) throw new Error("storage is not open yet");
  return storage;
};

const setFieldStatus = (field: string, status: FieldStatus) =>
  set((state) => ({ fieldStatus: { ...state.fieldStatus, [field]: status } }));

const noticeFor = (error: unknown): Notice => {
  if (error instanceof StorageFullError) return { key: "error.storageFull", tone: "error" };
  if (error instanceof SheetFinalisedError) return { key: "score.readOnlyFinalised", tone: "error" };
  if (error instanceof StorageValidationError) {
    return { key: "error.saveFailed", params: { reason: error.errors.join("; ") }, tone: "error" };
  }
  return {
    key: "error.saveFailed",
    params: { reason: error instanceof Error ? error.message : String(error) },
    tone: "error",
  };
};

export const dismissNotice = () => set({ notice: null });

export const navigate = (route: Route) => {
  const hash = routeHash(route);
  if (typeof location !== "undefined" && location.hash !== hash) location.hash = hash;
  set({ route });
};

export const setLocale = async (locale: Locale) => {
  await loadLocale(locale);
  set({ locale });
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  const session = get().session;
  await storage?.setSession({ editionId: session?.editionId ?? null, memberId: session?.memberId ?? null, locale });
};

/**
 * A live-query snapshot may have been read just before a save committed; merging
 * with the domain's per-field rule (never replacing) keeps a fresher record on screen.
 */
const mergeSnapshot = <R extends { key: string }>(
  current: ReadonlyMap<string, R>,
  incoming: readonly R[],
  merge: (a: R, b: R) => R,
): ReadonlyMap<string, R> => {
  const next = new Map<string, R>();
  for (const record of incoming) {
    const mine = current.get(record.key);
    next.set(record.key, mine ? merge(mine, record) : record);
  }
  return next;
};

const describeValue = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "object") {
    const grade = value as Partial<Grade>;
    if ("level" in grade || "points" in grade) return String(grade.level ?? grade.points ?? "—");
    return JSON.stringify(value);
  }
  return String(value);
};

const toChangeNotice = (notice: NoticeRecord): ChangeNotice => {
  const loaded = get().loaded;
  const score = notice.table === "scores" ? get().data.scores.get(notice.recordKey) : undefined;
  const indicator = score
    ? loaded?.rubric.components.flatMap((c) => c.indicators).find((i) => i.id === score.indicatorId)
    : undefined;
  return {
    id: notice.id ?? 0,
    kind: notice.kind,
    participantId: notice.participantId,
    subject: indicator?.code ?? notice.field ?? notice.table,
    field: notice.field,
    previous: describeValue(notice.previous),
    current: describeValue(notice.current),
    byDeviceId: notice.byDeviceId,
    changedAt: notice.changedAt,
    reason: notice.reason,
  };
};

export const dismissChangeNotices = async () => {
  const ids = get().changeNotices.map((n) => n.id);
  set({ changeNotices: [] });
  await need().markNoticesSeen(ids);
};

const watchMemberData = (editionId: string, memberId: string) => {
  for (const stop of stopMemberWatches) stop();
  stopMemberWatches = [];
  const s = need();
  stopMemberWatches.push(
    s.watch(
      (st) => st.listNeedsReview(editionId),
      (keys) => set({ needsReview: new Set(keys) }),
    ),
  );
  stopMemberWatches.push(
    s.watch(
      (st) => st.listNotices(editionId, memberId, { unseenOnly: true }),
      (notices) => set({ changeNotices: notices.map(toChangeNotice) }),
    ),
  );
  stopMemberWatches.push(
    s.watch(
      (st) => st.loadMemberData(editionId, memberId),
      (data) =>
        set((state) => ({
          data: {
            scores: mergeSnapshot(state.data.scores, data.scores, mergeScore),
            sheets: mergeSnapshot(state.data.sheets, data.sheets, mergeSheet),
            nominations: mergeSnapshot(state.data.nominations, data.nominations, mergeNomination),
          },
        })),
      (error) => set({ notice: noticeFor(error) }),
    ),
  );
};

export const openSession = async (editionId: string, memberId: string | null, persist = true) => {
  const s = need();
  const reference = await s.loadEdition(editionId);
  const loaded = reference?.rubric ? { ...reference, rubric: reference.rubric } : null;
  if (!loaded) {
    set({ session: null, loaded: null, data: emptyMemberData() });
    return;
  }
  // Persist first: a reload right after choosing must come back to the same member.
  if (persist) await s.setSession({ editionId, memberId, locale: get().locale });
  undoStack = [];
  set({ session: { editionId, memberId }, loaded, data: emptyMemberData(), canUndo: false });
  if (memberId) watchMemberData(editionId, memberId);
  else {
    for (const stop of stopMemberWatches) stop();
    stopMemberWatches = [];
    set({ changeNotices: [] });
  }
};

export type StartOptions = { storageName?: string; openStorageFn?: typeof openStorage };

/** Opens storage and restores the last session; safe to call once per page load. */
export const startApp = async (options: StartOptions = {}) => {
  storage = await (options.openStorageFn ?? openStorage)(options.storageName ? { name: options.storageName } : {});
  const s = storage;
  const saved = await s.getSession();
  const locale: Locale = saved?.locale === "en" ? "en" : "id";
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  set({ locale, online: typeof navigator === "undefined" ? true : navigator.onLine });
  // Restoring the last session is the cold-start path: its reads run side by side, and nothing is written.
  const [editions] = await Promise.all([
    s.listEditions(),
    loadLocale(locale),
    saved?.editionId ? openSession(saved.editionId, saved.memberId ?? null, false) : Promise.resolve(),
  ]);
  set({ editions });
  stopAppWatches.push(
    s.watch(
      (st) => st.pendingCount(),
      (pending) => set({ pending }),
    ),
  );
  if (typeof window !== "undefined") {
    const onHash = () => set({ route: parseRoute(location.hash) });
    window.addEventListener("hashchange", onHash);
    window.addEventListener("online", () => set({ online: true }));
    window.addEventListener("offline", () => set({ online: false }));
    onHash();
  }
  set({ ready: true });
  // The quota estimate is informational: it never delays the first screen.
  refreshDeviceInfo().catch(() => undefined);
};

export const stopApp = () => {
  for (const stop of [...stopMemberWatches, ...stopAppWatches]) stop();
  stopMemberWatches = [];
  stopAppWatches = [];
  storage?.close();
  storage = null;
  undoStack = [];
};

export const refreshDeviceInfo = async () => {
  const s = need();
  const usage = await s.estimateUsage();
  set({ usage });
};

export const loadSampleEdition = async () => {
  const { ntb2021Sample } = await import("../domain/templates/index.ts");
  // Practice starts from empty sheets; the sample's made-up scores are for the coordinator's demo.
  const { edition, rubric, participants, members } = ntb2021Sample();
  const bundle = { edition, rubric, participants, members };
  const s = need();
  await s.putEditionBundle(bundle);
  set({ editions: await s.listEditions() });
  await openSession(bundle.edition.id, null);
};

export const reloadEditions = async () => {
  set({ editions: await need().listEditions() });
};

export const chooseEdition = (editionId: string) => openSession(editionId, null);

export const chooseMember = (memberId: string | null) => {
  const session = get().session;
  if (!session) return Promise.resolve();
  return openSession(session.editionId, memberId);
};

const askPersistenceOnce = async () => {
  if (persistenceAsked || !storage) return;
  persistenceAsked = true;
  const persistence = await storage.requestPersistence();
  set({ persistence });
  await refreshDeviceInfo();
};

const currentIds = () => {
  const session = get().session;
  if (!session?.memberId) throw new Error("no panel member chosen");
  return { editionId: session.editionId, memberId: session.memberId };
};

/** Shows a committed record at once instead of waiting for the live query to notice it. */
const showCommitted = (
  record: ScoreRecord | SheetRecord | NominationRecord,
  kind: "scores" | "sheets" | "nominations",
) =>
  set((state) => {
    const next = new Map(state.data[kind] as ReadonlyMap<string, typeof record>);
    next.set(record.key, record);
    return { data: { ...state.data, [kind]: next } };
  });

const pushUndo = (entry: UndoEntry) => {
  undoStack = [...undoStack.slice(-(UNDO_LIMIT - 1)), entry];
  set({ canUndo: true });
};

/** Runs one durable write; the field turns "saved" only once storage resolved. */
const SHOW_SAVING_AFTER_MS = 120;

const write = async (field: string, operation: () => Promise<void>): Promise<boolean> => {
  // A tap normally commits in a few milliseconds; "saving…" appears only if it does not, so the usual path renders once.
  const slow = setTimeout(() => setFieldStatus(field, "saving"), SHOW_SAVING_AFTER_MS);
  try {
    await operation();
    clearTimeout(slow);
    setFieldStatus(field, "saved");
    afterSave?.();
    void askPersistenceOnce();
    return true;
  } catch (error) {
    clearTimeout(slow);
    setFieldStatus(field, "error");
    set({ notice: noticeFor(error) });
    return false;
  }
};

export const gradeField = (indicatorId: string) => `grade:${indicatorId}`;
export const noteField = (indicatorId: string) => `note:${indicatorId}`;
export const sheetField = (participantId: string, field: string) => `sheet:${participantId}:${field}`;
export const nominationField = (participantId: string, category: AwardCategory, field: string) =>
  `nomination:${participantId}:${category}:${field}`;

const scoreIdentity = (participantId: string, componentId: string, indicatorId: string): ScoreMutation["identity"] => {
  const { editionId, memberId } = currentIds();
  const rubricVersion = get().loaded?.rubric.version ?? 1;
  return { editionId, participantId, componentId, indicatorId, memberId, rubricVersion };
};

const previousScore = (identity: ScoreMutation["identity"]): ScoreRecord | undefined =>
  get().data.scores.get(scoreKey(identity.editionId, identity.participantId, identity.indicatorId, identity.memberId));

export const saveGrade = (participantId: string, componentId: string, indicatorId: string, grade: Grade) => {
  const identity = scoreIdentity(participantId, componentId, indicatorId);
  const before = previousScore(identity);
  const field = gradeField(indicatorId);
  return write(field, async () => {
    showCommitted((await need().saveScore(identity, { grade })).record, "scores");
    pushUndo({
      kind: "score",
      identity,
      field,
      changes: { grade: { level: before?.level ?? null, points: before?.points ?? null } },
    });
  });
};

export const saveNote = (participantId: string, componentId: string, indicatorId: string, note: string) => {
  const identity = scoreIdentity(participantId, componentId, indicatorId);
  const before = previousScore(identity);
  if ((before?.note ?? "") === note) return Promise.resolve(true);
  const field = noteField(indicatorId);
  return write(field, async () => {
    showCommitted((await need().saveScore(identity, { note })).record, "scores");
    pushUndo({ kind: "score", identity, field, changes: { note: before?.note ?? "" } });
  });
};

const currentSheet = (participantId: string): SheetRecord | undefined => {
  const { editionId, memberId } = currentIds();
  return get().data.sheets.get(sheetKey(editionId, participantId, memberId));
};

export const saveSheetFields = (participantId: string, changes: SheetMutation["changes"], undoable = true) => {
  const { editionId, memberId } = currentIds();
  const identity = { editionId, participantId, memberId };
  const before = currentSheet(participantId);
  const names = Object.keys(changes) as Array<keyof SheetMutation["changes"]>;
  const field = sheetField(participantId, names.join("+"));
  if (before && names.every((name) => before[name] === changes[name])) return Promise.resolve(true);
  return write(field, async () => {
    showCommitted((await need().saveSheet(identity, changes)).record, "sheets");
    if (!undoable) return;
    const previous: SheetMutation["changes"] = {};
    for (const name of names)
      Object.assign(previous, { [name]: before?.[name] ?? (typeof changes[name] === "boolean" ? false : "") });
    pushUndo({ kind: "sheet", identity, field, changes: previous });
  });
};

export const recuse = (participantId: string, reason: string) =>
  saveSheetFields(participantId, { recused: true, recusalReason: reason });

export const withdrawRecusal = (participantId: string) => saveSheetFields(participantId, { recused: false });

/** Finalising is deliberate (confirmed in a dialog), so it is not on the undo stack. */
export const finalise = (participantId: string) => saveSheetFields(participantId, { finalised: true }, false);

export const saveNomination = (
  participantId: string,
  category: AwardCategory,
  changes: NominationMutation["changes"],
) => {
  const { editionId, memberId } = currentIds();
  const identity = { editionId, participantId, memberId, category };
  const before = get().data.nominations.get(nominationKey(editionId, participantId, memberId, category));
  const names = Object.keys(changes) as Array<keyof NominationMutation["changes"]>;
  if (before && names.every((name) => before[name] === changes[name])) return Promise.resolve(true);
  const field = nominationField(participantId, category, names.join("+"));
  return write(field, async () => {
    showCommitted((await need().saveNomination(identity, changes)).record, "nominations");
    const previous: NominationMutation["changes"] = {};
    if ("nominated" in changes) previous.nominated = before?.nominated ?? false;
    if ("reason" in changes) previous.reason = before?.reason ?? "";
    pushUndo({ kind: "nomination", identity, field, changes: previous });
  });
};

export const undoLast = async (): Promise<boolean> => {
  const entry = undoStack.at(-1);
  if (!entry) return false;
  const s = need();
  const ok = await write(entry.field, async () => {
    if (entry.kind === "score") showCommitted((await s.saveScore(entry.identity, entry.changes)).record, "scores");
    else if (entry.kind === "sheet") showCommitted((await s.saveSheet(entry.identity, entry.changes)).record, "sheets");
    else showCommitted((await s.saveNomination(entry.identity, entry.changes)).record, "nominations");
  });
  if (ok) {
    undoStack = undoStack.slice(0, -1);
    set({ canUndo: undoStack.length > 0, notice: { key: "score.undone", tone: "info" } });
  }
  return ok;
};

export const beginEditing = () => set((state) => ({ editing: state.editing + 1 }));
export const endEditing = () => set((state) => ({ editing: Math.max(0, state.editing - 1) }));

export type BackupFile = { fileName: string; json: string };

export const exportBackup = async (): Promise<BackupFile> => {
  const { editionId, memberId } = currentIds();
  const file = await need().exportUnacknowledged(editionId, memberId);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return { fileName: `panelis-${editionId}-${memberId}-${stamp}.json`, json: JSON.stringify(file, null, 2) };
};
