/*
 * The one server-wide version counter (meta.version). Invariants: a value is taken
 * only inside a transaction, so a rolled-back write gives its value back together
 * with its rows and no committed row ever shares a version. Inside `batch` the
 * counter is handed out from memory and written back once; the immediate
 * transaction holds the write lock, so no other writer can take a value in
 * between, and readers only ever see the committed counter.
 */
import type { SyncTable } from "../../protocol/wire.ts";
import { num, type Row, type Sql } from "./sqlite-db.ts";

export type Versions = {
  next(): number;
  current(): number;
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** Leaves (or moves) a deletion marker for a removed row; its version. */
  markDeleted(table: SyncTable, key: string, editionId: string, memberId: string | null): number;
  clearDeletion(table: SyncTable, key: string): void;
};

export const createVersions = ({ db, one, run }: Sql): Versions => {
  /** The counter while `batch` runs: the last value handed out from memory, not yet written. */
  let leased: { last: number } | null = null;
  const stored = (): number => num(one("SELECT value FROM meta WHERE key = 'version'") as Row, "value");

  const next = (): number => {
    if (!db.inTransaction) throw new Error("nextVersion outside a transaction");
    if (leased) {
      leased.last += 1;
      return leased.last;
    }
    return num(one("UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value") as Row, "value");
  };

  return {
    next,
    current: () => (leased ? leased.last : stored()),
    /**
     * One UPDATE per push instead of one per stored row. The write-back is in `finally` so
     * even a caller that catches an error and commits leaves the counter at or above every
     * version it stored.
     */
    async batch<T>(fn: () => Promise<T>): Promise<T> {
      if (!db.inTransaction) throw new Error("batchVersions outside a transaction");
      if (leased) return fn();
      const start = stored();
      const lease = { last: start };
      leased = lease;
      try {
        return await fn();
      } finally {
        leased = null;
        if (lease.last !== start && db.inTransaction)
          run("UPDATE meta SET value = ? WHERE key = 'version'", lease.last);
      }
    },
    markDeleted(table, key, editionId, memberId) {
      const version = next();
      run(
        `INSERT INTO deletions (tbl, key, edition_id, member_id, version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version, edition_id = excluded.edition_id, member_id = excluded.member_id`,
        table,
        key,
        editionId,
        memberId,
        version,
      );
      return version;
    },
    clearDeletion(table, key) {
      run("DELETE FROM deletions WHERE tbl = ? AND key = ?", table, key);
    },
  };
};
