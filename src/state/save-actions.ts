/*
 * Every change a screen makes goes through these actions; they are the only
 * bridge from UI to storage writes. A field shows "saved" only after
 * storage.save* resolved, i.e. after the record and its outbox entry committed
 * together. Undo never rewinds history: it saves the previous values as a new
 * change, so it syncs like any other edit.
 */
import { nominationKey, scoreKey, sheetKey } from "../domain/keys.ts";
import type { AwardCategory, NominationRecord, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { Grade, NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import type { FieldStatus, UndoEntry } from "./app-store.ts";
import { noticeFor } from "./notice-actions.ts";
import { refreshDeviceInfo } from "./session-actions.ts";
import { get, need, opened, runtime, set } from "./runtime.ts";

const UNDO_LIMIT = 50;

const setFieldStatus = (field: string, status: FieldStatus) =>
  set((state) => ({ fieldStatus: { ...state.fieldStatus, [field]: { status, at: Date.now() } } }));

const askPersistenceOnce = async () => {
  if (get().persistence !== "unknown" || !runtime.storage) return;
  set({ persistence: "asking" });
  const persistence = await runtime.storage.requestPersistence();
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
  set((state) => ({ undo: [...state.undo.slice(-(UNDO_LIMIT - 1)), entry] }));
};

/** Runs one durable write; the field turns "saved" only once storage resolved. */
const SHOW_SAVING_AFTER_MS = 120;

const write = async (field: string, operation: () => Promise<void>): Promise<boolean> => {
  // A tap normally commits in a few milliseconds; "saving…" appears only if it does not, so the usual path renders once.
  const slow = setTimeout(() => setFieldStatus(field, "saving"), SHOW_SAVING_AFTER_MS);
  try {
    await opened();
    await operation();
    clearTimeout(slow);
    setFieldStatus(field, "saved");
    runtime.afterSave?.();
    void askPersistenceOnce();
    return true;
  } catch (error) {
    clearTimeout(slow);
    setFieldStatus(field, "error");
    set({ notice: noticeFor(error) });
    return false;
  }
};

/** Field ids name one (district, indicator): a saved marker never carries over to another district. */
export const gradeField = (participantId: string, indicatorId: string) => `grade:${participantId}:${indicatorId}`;
export const noteField = (participantId: string, indicatorId: string) => `note:${participantId}:${indicatorId}`;
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
  const field = gradeField(participantId, indicatorId);
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
  const field = noteField(participantId, indicatorId);
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
  const entry = get().undo.at(-1);
  if (!entry) return false;
  const ok = await write(entry.field, async () => {
    const s = need();
    if (entry.kind === "score") showCommitted((await s.saveScore(entry.identity, entry.changes)).record, "scores");
    else if (entry.kind === "sheet") showCommitted((await s.saveSheet(entry.identity, entry.changes)).record, "sheets");
    else showCommitted((await s.saveNomination(entry.identity, entry.changes)).record, "nominations");
  });
  if (ok) set((state) => ({ undo: state.undo.slice(0, -1), notice: { key: "score.undone", tone: "info" } }));
  return ok;
};

export const beginEditing = () => set((state) => ({ editing: state.editing + 1 }));
export const endEditing = () => set((state) => ({ editing: Math.max(0, state.editing - 1) }));

export type BackupFile = { fileName: string; json: string };

export const exportBackup = async (): Promise<BackupFile> => {
  const { editionId, memberId } = currentIds();
  await opened();
  const file = await need().exportUnacknowledged(editionId, memberId);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return { fileName: `panelis-${editionId}-${memberId}-${stamp}.json`, json: JSON.stringify(file, null, 2) };
};
