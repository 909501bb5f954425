/*
 * The one server-wide version counter (meta.version). Invariants: a value is taken
 * only inside a transaction, so a rolled-back write gives its value back together
 * with its rows and no committed row ever shares a version. Inside `batch` the
 * counter is handed out from memory and written back once; the transaction holds
 * the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the counter row's lock, taken
 * at BEGIN — see pg-store.ts), so no other writer can take a value in between,
 * versions are handed out in commit order, and readers only ever see the committed
 * counter.
 */
import type { SyncTable } from "../../protocol/wire.ts";
import { num, type Row, type Sql } from "./sql.ts";

export type Versions = {
  next(): Promise<number>;
  current(): Promise<number>;
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** Leaves (or moves) a deletion marker for a removed row; its version. */
  markDeleted(table: SyncTable, key: string, editionId: string, memberId: string | null): Promise<number>;
  clearDeletion(table: SyncTable, key: string): Promise<void>;
  /** `clearDeletion` for many keys of one table in one statement. */
  clearDeletions(table: SyncTable, keys: readonly string[]): Promise<void>;
};

/** `lockedAt`: the counter's value as this transaction read it when locking its row (saves reading it again). */
export const createVersions = ({ one, run, inTransaction, inKeys }: Sql, lockedAt?: number): Versions => {
  /** The counter while `batch` runs: the last value handed out from memory, not yet written. */
  let leased: { last: number } | null = null;
  let known = lockedAt;
  const stored = async (): Promise<number> =>
    num((await one("SELECT value FROM meta WHERE key = 'version'")) as Row, "value");

  const next = async (): Promise<number> => {
    if (!inTransaction()) throw new Error("nextVersion outside a transaction");
    if (leased) {
      leased.last += 1;
      return leased.last;
    }
    return num((await one("UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value")) as Row, "value");
  };

  return {
    next,
    current: async () => (leased ? leased.last : stored()),
    /**
     * One UPDATE per push instead of one per stored row. The write-back is in `finally` so
     * even a caller that catches an error and commits leaves the counter at or above every
     * version it stored.
     */
    async batch<T>(fn: () => Promise<T>): Promise<T> {
      if (!inTransaction()) throw new Error("batchVersions outside a transaction");
      if (leased) return fn();
      // The locked value is current only until this transaction's first write-back.
      const start = known ?? (await stored());
      known = undefined;
      const lease = { last: start };
      leased = lease;
      const writeBack = async () => {
        leased = null;
        if (lease.last !== start && inTransaction())
          await run("UPDATE meta SET value = ? WHERE key = 'version'", lease.last);
      };
      let result: T;
      try {
        result = await fn();
      } catch (error) {
        // A PostgreSQL transaction aborted by the error refuses the write-back; it rolls back whole anyway.
        await writeBack().catch(() => {});
        throw error;
      }
      await writeBack();
      return result;
    },
    async markDeleted(table, key, editionId, memberId) {
      const version = await next();
      await run(
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
    async clearDeletion(table, key) {
      await run("DELETE FROM deletions WHERE tbl = ? AND key = ?", table, key);
    },
    async clearDeletions(table, keys) {
      const wanted = inKeys("key", keys);
      await run(`DELETE FROM deletions WHERE tbl = ? AND ${wanted.sql}`, table, wanted.param);
    },
  };
};
