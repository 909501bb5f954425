/*
 * What the panelist is told: one notice line for a failed save, and the change
 * notices (another tablet's value won, the server refused) in display-ready form.
 */
import type { Grade } from "../protocol/mutation.ts";
import { type NoticeRecord, SheetFinalisedError, StorageFullError, StorageValidationError } from "../storage/index.ts";
import type { ChangeNotice, Notice } from "./app-store.ts";
import { get, need, set } from "./runtime.ts";

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

const describeValue = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "object") {
    const grade = value as Partial<Grade>;
    if ("level" in grade || "points" in grade) return String(grade.level ?? grade.points ?? "—");
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

export const dismissChangeNotices = async () => {
  const ids = get().changeNotices.map((n) => n.id);
  set({ changeNotices: [] });
  await need().markNoticesSeen(ids);
};
