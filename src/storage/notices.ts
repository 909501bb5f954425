/*
 * Notices: what a panelist is told about a change of theirs that did not stand
 * (replaced by another tablet, refused by the server) or that replaced someone
 * else's. Every notice is built by `aNotice`, so all kinds carry the same fields.
 *
 * Invariant: only a write this tablet made and someone else replaced is news to its
 * user; a newer stamp on an equal value is not.
 */
import { parseStamp } from "../domain/hlc.ts";
import { sameJson } from "../domain/canonical-json.ts";
import { shownValue } from "../domain/shown-value.ts";
import type { StorageContext, SyncedRecord } from "./context.ts";
import type { NoticeRecord } from "./db.ts";
import { guard } from "./errors.ts";
import { FIELDS, stampOf, type SyncTable } from "./record-tables.ts";
import type { PanelisStorage } from "./storage-types.ts";

/** Which record a notice is about. */
export type NoticeSubject = Pick<NoticeRecord, "editionId" | "memberId" | "participantId" | "table" | "recordKey">;

/** What happened; the "who and when" fields default to unknown. */
export type NoticeFacts = Pick<NoticeRecord, "kind" | "field" | "previous" | "current" | "mutationId"> &
  Partial<
    Pick<NoticeRecord, "byDeviceId" | "changedAt" | "winningStamp" | "reason" | "reasonCode" | "subjectId" | "typedAt">
  >;

export const aNotice = (subject: NoticeSubject, facts: NoticeFacts, createdAt: number): NoticeRecord => ({
  ...subject,
  kind: facts.kind,
  field: facts.field,
  previous: facts.previous,
  current: facts.current,
  byDeviceId: facts.byDeviceId ?? null,
  changedAt: facts.changedAt ?? null,
  winningStamp: facts.winningStamp ?? null,
  mutationId: facts.mutationId,
  reason: facts.reason ?? null,
  ...(facts.kind === "rejected"
    ? { reasonCode: facts.reasonCode ?? null, subjectId: facts.subjectId ?? null, typedAt: facts.typedAt ?? null }
    : {}),
  createdAt,
  seen: 0,
});

export const subjectOf = (table: SyncTable, record: SyncedRecord): NoticeSubject => ({
  editionId: record.editionId,
  memberId: record.memberId,
  participantId: record.participantId,
  table,
  recordKey: record.key,
});

/** One notice per field this device wrote in `before` that another device's write replaced in `after`. */
export const overwriteNotices = (
  ctx: StorageContext,
  table: SyncTable,
  before: SyncedRecord | undefined,
  after: SyncedRecord,
  kind: NoticeRecord["kind"],
  mutationId: string | null,
): NoticeRecord[] => {
  if (!before) return [];
  const notices: NoticeRecord[] = [];
  for (const field of FIELDS[table]) {
    const mine = stampOf(before, field);
    const winner = stampOf(after, field);
    if (!mine || !winner || mine === winner) continue;
    if (parseStamp(mine)?.node !== ctx.deviceId || parseStamp(winner)?.node === ctx.deviceId) continue;
    const previous = shownValue(before, field);
    const current = shownValue(after, field);
    if (sameJson(previous, current)) continue;
    const parsed = parseStamp(winner);
    notices.push(
      aNotice(
        subjectOf(table, after),
        {
          kind,
          field,
          previous,
          current,
          byDeviceId: parsed?.node ?? null,
          changedAt: parsed?.millis ?? null,
          winningStamp: winner,
          mutationId,
        },
        ctx.wallClock(),
      ),
    );
  }
  return notices;
};

export type NoticeReads = Pick<PanelisStorage, "listNotices" | "markNoticesSeen">;

export const createNotices = ({ db }: StorageContext): NoticeReads => ({
  listNotices: (editionId, memberId, opts) =>
    guard(async () => {
      const rows = await db.notices.where("[editionId+memberId]").equals([editionId, memberId]).toArray();
      return opts?.unseenOnly ? rows.filter((n) => n.seen === 0) : rows;
    }),

  markNoticesSeen: (noticeIds) =>
    guard(async () => {
      await db.notices
        .where("id")
        .anyOf([...noticeIds])
        .modify({ seen: 1 });
    }),
});
