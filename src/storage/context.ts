/*
 * What every storage module shares: the open database, this device's id, its
 * hybrid logical clock, the injected wall clock and ids, the session's locale and
 * the load problems seen so far. Built once by `openContext` (boot) and handed to
 * each module; nothing else holds mutable storage state.
 *
 * Invariants:
 * - The device id is created once and persisted in meta before anything is written.
 * - The persisted clock stamp never goes backwards, even across restarts with a wall
 *   clock that does (`persistClock` only moves it forward). A local write does not
 *   rewrite it: its outbox row carries its stamp and seq, so the persisted clock is the
 *   greater of meta's and the newest outbox row's (`persistedClock`), and the next seq
 *   follows that row (`nextSeq`); pruning the outbox moves both into meta first.
 * - Every record read goes through the repair step (`readRecord`); a row that had to
 *   be repaired or skipped is reported once in `problems`.
 */
import Dexie from "dexie";
import { type Clock, createClock, isStamp } from "../domain/hlc.ts";
import { createIdFactory, type IdFactory, isDeviceId } from "../domain/ids.ts";
import type { Locale, Stamp } from "../domain/types.ts";
import { META_KEYS, type OutboxRecord, type PanelisDb } from "./db.ts";
import { guard } from "./errors.ts";
import { createWriteCache, type WriteCache } from "./write-cache.ts";
import {
  type LoadProblem,
  type RecordOf,
  readRecord,
  readRecords,
  recordTable,
  SYNC_RECORD_TABLES,
  type SyncTable,
} from "./record-tables.ts";
import { parseSession } from "./meta-keys.ts";
import type { MemberData, StorageOptions } from "./storage-types.ts";

export type SyncedRecord = RecordOf<SyncTable>;

export type StorageContext = {
  readonly db: PanelisDb;
  readonly deviceId: string;
  readonly clock: Clock;
  readonly wallClock: () => number;
  readonly ids: IdFactory;
  /** A practice space: local writes keep records only, never an outbox entry. */
  readonly practice: boolean;
  /** The session's language, for validation messages; set by `setSession`. */
  locale(): Locale;
  setLocale(locale: Locale): void;
  /** Every load problem seen since open, newest last. */
  readonly problems: LoadProblem[];
  report(found: readonly LoadProblem[]): void;
  /** One record through the repair step; undefined when absent or unreadable. */
  readOne<T extends SyncTable>(table: T, key: string): Promise<RecordOf<T> | undefined>;
  /** This device's still-pending outbox rows for one record, in seq order (except `exceptSeq`). */
  pendingFor(key: string, exceptSeq: number): Promise<OutboxRecord[]>;
  /** Member data between two [editionId+memberId] bounds, read through the repair step. */
  loadRange(lower: unknown[], upper: unknown[]): Promise<MemberData>;
  /** Call inside a transaction that includes meta. */
  persistClock(stamp: Stamp): Promise<void>;
  /** What local writes last saw (write-cache.ts): lets a write plan itself before its transaction. */
  readonly writeCache: WriteCache;
};

const defaultRandomBytes = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

export { parseSession } from "./meta-keys.ts";

export const editionRange = (editionId: string): [unknown[], unknown[]] => [
  [editionId, Dexie.minKey],
  [editionId, Dexie.maxKey],
];

/** The greatest stamp this device persisted: meta's clock or its newest outbox row's stamp. */
export const persistedClock = (metaClock: unknown, newest: OutboxRecord | undefined): Stamp | undefined => {
  const fromOutbox = newest?.mutation.stamp;
  const fromMeta = isStamp(metaClock) ? metaClock : undefined;
  if (fromOutbox === undefined || !isStamp(fromOutbox)) return fromMeta;
  return fromMeta !== undefined && fromMeta > fromOutbox ? fromMeta : fromOutbox;
};

/** The seq the next mutation takes: after the newest outbox row, never below meta's counter (a seq is never reused). */
export const nextSeq = (metaNextSeq: unknown, newest: OutboxRecord | undefined): number =>
  Math.max(typeof metaNextSeq === "number" && Number.isInteger(metaNextSeq) ? metaNextSeq : 1, (newest?.seq ?? 0) + 1);

/** Opens the database, creates or reads the device id, and restores the clock and locale. */
export const openContext = async (db: PanelisDb, options: StorageOptions = {}): Promise<StorageContext> => {
  const wallClock = options.wallClock ?? Date.now;
  const ids = createIdFactory({ randomBytes: options.randomBytes ?? defaultRandomBytes });

  const boot = await guard(async () => {
    await db.open();
    return db.transaction("rw", db.meta, db.outbox, async () => {
      let deviceId = (await db.meta.get(META_KEYS.deviceId))?.value;
      if (typeof deviceId !== "string" || !isDeviceId(deviceId)) {
        deviceId = ids.newDeviceId();
        await db.meta.put({ key: META_KEYS.deviceId, value: deviceId });
      }
      const last = persistedClock((await db.meta.get(META_KEYS.clock))?.value, await db.outbox.orderBy("seq").last());
      const session = parseSession((await db.meta.get(META_KEYS.session))?.value);
      return { deviceId: deviceId as string, last, session };
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

  const readOne = async <T extends SyncTable>(table: T, key: string): Promise<RecordOf<T> | undefined> => {
    const raw = await recordTable(db, table).get(key);
    if (raw === undefined) return undefined;
    const { record, problem } = readRecord(table, raw, locale);
    if (problem) report([problem]);
    return record ?? undefined;
  };

  const pendingFor = async (key: string, exceptSeq: number): Promise<OutboxRecord[]> =>
    (await db.outbox.where("key").equals(key).toArray())
      .filter((row) => row.status === "pending" && row.seq !== exceptSeq)
      .sort((a, b) => a.seq - b.seq);

  const writeCache = createWriteCache();
  const loadRange = async (lower: unknown[], upper: unknown[]): Promise<MemberData> => {
    const data: MemberData = { scores: [], sheets: [], nominations: [], problems: [] };
    // One member's rows in full tell the write cache which of their records exist (a first tap can plan too).
    const [editionId, memberId] = lower;
    const oneMember =
      typeof editionId === "string" && typeof memberId === "string" && editionId === upper[0] && memberId === upper[1];
    for (const table of SYNC_RECORD_TABLES) {
      const rows = await recordTable(db, table)
        .where("[editionId+memberId]")
        .between(lower, upper, true, true)
        .toArray();
      if (oneMember) writeCache.seedRange(table, editionId, memberId, rows as Array<{ key: string }>);
      const { records, problems: found } = readRecords(table, rows, locale);
      (data[table] as SyncedRecord[]) = records;
      data.problems.push(...found);
    }
    report(data.problems);
    return data;
  };

  const persistClock = async (stamp: Stamp): Promise<void> => {
    const persisted = (await db.meta.get(META_KEYS.clock))?.value;
    if (!isStamp(persisted) || stamp > persisted) await db.meta.put({ key: META_KEYS.clock, value: stamp });
  };

  return {
    db,
    deviceId,
    clock,
    wallClock,
    ids,
    practice: options.practice === true,
    locale: () => locale,
    setLocale: (next) => {
      locale = next;
    },
    problems,
    report,
    readOne,
    pendingFor,
    loadRange,
    persistClock,
    writeCache,
  };
};
