/*
 * What a local write last saw and left behind, so that the next write can be planned
 * before its transaction opens and its reads and writes issued in one IndexedDB round.
 *
 * Invariants:
 * - The cache is only a guess. A planned write re-reads, in its own transaction, every
 *   input it was planned from, and commits only if each equals what the plan used
 *   (`sameInputs`); otherwise the transaction is aborted (nothing written) and the write
 *   runs again from what it reads. So a stale, missing or wrong entry costs one extra
 *   round, never a wrong record, seq or clock.
 * - `sameInputs` compares exactly what the write computes from: the whole stored record,
 *   the sheet's finalised flag, meta's seq and clock, the newest outbox row's seq and
 *   stamp, and the edition's rubric token.
 * - Entries come from this context's own reads and writes only (the write path and the
 *   member data it loads); nothing here is persisted.
 */
import type { OutboxRecord } from "./db.ts";
import type { SyncTable } from "./record-tables.ts";

/** Everything a local write reads before it merges, as read (raw stored rows, not repaired). */
export type WriteInputs = {
  /** The stored record the change merges into; undefined when there is none. */
  raw: unknown;
  /** Whether the record's sheet (a sheet: itself) is finalised; nominations do not check. */
  sheetFinalised: boolean;
  seqValue: unknown;
  /** The newest outbox row: only its seq and stamp are used (nextSeq, persistedClock). */
  lastRow: OutboxRecord | undefined;
  metaClock: unknown;
  rubricToken: unknown;
};

/** The device-wide part of the inputs: the same for every record. */
type Journal = Pick<WriteInputs, "seqValue" | "lastRow" | "metaClock">;

/** A stored row as last seen; `raw: undefined` means known to be absent. */
type Known = { raw: unknown };

const recordId = (table: SyncTable, key: string) => `${table}\u0000${key}`;
const rangeId = (table: SyncTable, editionId: string, memberId: string) =>
  `${table}\u0000${editionId}\u0000${memberId}`;

/** Strict structural equality of structured-clone data (what IndexedDB gives back); `undefined` ≠ missing. */
export const sameStored = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const k of aKeys) {
    if (!Object.hasOwn(b, k)) return false;
    if (!sameStored((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
};

const sameNewest = (a: OutboxRecord | undefined, b: OutboxRecord | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.seq === b.seq && a.mutation.stamp === b.mutation.stamp;

/** True when a write planned from `planned` computes exactly what it would from `actual`. */
export const sameInputs = (actual: WriteInputs, planned: WriteInputs): boolean =>
  actual.sheetFinalised === planned.sheetFinalised &&
  Object.is(actual.seqValue, planned.seqValue) &&
  Object.is(actual.metaClock, planned.metaClock) &&
  Object.is(actual.rubricToken, planned.rubricToken) &&
  sameNewest(actual.lastRow, planned.lastRow) &&
  sameStored(actual.raw, planned.raw);

const versionOf = (raw: unknown): number => {
  const v = (raw as { version?: unknown } | undefined)?.version;
  return typeof v === "number" ? v : -1;
};

export type WriteCache = {
  /** The inputs a write to this record would read, if everything it needs is known. */
  expected(
    table: SyncTable,
    key: string,
    owner: { editionId: string; memberId: string },
    sheetKey: string,
  ): WriteInputs | undefined;
  /** After a committed write: what its next reads will return. */
  remember(table: SyncTable, key: string, raw: unknown, journal: Journal, editionId: string, token: unknown): void;
  /** The sheet's stored row as this write read it (a score write reads its sheet). */
  rememberRow(table: SyncTable, key: string, raw: unknown): void;
  /**
   * A member's rows read in full (one table, one [editionId+memberId]): a key not among
   * them was absent. Rows already known stay unless the read one carries a newer server
   * version (an acknowledgement or pull the cache has not seen).
   */
  seedRange(table: SyncTable, editionId: string, memberId: string, rows: readonly { key: string }[]): void;
  /** Forget everything: the next write reads. */
  clear(): void;
};

export const createWriteCache = (): WriteCache => {
  const rows = new Map<string, Known>();
  const ranges = new Set<string>();
  const tokens = new Map<string, unknown>();
  let journal: Journal | undefined;

  const known = (table: SyncTable, key: string, range: string | null): Known | undefined =>
    rows.get(recordId(table, key)) ?? (range !== null && ranges.has(range) ? { raw: undefined } : undefined);

  return {
    expected: (table, key, { editionId, memberId }, sheetKey) => {
      if (!journal || (table === "scores" && !tokens.has(editionId))) return undefined;
      const own = known(table, key, rangeId(table, editionId, memberId));
      if (!own) return undefined;
      const sheetRow = table === "scores" ? known("sheets", sheetKey, rangeId("sheets", editionId, memberId)) : own;
      if (!sheetRow) return undefined;
      return {
        raw: own.raw,
        sheetFinalised: table !== "nominations" && (sheetRow.raw as { finalised?: unknown })?.finalised === true,
        ...journal,
        // Only a score reads its edition's rubric token; the other writes read nothing there.
        rubricToken: table === "scores" ? tokens.get(editionId) : undefined,
      };
    },
    remember: (table, key, raw, next, editionId, token) => {
      rows.set(recordId(table, key), { raw });
      journal = next;
      if (table === "scores") tokens.set(editionId, token);
    },
    rememberRow: (table, key, raw) => {
      rows.set(recordId(table, key), { raw });
    },
    seedRange: (table, editionId, memberId, read) => {
      for (const row of read) {
        const id = recordId(table, row.key);
        const mine = rows.get(id);
        if (!mine || versionOf(row) > versionOf(mine.raw)) rows.set(id, { raw: row });
      }
      ranges.add(rangeId(table, editionId, memberId));
    },
    clear: () => {
      rows.clear();
      ranges.clear();
      tokens.clear();
      journal = undefined;
    },
  };
};
