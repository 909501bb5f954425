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
 * - A write is first planned from what this context last saw (write-cache.ts) and its
 *   reads and writes issued in one round; it commits only if what it reads equals what it
 *   was planned from, else it is aborted and runs again reading first. Both ways store
 *   exactly the same rows: the plan is a shortcut, never a second source of truth.
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
import type { PanelisStorage, SaveResult, StorageOptions } from "./storage-types.ts";
import { sameInputs, type WriteInputs } from "./write-cache.ts";

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

type Body = ScoreMutation | SheetMutation | NominationMutation;

/** A write worked out before it is stored: the merged record and its outbox row. */
type Planned<T extends SyncTable> = {
  record: RecordOf<T>;
  mutation: Mutation;
  previous: RecordOf<T> | undefined;
  outboxRow: OutboxRecord;
};

/** Thrown inside a planned write's transaction when what it read is not what it was planned from: aborts it. */
class StalePlan extends Error {}

/** The rubric a score is checked against, as last read, under the token it was read with (META_KEYS.rubricToken). */
type CachedRubric = { token: string; rubric: Rubric | undefined };

export const createLocalWrites = (ctx: StorageContext, options: StorageOptions = {}): LocalWrites => {
  const { db, deviceId, clock, ids, wallClock, report, writeCache: cache } = ctx;
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

  /** Every read a write depends on, issued at once: a tap waits for one round of IndexedDB, not six. */
  const readInputs = async (table: SyncTable, key: string, body: Body): Promise<WriteInputs> => {
    const { editionId, participantId, memberId } = body.identity;
    const [raw, rawSheet, seqValue, lastRow, metaClock, rubricToken] = await Promise.all([
      recordTable(db, table).get(key) as Promise<unknown>,
      table === "scores"
        ? (db.sheets.get(sheetKey(editionId, participantId, memberId)) as Promise<unknown>)
        : Promise.resolve(undefined),
      db.meta.get(META_KEYS.nextSeq).then((row) => row?.value),
      db.outbox.orderBy("seq").last(),
      db.meta.get(META_KEYS.clock).then((row) => row?.value),
      table === "scores"
        ? db.meta.get(META_KEYS.rubricToken(editionId)).then((row) => row?.value)
        : Promise.resolve(undefined),
    ]);
    const sheet = (table === "sheets" ? raw : rawSheet) as Partial<SheetRecord> | undefined;
    if (table === "scores") cache.rememberRow("sheets", sheetKey(editionId, participantId, memberId), rawSheet);
    return {
      raw,
      sheetFinalised: table !== "nominations" && sheet?.finalised === true,
      seqValue,
      lastRow,
      metaClock,
      rubricToken,
    };
  };

  /**
   * The write itself, from its inputs: the merged record and its outbox row. Throws what the
   * panelist must be told (finalised sheet, invalid result). With `mayRepair` false it
   * returns null instead of repairing a damaged stored row (a planned write leaves that,
   * and its report, to the write that reads).
   */
  const plan = <T extends SyncTable>(
    table: T,
    key: string,
    body: Body,
    mutationId: string,
    asCoordinator: boolean,
    inputs: WriteInputs,
    rubric: Rubric | undefined,
    mayRepair: boolean,
  ): Planned<T> | null => {
    const reopening = body.table === "sheets" && body.changes.finalised === false && asCoordinator;
    if (inputs.sheetFinalised && !reopening) {
      const { editionId, participantId, memberId } = body.identity;
      throw new SheetFinalisedError(sheetKey(editionId, participantId, memberId));
    }
    const seq = nextSeq(inputs.seqValue, inputs.lastRow);
    // The other context (page or worker) may have moved the persisted clock.
    const persisted = persistedClock(inputs.metaClock, inputs.lastRow);
    if (persisted !== undefined && persisted > clock.last()) clock.receive(persisted);
    let current = inputs.raw as RecordOf<T> | undefined;
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
    if (!checked.ok && inputs.raw !== undefined) {
      if (!mayRepair) return null;
      const repaired = readRecord(table, inputs.raw, ctx.locale());
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
    return { record: record as RecordOf<T>, mutation, previous: current, outboxRow };
  };

  /** The record and its outbox row (a practice space: its seq and clock in meta), in the open transaction. */
  const store = <T extends SyncTable>(table: T, planned: Planned<T>, metaClock: unknown) =>
    Promise.all([recordTable(db, table).put(planned.record), journal(planned.outboxRow, metaClock)]);

  /** What the next write will read after this one committed (see `journal`). */
  const remember = <T extends SyncTable>(table: T, key: string, body: Body, inputs: WriteInputs, p: Planned<T>) => {
    const row = p.outboxRow;
    const stamp = row.mutation.stamp;
    const next = ctx.practice
      ? {
          seqValue: row.seq + 1,
          lastRow: inputs.lastRow,
          metaClock: isStamp(inputs.metaClock) && inputs.metaClock >= stamp ? inputs.metaClock : stamp,
        }
      : { seqValue: inputs.seqValue, lastRow: row, metaClock: inputs.metaClock };
    cache.remember(table, key, p.record, next, body.identity.editionId, inputs.rubricToken);
  };

  const stores = (table: SyncTable) =>
    // Only the stores this write reads or writes: a score checks its sheet and rubric, the others only themselves.
    table === "scores"
      ? [db.scores, db.sheets, db.rubrics, db.outbox, db.meta]
      : [recordTable(db, table), db.outbox, db.meta];

  /**
   * The one-round write: planned from the cache before the transaction opens, its reads
   * and writes issued together; committed only if the reads equal what it was planned
   * from (write-cache.ts). Resolves null when it could not be used — nothing was written.
   */
  const tryPlanned = async <T extends SyncTable>(
    table: T,
    key: string,
    body: Body,
    mutationId: string,
    asCoordinator: boolean,
  ): Promise<SaveResult<RecordOf<T>> | null> => {
    const { editionId, participantId, memberId } = body.identity;
    const expected = cache.expected(table, key, { editionId, memberId }, sheetKey(editionId, participantId, memberId));
    if (!expected) return null;
    const cached = rubrics.get(editionId);
    if (table === "scores" && (typeof expected.rubricToken !== "string" || cached?.token !== expected.rubricToken))
      return null;
    let planned: Planned<T> | null;
    try {
      planned = plan(table, key, body, mutationId, asCoordinator, expected, cached?.rubric, false);
    } catch {
      return null; // the write that reads decides, from what is really stored
    }
    if (!planned) return null;
    const ready = planned;
    try {
      await db.transaction("rw", stores(table), async () => {
        // Reads first: requests run in order, so they see the database as it was before this write.
        const [actual] = await Promise.all([readInputs(table, key, body), store(table, ready, expected.metaClock)]);
        if (!sameInputs(actual, expected)) throw new StalePlan();
      });
    } catch {
      // Stale cache or any failure: the transaction was aborted, so the write runs again reading first.
      options.onWritePath?.("reread");
      return null;
    }
    remember(table, key, body, expected, ready);
    options.onWritePath?.("planned");
    return { record: ready.record, mutation: ready.mutation, previous: ready.previous };
  };

  const save = async <T extends SyncTable>(body: Body, asCoordinator: boolean): Promise<SaveResult<RecordOf<T>>> => {
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
    const quick = await tryPlanned(table, key, body, mutationId, asCoordinator);
    if (quick) return quick;
    return guard(async () => {
      const [result, inputs, planned] = await db.transaction("rw", stores(table), async () => {
        const inputs = await readInputs(table, key, body);
        const rubric = table === "scores" ? await rubricFor(body.identity.editionId, inputs.rubricToken) : undefined;
        const planned = plan(table, key, body, mutationId, asCoordinator, inputs, rubric, true) as Planned<T>;
        await store(table, planned, inputs.metaClock);
        const result = { record: planned.record, mutation: planned.mutation, previous: planned.previous };
        return [result, inputs, planned] as const;
      });
      remember(table, key, body, inputs, planned);
      return result;
    });
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
