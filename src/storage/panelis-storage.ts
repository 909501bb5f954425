/*
 * The storage facade: the only way the page and the sync worker touch IndexedDB.
 *
 * Invariants:
 * - A local edit is one Dexie transaction over (record table, outbox, meta): the
 *   merged record, its outbox Mutation and the bumped seq and clock commit together
 *   or not at all, and the promise resolves only after commit.
 * - seq is per device and strictly increasing; the persisted clock stamp never goes
 *   backwards, even across restarts with a wall clock that does.
 * - A pull's records and its cursor commit together, so the cursor only moves with
 *   its data; the in-memory clock folds in remote stamps only after that commit.
 * - Merging is merge.ts's job; this file decides what to merge and when.
 */
import Dexie, { liveQuery, type Table } from "dexie";
import { createClock, isStamp, parseStamp } from "../domain/hlc.ts";
import { createIdFactory, isDeviceId } from "../domain/ids.ts";
import { nominationKey, scoreKey, sheetKey } from "../domain/keys.ts";
import { applyMutation, mergeRecord } from "../domain/merge.ts";
import { checkScore, type MutationData, MutationSchema } from "../domain/record-schemas.ts";
import { validate } from "../domain/schema-core.ts";
import type {
  Edition,
  Locale,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
  Stamp,
} from "../domain/types.ts";
import type { Mutation, NominationMutation, ScoreMutation, SheetMutation } from "../protocol/mutation.ts";
import type { PullRow, PushResult } from "../protocol/wire.ts";
import {
  type EditionRecord,
  type MemberRecord,
  META_KEYS,
  type NoticeRecord,
  type OutboxRecord,
  type OutboxStatus,
  type PanelisDb,
  type ParticipantRecord,
  type RubricRecord,
} from "./db.ts";
import { canonicalJson } from "./canonical-json.ts";
import { guard, SheetFinalisedError, StorageValidationError, toStorageError } from "./errors.ts";
import { type PanelisExport, signExport, verifyExport } from "./export-file.ts";
import { estimateUsage, type PersistenceResult, requestPersistence, type UsageEstimate } from "./persistence.ts";
import {
  FIELDS,
  type LoadProblem,
  type RecordOf,
  readRecord,
  readRecords,
  recordTable,
  SYNC_RECORD_TABLES,
  type SyncTable,
  shownValue,
  stampOf,
  validateRecord,
} from "./record-tables.ts";

export type StorageOptions = {
  wallClock?: () => number;
  randomBytes?: (n: number) => Uint8Array;
};

/** memberId is null between choosing an edition and choosing who is scoring. */
export type Session = { editionId: string | null; memberId: string | null; locale: Locale };

export type SaveResult<R> = {
  record: R;
  mutation: Mutation;
  /** The record before this change (undefined if new); undo saves its values as a new change. */
  previous: R | undefined;
};

export type ScoreIdentity = ScoreMutation["identity"];
export type ScoreChanges = ScoreMutation["changes"];
export type SheetIdentity = SheetMutation["identity"];
export type SheetChanges = SheetMutation["changes"];
export type NominationIdentity = NominationMutation["identity"];
export type NominationChanges = NominationMutation["changes"];

export type SaveSheetOptions = {
  /** Only the coordinator may reopen a finalised sheet (`finalised: false`). */
  asCoordinator?: boolean;
};

/** Reference data for one edition, plus optional starting records for a demo edition. */
export type EditionBundleInput = {
  edition: Edition;
  rubric: Rubric;
  participants: Participant[];
  members: Member[];
  scores?: ScoreRecord[];
  sheets?: SheetRecord[];
  nominations?: NominationRecord[];
};

export type EditionReference = {
  edition: EditionRecord;
  rubric: RubricRecord | undefined;
  participants: ParticipantRecord[];
  members: MemberRecord[];
};

export type MemberData = {
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
  /** Rows that were repaired or skipped while loading this data. */
  problems: LoadProblem[];
};

export type PendingMutation = { seq: number; mutation: Mutation };

export type MarkHandledResult = { handled: number; unknown: string[]; notices: number };

export type EditionCursor = { editionId: string; cursor: number };

export type ApplyRemoteResult = {
  /** Rows written (merged, replaced or deleted). */
  stored: number;
  /** Rows that could not be read and were left out. */
  skipped: LoadProblem[];
  notices: number;
};

export type PanelisStorage = {
  readonly name: string;
  readonly deviceId: string;
  /** Current greatest stamp of this device's clock. */
  lastStamp(): Stamp;
  /** How far this tablet's clock runs ahead of its wall clock (ms); the UI warns past a few minutes. */
  clockDriftMs(): number;
  /** Fold in a stamp seen elsewhere (e.g. server) so later local stamps sort after it; persisted. */
  observeStamp(stamp: Stamp): Promise<void>;

  putEditionBundle(bundle: EditionBundleInput): Promise<void>;
  listEditions(): Promise<EditionRecord[]>;
  loadEdition(editionId: string): Promise<EditionReference | undefined>;

  loadMemberData(editionId: string, memberId: string): Promise<MemberData>;
  loadEditionData(editionId: string): Promise<MemberData>;
  /** Every load problem seen since open, newest last. */
  loadProblems(): readonly LoadProblem[];

  saveScore(identity: ScoreIdentity, changes: ScoreChanges): Promise<SaveResult<ScoreRecord>>;
  saveSheet(
    identity: SheetIdentity,
    changes: SheetChanges,
    options?: SaveSheetOptions,
  ): Promise<SaveResult<SheetRecord>>;
  saveNomination(identity: NominationIdentity, changes: NominationChanges): Promise<SaveResult<NominationRecord>>;

  pendingCount(): Promise<number>;
  listPending(limit?: number): Promise<PendingMutation[]>;
  markHandled(results: readonly PushResult[]): Promise<MarkHandledResult>;
  applyRemote(rows: readonly PullRow[], cursor: EditionCursor): Promise<ApplyRemoteResult>;
  getCursor(editionId: string): Promise<number>;
  getLastSyncAt(editionId: string): Promise<number | null>;
  /** Drops handled (non-pending) outbox rows handled before `before` (ms). */
  pruneOutbox(before: number): Promise<number>;

  listNotices(editionId: string, memberId: string, options?: { unseenOnly?: boolean }): Promise<NoticeRecord[]>;
  markNoticesSeen(ids: readonly number[]): Promise<void>;

  exportUnacknowledged(editionId: string, memberId: string): Promise<PanelisExport>;
  verifyExport(file: unknown): Promise<boolean>;

  getSession(): Promise<Session | undefined>;
  setSession(session: Session): Promise<void>;

  /** Keys of this edition's scores the server kept but flagged for review after a rubric change. */
  listNeedsReview(editionId: string): Promise<string[]>;

  /** The sync worker's bearer token for this device (null = not enrolled). */
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string | null): Promise<void>;

  /** Re-runs `query` whenever the data it read changes (also when the other context writes). Returns unsubscribe. */
  watch<T>(
    query: (storage: PanelisStorage) => Promise<T>,
    onChange: (value: T) => void,
    onError?: (error: unknown) => void,
  ): () => void;

  requestPersistence(): Promise<PersistenceResult>;
  estimateUsage(): Promise<UsageEstimate | null>;

  close(): void;
  deleteLocalDatabase(): Promise<void>;
};

type SyncedRecord = RecordOf<SyncTable>;

const defaultRandomBytes = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

const isLocale = (value: unknown): value is Locale => value === "id" || value === "en";

const parseSession = (value: unknown): Session | undefined => {
  const s = value as Partial<Session> | null | undefined;
  if (!s || !isLocale(s.locale)) return undefined;
  const editionId = typeof s.editionId === "string" ? s.editionId : null;
  const memberId = editionId !== null && typeof s.memberId === "string" ? s.memberId : null;
  return { editionId, memberId, locale: s.locale };
};

/** Key order differs between a merged copy and a stored one, so compare canonically. */
const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

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

const byParticipantOrder = (a: Participant, b: Participant): number =>
  (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
  (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0);

const editionRange = (editionId: string): [unknown[], unknown[]] => [
  [editionId, Dexie.minKey],
  [editionId, Dexie.maxKey],
];

/** Opens the facade over an existing Dexie instance (tests pass one with hooks attached). */
export const openStorageOn = async (db: PanelisDb, options: StorageOptions = {}): Promise<PanelisStorage> => {
  const wallClock = options.wallClock ?? Date.now;
  const ids = createIdFactory({ randomBytes: options.randomBytes ?? defaultRandomBytes });

  const boot = await guard(async () => {
    await db.open();
    return db.transaction("rw", db.meta, async () => {
      let deviceId = (await db.meta.get(META_KEYS.deviceId))?.value;
      if (typeof deviceId !== "string" || !isDeviceId(deviceId)) {
        deviceId = ids.newDeviceId();
        await db.meta.put({ key: META_KEYS.deviceId, value: deviceId });
      }
      const last = (await db.meta.get(META_KEYS.clock))?.value;
      const session = parseSession((await db.meta.get(META_KEYS.session))?.value);
      return { deviceId: deviceId as string, last: isStamp(last) ? last : undefined, session };
    });
  });

  const { deviceId } = boot;
  const clock = createClock(deviceId, wallClock, boot.last ? { last: boot.last } : {});
  let locale: Locale = boot.session?.locale ?? "id";
  const problems: LoadProblem[] = [];

  const report = (found: readonly LoadProblem[]): void => {
    for (const p of found) {
      const known = problems.some((q) => q.table === p.table && q.key === p.key && q.action === p.action);
      if (!known) problems.push(p);
    }
  };

  const persistClock = async (stamp: Stamp): Promise<void> => {
    const persisted = (await db.meta.get(META_KEYS.clock))?.value;
    if (!isStamp(persisted) || stamp > persisted) await db.meta.put({ key: META_KEYS.clock, value: stamp });
  };

  const readOne = async <T extends SyncTable>(table: T, key: string): Promise<RecordOf<T> | undefined> => {
    const raw = await recordTable(db, table).get(key);
    if (raw === undefined) return undefined;
    const { record, problem } = readRecord(table, raw, locale);
    if (problem) report([problem]);
    return record ?? undefined;
  };

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
      locale,
    );
    if (!draft.ok) throw new StorageValidationError(draft.errors);
    return guard(() =>
      db.transaction("rw", [db.scores, db.sheets, db.nominations, db.rubrics, db.outbox, db.meta], async () => {
        const { editionId, participantId, memberId } = body.identity;
        const sKey = sheetKey(editionId, participantId, memberId);
        // Every read this write depends on, issued at once: a tap waits for one round of IndexedDB, not six.
        const [raw, rawSheet, seqValue, lastRow, persistedClock, rubric] = await Promise.all([
          recordTable(db, table).get(key) as Promise<unknown>,
          body.table === "scores" ? (db.sheets.get(sKey) as Promise<unknown>) : Promise.resolve(undefined),
          db.meta.get(META_KEYS.nextSeq).then((row) => row?.value),
          db.outbox.orderBy("seq").last(),
          db.meta.get(META_KEYS.clock).then((row) => row?.value),
          body.table === "scores"
            ? db.rubrics.where("editionId").equals(editionId).first()
            : Promise.resolve(undefined),
        ]);

        if (body.table !== "nominations") {
          const sheet = (body.table === "sheets" ? raw : rawSheet) as Partial<SheetRecord> | undefined;
          const reopening = body.table === "sheets" && body.changes.finalised === false && asCoordinator;
          if (sheet?.finalised === true && !reopening) throw new SheetFinalisedError(sKey);
        }

        // The outbox's own last seq guards against a lost or stale counter: a seq is never reused.
        const seq = Math.max(
          typeof seqValue === "number" && Number.isInteger(seqValue) ? seqValue : 1,
          (lastRow?.seq ?? 0) + 1,
        );
        // The other context (page or worker) may have moved the persisted clock.
        if (isStamp(persistedClock) && persistedClock > clock.last()) clock.receive(persistedClock);
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
        let checked = validateRecord(table, record, locale);
        if (!checked.ok && raw !== undefined) {
          const repaired = readRecord(table, raw, locale);
          if (repaired.problem) report([repaired.problem]);
          current = repaired.record ?? undefined;
          record = applyMutation(current, mutation as MutationData).record;
          checked = validateRecord(table, record, locale);
        }
        if (!checked.ok) throw new StorageValidationError(checked.errors);
        if (table === "scores") {
          const errors = rubric ? checkScore(record as ScoreRecord, rubric, locale) : [];
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
        const clockAdvanced = !isStamp(persistedClock) || mutation.stamp > persistedClock;
        await Promise.all([
          recordTable(db, table).put(record as RecordOf<T>),
          db.outbox.add(outboxRow),
          db.meta.put({ key: META_KEYS.nextSeq, value: seq + 1 }),
          clockAdvanced ? db.meta.put({ key: META_KEYS.clock, value: mutation.stamp }) : Promise.resolve(),
        ]);
        return { record: record as RecordOf<T>, mutation, previous: current };
      }),
    );
  };

  const overwriteNotices = (
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
      // Only a write this tablet made and someone else replaced is news to its user.
      if (parseStamp(mine)?.node !== deviceId || parseStamp(winner)?.node === deviceId) continue;
      const previous = shownValue(table, before, field);
      const current = shownValue(table, after, field);
      if (sameJson(previous, current)) continue;
      const parsed = parseStamp(winner);
      notices.push({
        kind,
        editionId: after.editionId,
        memberId: after.memberId,
        participantId: after.participantId,
        table,
        recordKey: after.key,
        field,
        previous,
        current,
        byDeviceId: parsed?.node ?? null,
        changedAt: parsed?.millis ?? null,
        winningStamp: winner,
        mutationId,
        reason: null,
        createdAt: wallClock(),
        seen: 0,
      });
    }
    return notices;
  };

  const pendingFor = async (key: string, exceptSeq: number): Promise<OutboxRecord[]> =>
    (await db.outbox.where("key").equals(key).toArray())
      .filter((row) => row.status === "pending" && row.seq !== exceptSeq)
      .sort((a, b) => a.seq - b.seq);

  /** Call inside a transaction that includes meta. */
  const updateNeedsReview = async (editionId: string, flags: ReadonlyMap<string, boolean>): Promise<void> => {
    const metaKey = META_KEYS.needsReview(editionId);
    const stored = (await db.meta.get(metaKey))?.value;
    const keys = new Set(Array.isArray(stored) ? stored.filter((k): k is string => typeof k === "string") : []);
    for (const [key, flagged] of flags) {
      if (flagged) keys.add(key);
      else keys.delete(key);
    }
    await db.meta.put({ key: metaKey, value: [...keys].sort() });
  };

  /**
   * The server's copy is the truth for everything it has acknowledged; only this
   * device's still-pending changes are replayed on top. Merging instead would let
   * a tablet whose clock runs days ahead keep its own (uncapped) stamp and ignore
   * every later edit from other devices.
   */
  const rebase = async (key: string, server: SyncedRecord, exceptSeq: number): Promise<SyncedRecord> => {
    let next: SyncedRecord = server;
    for (const pending of await pendingFor(key, exceptSeq)) {
      next = applyMutation(next, pending.mutation as MutationData).record;
    }
    return { ...next, version: server.version };
  };

  /** Rebase when the server copy is at least as new as what this device last saw; otherwise it is a stale reply. */
  const reconcile = async (
    table: SyncTable,
    key: string,
    local: SyncedRecord | undefined,
    server: SyncedRecord,
    exceptSeq: number,
  ): Promise<SyncedRecord> =>
    !local || server.version >= local.version ? rebase(key, server, exceptSeq) : mergeRecord(table, local, server);

  const markHandled = async (results: readonly PushResult[]): Promise<MarkHandledResult> =>
    guard(() =>
      db.transaction("rw", [db.outbox, db.scores, db.sheets, db.nominations, db.notices, db.meta], async () => {
        const outcome: MarkHandledResult = { handled: 0, unknown: [], notices: 0 };
        const reviewFlags = new Map<string, Map<string, boolean>>();
        const now = wallClock();
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
          const local = await readOne(table, row.key);
          const server = result.serverRecord ? readRecord(table, result.serverRecord, locale).record : null;
          let next: SyncedRecord | undefined = local;
          const notices: NoticeRecord[] = [];

          if (effective === "rejected" && result.serverRecord !== undefined) {
            // The server refused this change: rebuild from its copy plus what is still pending here.
            next = server ?? undefined;
            for (const pending of await pendingFor(row.key, row.seq)) {
              next = applyMutation(next, pending.mutation as MutationData).record;
            }
          } else if (server) {
            const acknowledged =
              result.version !== undefined ? { ...server, version: Math.max(server.version, result.version) } : server;
            next = await reconcile(table, row.key, local, acknowledged, row.seq);
            notices.push(
              ...overwriteNotices(
                table,
                local,
                next,
                effective === "conflict" ? "conflict" : "overwritten",
                row.mutationId,
              ),
            );
          }
          if (next && result.version !== undefined && effective !== "rejected") {
            next = { ...next, version: Math.max(next.version, result.version) };
          }

          if (effective === "applied" && result.status === "applied" && next) {
            for (const r of result.replaced ?? []) {
              notices.push({
                kind: "replaced",
                editionId: row.editionId,
                memberId: row.memberId,
                participantId: row.mutation.identity.participantId,
                table,
                recordKey: row.key,
                field: r.field,
                previous: r.previous,
                current: shownValue(table, next, r.field),
                byDeviceId: r.byDeviceId,
                changedAt: r.at,
                winningStamp: row.mutation.stamp,
                mutationId: row.mutationId,
                reason: null,
                createdAt: now,
                seen: 0,
              });
            }
          }

          if (effective === "rejected") {
            notices.push({
              kind: "rejected",
              editionId: row.editionId,
              memberId: row.memberId,
              participantId: row.mutation.identity.participantId,
              table,
              recordKey: row.key,
              field: null,
              previous: row.mutation.changes,
              current: next ? FIELDS[table].map((f) => shownValue(table, next as SyncedRecord, f)) : null,
              byDeviceId: null,
              changedAt: null,
              winningStamp: null,
              mutationId: row.mutationId,
              reason: result.reason ?? result.reasonCode ?? null,
              createdAt: now,
              seen: 0,
            });
          }

          if (next === undefined) {
            if (local) await recordTable(db, table).delete(row.key);
          } else if (!local || !sameJson(local, next)) {
            await recordTable(db, table).put(next);
          }
          if (notices.length > 0) await db.notices.bulkAdd(notices);
          outcome.notices += notices.length;
        }
        for (const [editionId, flags] of reviewFlags) await updateNeedsReview(editionId, flags);
        return outcome;
      }),
    );

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
              const local = await readOne(table, row.key);
              if (row.record === null) {
                // A deletion must not take a change this tablet has not pushed yet.
                if (local && (await pendingFor(row.key, -1)).length === 0) {
                  await store.delete(row.key);
                  outcome.stored++;
                }
                continue;
              }
              const incoming = readRecord(
                table,
                { ...row.record, version: Math.max(row.record.version, row.version) },
                locale,
              );
              if (!incoming.record) {
                if (incoming.problem) outcome.skipped.push(incoming.problem);
                continue;
              }
              if (row.table === "scores") reviewFlags.set(row.key, row.needsReview === true);
              const next = await reconcile(table, row.key, local, incoming.record, -1);
              for (const field of FIELDS[table]) {
                const s = stampOf(incoming.record, field);
                if (s && (!greatest || s > greatest)) greatest = s;
              }
              if (local && sameJson(local, next)) continue;
              await store.put(next);
              outcome.stored++;
              const notices = overwriteNotices(table, local, next, "overwritten", null);
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
          if (reviewFlags.size > 0) await updateNeedsReview(cursor.editionId, reviewFlags);
          await db.meta.put({ key: META_KEYS.cursor(cursor.editionId), value: cursor.cursor });
          await db.meta.put({ key: META_KEYS.lastSyncAt(cursor.editionId), value: wallClock() });
          if (greatest) {
            const persisted = (await db.meta.get(META_KEYS.clock))?.value;
            if (!isStamp(persisted) || greatest > persisted)
              await db.meta.put({ key: META_KEYS.clock, value: greatest });
          }
          return outcome;
        },
      ),
    );
    // Only now that the data is committed may later local stamps be ordered after it.
    if (greatest) clock.receive(greatest);
    report(result.skipped);
    return result;
  };

  /** Member data between two [editionId+memberId] bounds, read through the repair step. */
  const loadRange = async (lower: unknown[], upper: unknown[]): Promise<MemberData> => {
    const data: MemberData = { scores: [], sheets: [], nominations: [], problems: [] };
    for (const table of SYNC_RECORD_TABLES) {
      const rows = await recordTable(db, table)
        .where("[editionId+memberId]")
        .between(lower, upper, true, true)
        .toArray();
      const { records, problems: found } = readRecords(table, rows, locale);
      (data[table] as SyncedRecord[]) = records;
      data.problems.push(...found);
    }
    report(data.problems);
    return data;
  };

  const storage: PanelisStorage = {
    name: db.name,
    deviceId,
    lastStamp: () => clock.last(),
    clockDriftMs: () => clock.driftMs(),

    observeStamp: async (stamp) => {
      if (!isStamp(stamp)) throw new StorageValidationError([`Not a clock stamp: "${stamp}"`]);
      clock.receive(stamp);
      const last = clock.last();
      await guard(() => db.transaction("rw", db.meta, () => persistClock(last)));
    },

    putEditionBundle: async (bundle) => {
      // Reference schemas load only here: an edition arrives once, taps happen all day.
      const { EditionSchema, MemberSchema, ParticipantSchema, RubricSchema } = (
        await import("./reference-validation.ts")
      ).referenceSchemas;
      const errors: string[] = [];
      const check = <S extends Parameters<typeof validate>[0]>(schema: S, data: unknown) => {
        const r = validate(schema, data, locale);
        if (!r.ok) errors.push(...r.errors);
        return r.ok ? r.value : undefined;
      };
      const edition = check(EditionSchema, bundle.edition) as Edition | undefined;
      const rubric = check(RubricSchema, bundle.rubric) as Rubric | undefined;
      const participants = bundle.participants.map((p) => check(ParticipantSchema, p) as Participant);
      const members = bundle.members.map((m) => check(MemberSchema, m) as Member);
      const records = SYNC_RECORD_TABLES.map((table) => {
        const rows = bundle[table] ?? [];
        const checked = rows.map((r) => validateRecord(table, r, locale));
        for (const c of checked) if (!c.ok) errors.push(...c.errors);
        return { table, rows: checked.flatMap((c) => (c.ok ? [c.value as SyncedRecord] : [])) };
      });
      const editionId = bundle.edition.id;
      const foreign = [bundle.rubric, ...bundle.participants, ...bundle.members, ...records.flatMap((r) => r.rows)]
        .filter((r) => r && r.editionId !== editionId)
        .map((r) => `${"id" in r ? r.id : r.key}: not part of edition ${editionId}`);
      errors.push(...foreign);
      if (errors.length > 0 || !edition || !rubric) throw new StorageValidationError(errors);

      await guard(() =>
        db.transaction(
          "rw",
          [db.editions, db.rubrics, db.participants, db.members, db.scores, db.sheets, db.nominations],
          async () => {
            await db.rubrics.where("editionId").equals(editionId).delete();
            await db.participants.where("editionId").equals(editionId).delete();
            await db.members.where("editionId").equals(editionId).delete();
            await db.editions.put(edition);
            await db.rubrics.put(rubric);
            await db.participants.bulkPut(participants);
            await db.members.bulkPut(members);
            for (const { table, rows } of records) {
              const store = recordTable(db, table);
              // Starting records never overwrite what a panelist already entered.
              const existing = new Set((await store.bulkGet(rows.map((r) => r.key))).map((r) => r?.key));
              await store.bulkPut(rows.filter((r) => !existing.has(r.key)));
            }
          },
        ),
      );
    },

    listEditions: () =>
      guard(async () =>
        (await db.editions.toArray()).sort((a, b) => b.year - a.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      ),

    loadEdition: (editionId) =>
      guard(() =>
        db.transaction("r", [db.editions, db.rubrics, db.participants, db.members], async () => {
          const edition = await db.editions.get(editionId);
          if (!edition) return undefined;
          const rubric =
            (await db.rubrics.get(edition.rubricId)) ?? (await db.rubrics.where("editionId").equals(editionId).first());
          const participants = (await db.participants.where("editionId").equals(editionId).toArray()).sort(
            byParticipantOrder,
          );
          const members = await db.members.where("editionId").equals(editionId).toArray();
          return { edition, rubric, participants, members };
        }),
      ),

    loadMemberData: (editionId, memberId) =>
      guard(() =>
        db.transaction("r", [db.scores, db.sheets, db.nominations], () =>
          loadRange([editionId, memberId], [editionId, memberId]),
        ),
      ),

    loadEditionData: (editionId) =>
      guard(() =>
        db.transaction("r", [db.scores, db.sheets, db.nominations], () => loadRange(...editionRange(editionId))),
      ),

    loadProblems: () => problems.slice(),

    saveScore: (identity, changes) => save<"scores">({ table: "scores", identity, changes }, false),
    saveSheet: (identity, changes, opts) =>
      save<"sheets">({ table: "sheets", identity, changes }, opts?.asCoordinator === true),
    saveNomination: (identity, changes) => save<"nominations">({ table: "nominations", identity, changes }, false),

    pendingCount: () =>
      guard(() =>
        db.outbox.where("[status+seq]").between(["pending", Dexie.minKey], ["pending", Dexie.maxKey]).count(),
      ),

    listPending: (limit = Number.POSITIVE_INFINITY) =>
      guard(async () => {
        const query = db.outbox.where("[status+seq]").between(["pending", Dexie.minKey], ["pending", Dexie.maxKey]);
        const rows = await (Number.isFinite(limit) ? query.limit(limit) : query).toArray();
        return rows.map((row) => ({ seq: row.seq, mutation: row.mutation }));
      }),

    markHandled,
    applyRemote,

    getCursor: (editionId) =>
      guard(async () => {
        const value = (await db.meta.get(META_KEYS.cursor(editionId)))?.value;
        return typeof value === "number" ? value : 0;
      }),

    getLastSyncAt: (editionId) =>
      guard(async () => {
        const value = (await db.meta.get(META_KEYS.lastSyncAt(editionId)))?.value;
        return typeof value === "number" ? value : null;
      }),

    pruneOutbox: (before) =>
      guard(() =>
        db.outbox
          .filter((row) => row.status !== "pending" && row.handledAt !== undefined && row.handledAt < before)
          .delete(),
      ),

    listNotices: (editionId, memberId, opts) =>
      guard(async () => {
        const rows = await db.notices.where("[editionId+memberId]").equals([editionId, memberId]).toArray();
        return opts?.unseenOnly ? rows.filter((n) => n.seen === 0) : rows;
      }),

    listNeedsReview: (editionId) =>
      guard(async () => {
        const value = (await db.meta.get(META_KEYS.needsReview(editionId)))?.value;
        return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];
      }),

    getDeviceToken: () =>
      guard(async () => {
        const value = (await db.meta.get(META_KEYS.deviceToken))?.value;
        return typeof value === "string" ? value : null;
      }),

    setDeviceToken: (token) =>
      guard(async () => {
        if (token === null) await db.meta.delete(META_KEYS.deviceToken);
        else await db.meta.put({ key: META_KEYS.deviceToken, value: token });
      }),

    markNoticesSeen: (noticeIds) =>
      guard(async () => {
        await db.notices
          .where("id")
          .anyOf([...noticeIds])
          .modify({ seen: 1 });
      }),

    exportUnacknowledged: async (editionId, memberId) => {
      const gathered = await guard(() =>
        db.transaction("r", [db.editions, db.members, db.outbox, db.scores, db.sheets, db.nominations], async () => {
          const edition = await db.editions.get(editionId);
          const member = await db.members.get(memberId);
          const pending = (await db.outbox.where("[editionId+memberId]").equals([editionId, memberId]).toArray())
            .filter((row) => row.status === "pending")
            .sort((a, b) => a.seq - b.seq);
          const data = await loadRange([editionId, memberId], [editionId, memberId]);
          return { edition, member, pending, data };
        }),
      );
      const { edition, member, pending, data } = gathered;
      // A rescue file must still be producible when reference data is missing, so absent names degrade to ids.
      return signExport({
        format: "panelis-export",
        formatVersion: 1,
        exportedAt: new Date(wallClock()).toISOString(),
        edition: { id: editionId, title: edition?.title ?? { id: editionId }, year: edition?.year ?? null },
        member: { id: memberId, name: member?.name ?? memberId },
        deviceId,
        mutations: pending.map((row) => row.mutation),
        scores: data.scores,
        sheets: data.sheets,
        nominations: data.nominations,
      });
    },

    verifyExport,

    getSession: () => guard(async () => parseSession((await db.meta.get(META_KEYS.session))?.value)),

    setSession: async (session) => {
      const parsed = parseSession(session);
      if (!parsed) throw new StorageValidationError(["Session needs an edition, a member and a locale (id or en)."]);
      await guard(() => db.meta.put({ key: META_KEYS.session, value: parsed }));
      locale = parsed.locale;
    },

    watch: (query, onChange, onError) => {
      const subscription = liveQuery(() => query(storage)).subscribe({
        next: onChange,
        // Without a handler the failure is still shown: storage errors are never swallowed.
        error: (error: unknown) => (onError ?? console.error)(toStorageError(error)),
      });
      return () => subscription.unsubscribe();
    },

    requestPersistence,
    estimateUsage,

    close: () => db.close(),

    deleteLocalDatabase: async () => {
      db.close();
      await guard(() => Dexie.delete(db.name));
    },
  };
  return storage;
};
