/*
 * Acknowledgements: what the server said about each pushed mutation, applied to
 * the outbox and the records in one transaction.
 *
 * Invariants:
 * - The server's copy is the truth for everything it has acknowledged; only this
 *   device's still-pending changes are replayed on top (rebase). Merging instead
 *   would let a tablet whose clock runs days ahead keep its own (uncapped) stamp and
 *   ignore every later edit from other devices.
 * - A server copy older than what this device has seen is a stale reply: it is
 *   merged, never allowed to roll the record back (reconcile).
 * - An "applied" result without a copy means the change was stored as this device
 *   sent it: the local record stays, only its version moves up; the next pull brings
 *   the server's record (pull sends a member's own writes back) and rebases on it.
 * - An outbox row's status, the record it touched and the notices it caused commit
 *   together.
 */
import { sameJson } from "../domain/canonical-json.ts";
import { applyMutation, mergeRecord } from "../domain/merge.ts";
import type { MutationData } from "../domain/record-schemas.ts";
import { shownValue } from "../domain/shown-value.ts";
import type { PushResult } from "../protocol/wire.ts";
import type { StorageContext, SyncedRecord } from "./context.ts";
import type { NoticeRecord, OutboxStatus } from "./db.ts";
import { guard } from "./errors.ts";
import { updateNeedsReview } from "./meta.ts";
import { aNotice, overwriteNotices } from "./notices.ts";
import { readRecord, recordTable, type SyncTable } from "./record-tables.ts";
import type { MarkHandledResult } from "./storage-types.ts";

const rebase = async (
  ctx: StorageContext,
  key: string,
  server: SyncedRecord,
  exceptSeq: number,
): Promise<SyncedRecord> => {
  let next: SyncedRecord = server;
  for (const pending of await ctx.pendingFor(key, exceptSeq)) {
    next = applyMutation(next, pending.mutation as MutationData).record;
  }
  return { ...next, version: server.version };
};

/** Rebase when the server copy is at least as new as what this device last saw; otherwise it is a stale reply. */
export const reconcile = async (
  ctx: StorageContext,
  table: SyncTable,
  key: string,
  local: SyncedRecord | undefined,
  server: SyncedRecord,
  exceptSeq: number,
): Promise<SyncedRecord> =>
  !local || server.version >= local.version ? rebase(ctx, key, server, exceptSeq) : mergeRecord(table, local, server);

export const createAcknowledge = (ctx: StorageContext) => {
  const { db } = ctx;
  const markHandled = async (results: readonly PushResult[]): Promise<MarkHandledResult> =>
    guard(() =>
      db.transaction("rw", [db.outbox, db.scores, db.sheets, db.nominations, db.notices, db.meta], async () => {
        const outcome: MarkHandledResult = { handled: 0, unknown: [], notices: 0 };
        const reviewFlags = new Map<string, Map<string, boolean>>();
        const now = ctx.wallClock();
        for (const result of results) {
          const row = await db.outbox.where("mutationId").equals(result.mutationId).first();
          if (!row) {
            outcome.unknown.push(result.mutationId);
            continue;
          }
          const effective = result.status === "duplicate" ? (result.originalStatus ?? "applied") : result.status;
          const status: OutboxStatus = effective === "applied" ? "acknowledged" : effective;
          await db.outbox.put({
            ...row,
            status,
            handledAt: now,
            ...(result.version !== undefined ? { serverVersion: result.version } : {}),
            ...(result.reason !== undefined ? { reason: result.reason } : {}),
          });
          outcome.handled++;

          const table = row.table;
          if (table === "scores" && result.needsReview !== undefined) {
            const flags = reviewFlags.get(row.editionId) ?? new Map<string, boolean>();
            flags.set(row.key, result.needsReview);
            reviewFlags.set(row.editionId, flags);
          }
          const local = await ctx.readOne(table, row.key);
          const server = result.serverRecord ? readRecord(table, result.serverRecord, ctx.locale()).record : null;
          let next: SyncedRecord | undefined = local;
          const notices: NoticeRecord[] = [];
          const subject = {
            editionId: row.editionId,
            memberId: row.memberId,
            participantId: row.mutation.identity.participantId,
            table,
            recordKey: row.key,
          };

          if (effective === "rejected" && result.serverRecord !== undefined) {
            // The server refused this change: rebuild from its copy plus what is still pending here.
            next = server ?? undefined;
            for (const pending of await ctx.pendingFor(row.key, row.seq)) {
              next = applyMutation(next, pending.mutation as MutationData).record;
            }
          } else if (server) {
            const acknowledged =
              result.version !== undefined ? { ...server, version: Math.max(server.version, result.version) } : server;
            next = await reconcile(ctx, table, row.key, local, acknowledged, row.seq);
            const kind = effective === "conflict" ? "conflict" : "overwritten";
            notices.push(...overwriteNotices(ctx, table, local, next, kind, row.mutationId));
          }
          if (next && result.version !== undefined && effective !== "rejected") {
            next = { ...next, version: Math.max(next.version, result.version) };
          }

          if (effective === "applied" && result.status === "applied" && next) {
            for (const r of result.replaced ?? []) {
              const facts = {
                kind: "replaced" as const,
                field: r.field,
                previous: r.previous,
                current: shownValue(next, r.field),
                byDeviceId: r.byDeviceId,
                changedAt: r.at,
                winningStamp: row.mutation.stamp,
                mutationId: row.mutationId,
              };
              notices.push(aNotice(subject, facts, now));
            }
          }

          if (effective === "rejected") {
            // Nothing typed is wiped: the refused value, when it was typed and what the server holds now stay here.
            const shown = next;
            const identity = row.mutation.identity as { indicatorId?: string; category?: string };
            const facts = {
              kind: "rejected" as const,
              field: null,
              previous: row.mutation.changes,
              current: Object.fromEntries(Object.keys(row.mutation.changes).map((f) => [f, shownValue(shown, f)])),
              mutationId: row.mutationId,
              reason: result.reason ?? result.reasonCode ?? null,
              reasonCode: result.reasonCode ?? null,
              subjectId: identity.indicatorId ?? identity.category ?? null,
              typedAt: row.createdAt,
            };
            notices.push(aNotice(subject, facts, now));
          }

          if (next === undefined) {
            if (local) await recordTable(db, table).delete(row.key);
          } else if (!local || !sameJson(local, next)) {
            await recordTable(db, table).put(next);
          }
          if (notices.length > 0) await db.notices.bulkAdd(notices);
          outcome.notices += notices.length;
        }
        for (const [editionId, flags] of reviewFlags) await updateNeedsReview(ctx, editionId, flags);
        return outcome;
      }),
    );
  return { markHandled };
};
