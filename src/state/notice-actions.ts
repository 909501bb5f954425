/*
 * What the panelist is told: one notice line for a failed save, and the change
 * notices (another tablet's value won, the server refused) in display-ready form.
 */
import { formatScore } from "../i18n/translate.ts";
import type { Grade } from "../protocol/mutation.ts";
import type { NoticeRecord } from "../storage/index.ts";
import { SheetFinalisedError, StorageFullError, StorageValidationError } from "../storage/start.ts";
import type { ChangeNotice, Notice, RefusedEntry } from "./app-store.ts";
import { get, need, opened, set } from "./runtime.ts";

export const noticeFor = (error: unknown): Notice => {
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

/** A value as the panelist reads it: a level letter, a score with the UI language's decimal mark, the text. */
const describeValue = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return formatScore(get().locale, value);
  if (typeof value === "object") {
    const grade = value as Partial<Grade>;
    if ("level" in grade || "points" in grade) return grade.level ?? describeValue(grade.points);
    return JSON.stringify(value);
  }
  return String(value);
};

export const toChangeNotice = (notice: NoticeRecord): ChangeNotice => {
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

const describeFields = (value: unknown): Record<string, string> =>
  value !== null && typeof value === "object"
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, describeValue(v)]))
    : {};

export const toRefused = (notice: NoticeRecord): RefusedEntry => ({
  id: notice.id ?? 0,
  participantId: notice.participantId,
  table: notice.table,
  subjectId: notice.subjectId ?? null,
  typed: describeFields(notice.previous),
  serverNow: describeFields(notice.current),
  typedAt: notice.typedAt ?? null,
  reasonCode: notice.reasonCode ?? null,
  reason: notice.reason,
});

export const dismissChangeNotices = async () => {
  const ids = get().changeNotices.map((n) => n.id);
  set({ changeNotices: [] });
  await opened();
  await need().markNoticesSeen(ids);
};
