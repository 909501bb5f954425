/*
 * Local writes: a panelist's change, saved on this device.
 *
 * Invariants:
 * - A local edit is one Dexie transaction that writes two rows: the merged record and
 *   its outbox Mutation commit together or not at all, and the promise resolves only
 *   after commit. The seq and clock are not rewritten: the outbox row carries them
 *   (see `nextSeq` and `persistedClock` in context.ts). A practice space, which has no
 *   outbox, writes them to meta instead.
 * - seq is per device and strictly increasing, never reused (the outbox's own last
 *   seq guards a lost or stale counter; pruning moves it into meta first).
 * - Bad input is refused before the transaction opens and changes nothing.
 * - A practice space (its own database, see index.ts) writes records only, never an
 *   outbox entry, and the sync worker never opens its database.
 * - Merging is merge.ts's job; this module decides what to merge and when.
 */
import Dexie from "dexie";
import { isStamp } from "../domain/hlc.ts";
import { nominationKey, scoreKey, sheetKey } from "../domain/keys.ts";
import { applyMutation } from "../domain/merge.ts";
import { checkScore, type MutationData, MutationSchema } from "../domain/record-schemas.ts";
import { validate } from "../domain/schema-core.ts";
import type { Rubric, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { Mutation, NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import { nextSeq, persistedClock, type StorageContext } from "./context.ts";
import { META_KEYS, type OutboxRecord } from "./db.ts";
import { guard, SheetFinalisedError, StorageValidationError } from "./errors.ts";
import { type RecordOf, readRecord, recordTable, type SyncTable, validateRecord } from "./record-tables.ts";
import type { PanelisStorage, SaveResult } from "./storage-types.ts";

export type LocalWrites = Pick<
  PanelisStorage,
  "saveScore" | "saveSheet" | "saveNomination" | "pendingCount" | "listPending" | "pruneOutbox"
>;

const keyOfBody = (body: ScoreMutation | SheetMutation | NominationMutation): string => {
  const id = body.identity;
  switch (body.table) {
    case "scores":
      return scoreKey(id.editionId, id.participantId, body.identity.indicatorId, id.memberId);
    case "sheets":
      return sheetKey(id.editionId, id.participantId, id.memberId);
    case "nominations":
      return nominationKey(id.editionId, id.participantId, id.memberId, body.identity.category);
  }
};

const pendingRange = (): [unknown[], unknown[]] => [
  ["pending", Dexie.minKey],
  ["pending", Dexie.maxKey],
];

/** The rubric a score is checked against, as last read, under the token it was read with (META_KEYS.rubricToken). */
type CachedRubric = { token: string; rubric: Rubric | undefined };

export const createLocalWrites = (ctx: StorageContext): LocalWrites => {
  const { db, deviceId, clock, ids, wallClock, report } = ctx;
  const rubrics = new Map<string, CachedRubric>();

  /**
   * The edition's rubric inside the write's transaction. A tap reads only the token row
   * (issued with its other reads); the ~20 KB rubric is read again only when the token
   * differs from the cached one, i.e. after a bundle or pull rewrote it. Without a token
   * (rubric rows stored before tokens existed) nothing is cached: every tap reads the
   * rubric, as it always did, until the next bundle or pull gives the edition a token; a
   * tap never writes anything but its record and outbox row.
   */
  const rubricFor = async (editionId: string, token: unknown): Promise<Rubric | undefined> => {
    const cached = rubrics.get(editionId);
    if (typeof token === "string" && cached?.token === token) return cached.rubric;
    const rubric = await db.rubrics.where("editionId").equals(editionId).first();
    if (typeof token === "string") rubrics.set(editionId, { token, rubric });
    return rubric;
  };
  // A practice space is composed without an outbox writer: nothing saved there can ever be pushed.
  // With no outbox row to carry them, its seq and clock are kept in meta.
  const journal = (row: OutboxRecord, metaClock: unknown): Promise<unknown> =>
    ctx.practice
      ? Promise.all([
          db.meta.put({ key: META_KEYS.nextSeq, value: row.seq + 1 }),
          isStamp(metaClock) && metaClock >= row.mutation.stamp
            ? Promise.resolve()
            : db.meta.put({ key: META_KEYS.clock, value: row.mutation.stamp }),
        ])
      : db.outbox.add(row);

  const save = async <T extends SyncTable>(
    body: ScoreMutation | SheetMutation | NominationMutation,
    asCoordinator: boolean,
  ): Promise<SaveResult<RecordOf<T>>> => {
    const table = body.table as T;
    const key = keyOfBody(body);
    const mutationId = ids.mutationId();
    // Validate what the panelist sent before the transaction opens: bad input never holds IndexedDB,
    // and the transaction itself is kept to reads, one merge and writes.
    const draft = validate(
      MutationSchema,
      { ...body, mutationId, deviceId, seq: 1, key, baseVersion: 0, stamp: clock.last() },
      ctx.locale(),
    );
    if (!draft.ok) throw new StorageValidationError(draft.errors);
    return guard(() =>
      // Only the stores this write reads or writes: a score checks its sheet and rubric, the others only themselves.
      db.transaction(
        "rw",
        table === "scores"
          ? [db.scores, db.sheets, db.rubrics, db.outbox, db.meta]
          : [recordTable(db, table), db.outbox, db.meta],
        async () => {
          const { editionId, participantId, memberId } = body.identity;
          const sKey = sheetKey(editionId, participantId, memberId);
          // Every read this write depends on, issued at once: a tap waits for one round of IndexedDB, not six.
          const [raw, rawSheet, seqValue, lastRow, metaClock, rubricToken] = await Promise.all([
            recordTable(db, table).get(key) as Promise<unknown>,
            body.table === "scores" ? (db.sheets.get(sKey) as Promise<unknown>) : Promise.resolve(undefined),
            db.meta.get(META_KEYS.nextSeq).then((row) => row?.value),
            db.outbox.orderBy("seq").last(),
            db.meta.get(META_KEYS.clock).then((row) => row?.value),
            body.table === "scores"
              ? db.meta.get(META_KEYS.rubricToken(editionId)).then((row) => row?.value)
              : Promise.resolve(undefined),
          ]);
          const rubric = body.table === "scores" ? await rubricFor(editionId, rubricToken) : undefined;

          if (body.table !== "nominations") {
            const sheet = (body.table === "sheets" ? raw : rawSheet) as Partial<SheetRecord> | undefined;
            const reopening = body.table === "sheets" && body.changes.finalised === false && asCoordinator;
            if (sheet?.finalised === true && !reopening) throw new SheetFinalisedError(sKey);
          }

          const seq = nextSeq(seqValue, lastRow);
          // The other context (page or worker) may have moved the persisted clock.
          const persisted = persistedClock(metaClock, lastRow);
          if (persisted !== undefined && persisted > clock.last()) clock.receive(persisted);
          let current = raw as RecordOf<T> | undefined;
          const mutation = {
            ...body,
            mutationId,
            deviceId,
            seq,
            key,
            baseVersion: current?.version ?? 0,
            stamp: clock.now(),
          } as Mutation;

          // Stored rows were validated when written, so the merged result is checked once; only if
          // that fails is the stored row passed through repair (a damaged row must not lock its cell).
          let record = applyMutation(current, mutation as MutationData).record;
          let checked = validateRecord(table, record, ctx.locale());
          if (!checked.ok && raw !== undefined) {
            const repaired = readRecord(table, raw, ctx.locale());
            if (repaired.problem) report([repaired.problem]);
            current = repaired.record ?? undefined;
            record = applyMutation(current, mutation as MutationData).record;
            checked = validateRecord(table, record, ctx.locale());
          }
          if (!checked.ok) throw new StorageValidationError(checked.errors);
          if (table === "scores") {
            const errors = rubric ? checkScore(record as ScoreRecord, rubric, ctx.locale()) : [];
            if (errors.length > 0) throw new StorageValidationError(errors);
          }

          const outboxRow = {
            seq,
            mutationId: mutation.mutationId,
            editionId: body.identity.editionId,
            memberId: body.identity.memberId,
            table,
            key,
            status: "pending",
            mutation,
            createdAt: wallClock(),
          } satisfies OutboxRecord;
          await Promise.all([recordTable(db, table).put(record as RecordOf<T>), journal(outboxRow, metaClock)]);
          return { record: record as RecordOf<T>, mutation, previous: current };
        },
      ),
    );
  };

  return {
    saveScore: (identity, changes) => save<"scores">({ table: "scores", identity, changes }, false),
    saveSheet: (identity, changes, opts) =>
      save<"sheets">({ table: "sheets", identity, changes }, opts?.asCoordinator === true),
    saveNomination: (identity, changes) => save<"nominations">({ table: "nominations", identity, changes }, false),

    pendingCount: () =>
      guard(() =>
        db.outbox
          .where("[status+seq]")
          .between(...pendingRange())
          .count(),
      ),

    listPending: (limit = Number.POSITIVE_INFINITY) =>
      guard(async () => {
        const query = db.outbox.where("[status+seq]").between(...pendingRange());
        const rows = await (Number.isFinite(limit) ? query.limit(limit) : query).toArray();
        return rows.map((row) => ({ seq: row.seq, mutation: row.mutation }));
      }),

    pruneOutbox: (before) =>
      guard(() =>
        db.transaction("rw", db.outbox, db.meta, async () => {
          // The rows about to go may be what carries the seq and clock: move both into meta first.
          const [newest, seqValue] = await Promise.all([
            db.outbox.orderBy("seq").last(),
            db.meta.get(META_KEYS.nextSeq).then((row) => row?.value),
          ]);
          if (newest) {
            await db.meta.put({ key: META_KEYS.nextSeq, value: nextSeq(seqValue, newest) });
            await ctx.persistClock(newest.mutation.stamp);
          }
          return db.outbox
            .filter((row) => row.status !== "pending" && row.handledAt !== undefined && row.handledAt < before)
            .delete();
        }),
      ),
  };
};
