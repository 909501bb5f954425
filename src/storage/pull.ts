/*
 * Pull: rows the server sent since this edition's cursor, applied in one transaction.
 *
 * Invariants:
 * - A pull's records and its cursor commit together, so the cursor only moves with
 *   its data; the in-memory clock folds in remote stamps only after that commit.
 * - A record with changes still pending here is rebased: the pending change is
 *   replayed on the server's copy, never lost; a deletion never takes it.
 * - Reference data has no stamps: the server is its only author, so its copy replaces ours.
 */
import type { Table } from "dexie";
import { sameJson } from "../domain/canonical-json.ts";
import type { Stamp } from "../domain/types.ts";
import type { PullRow } from "../protocol/wire.ts";
import { reconcile } from "./acknowledge.ts";
import type { StorageContext } from "./context.ts";
import { META_KEYS } from "./db.ts";
import { guard } from "./errors.ts";
import { updateNeedsReview } from "./meta.ts";
import { overwriteNotices } from "./notices.ts";
import { FIELDS, readRecord, recordTable, stampOf, type SyncTable } from "./record-tables.ts";
import type { ApplyRemoteResult, EditionCursor } from "./storage-types.ts";

export const createPull = (ctx: StorageContext) => {
  const { db } = ctx;
  const applyRemote = async (rows: readonly PullRow[], cursor: EditionCursor): Promise<ApplyRemoteResult> => {
    let greatest: Stamp | undefined;
    const result = await guard(() =>
      db.transaction(
        "rw",
        [
          db.editions,
          db.rubrics,
          db.participants,
          db.members,
          db.scores,
          db.sheets,
          db.nominations,
          db.outbox,
          db.notices,
          db.meta,
        ],
        async () => {
          const outcome: ApplyRemoteResult = { stored: 0, skipped: [], notices: 0 };
          const reviewFlags = new Map<string, boolean>();
          for (const row of rows) {
            if (row.table === "scores" || row.table === "sheets" || row.table === "nominations") {
              const table: SyncTable = row.table;
              const store = recordTable(db, table);
              const local = await ctx.readOne(table, row.key);
              if (row.record === null) {
                // A deletion must not take a change this tablet has not pushed yet.
                if (local && (await ctx.pendingFor(row.key, -1)).length === 0) {
                  await store.delete(row.key);
                  outcome.stored++;
                }
                continue;
              }
              const incoming = readRecord(
                table,
                { ...row.record, version: Math.max(row.record.version, row.version) },
                ctx.locale(),
              );
              if (!incoming.record) {
                if (incoming.problem) outcome.skipped.push(incoming.problem);
                continue;
              }
              if (row.table === "scores") reviewFlags.set(row.key, row.needsReview === true);
              const next = await reconcile(ctx, table, row.key, local, incoming.record, -1);
              for (const field of FIELDS[table]) {
                const s = stampOf(incoming.record, field);
                if (s && (!greatest || s > greatest)) greatest = s;
              }
              if (local && sameJson(local, next)) continue;
              await store.put(next);
              outcome.stored++;
              const notices = overwriteNotices(ctx, table, local, next, "overwritten", null);
              if (notices.length > 0) await db.notices.bulkAdd(notices);
              outcome.notices += notices.length;
              continue;
            }
            // Reference data has no stamps: the server is its only author, so its copy replaces ours.
            const refTable = db[row.table] as unknown as Table<unknown, string>;
            if (row.record === null) await refTable.delete(row.key);
            else await refTable.put(row.record);
            outcome.stored++;
          }
          if (rows.some((row) => row.table === "rubrics"))
            await db.meta.put({ key: META_KEYS.rubricToken(cursor.editionId), value: ctx.ids.newId() });
          if (reviewFlags.size > 0) await updateNeedsReview(ctx, cursor.editionId, reviewFlags);
          await db.meta.put({ key: META_KEYS.cursor(cursor.editionId), value: cursor.cursor });
          await db.meta.put({ key: META_KEYS.lastSyncAt(cursor.editionId), value: ctx.wallClock() });
          if (greatest) await ctx.persistClock(greatest);
          return outcome;
        },
      ),
    );
    // Only now that the data is committed may later local stamps be ordered after it.
    if (greatest) ctx.clock.receive(greatest);
    ctx.report(result.skipped);
    return result;
  };
  return { applyRemote };
};
