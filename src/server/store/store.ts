/*
 * The server's SQLite store: the repositories over one better-sqlite3 connection,
 * composed into the declared `Store` (store-types.ts). Invariants:
 * - better-sqlite3 is synchronous and there is one connection, but a transaction's
 *   function is async and may wait (e.g. for a password hash). So every transaction
 *   is BEGIN IMMEDIATE … COMMIT/ROLLBACK run under one in-process async mutex, and
 *   every read outside a transaction takes the same mutex: no statement of another
 *   request can land inside an open transaction, and no reader ever sees
 *   uncommitted rows or a version that a rollback would hand out again.
 * - IMMEDIATE takes the write lock up front, so the admin CLI (another process) and
 *   the server never deadlock; busy_timeout makes one wait for the other.
 * - WAL + synchronous=FULL (sqlite-db.ts) make an acknowledged commit survive a
 *   kill -9 or power loss; the version counter's rules are in versions.ts.
 */
import type Database from "better-sqlite3";
import { createAudit } from "./audit.ts";
import { createCoordinators, createSessions, createSetupTokens } from "./coordinators.ts";
import { createDevices } from "./devices.ts";
import { createEditions, createReferences } from "./editions.ts";
import { createFeed } from "./feed.ts";
import { createJoinCodes } from "./join-codes.ts";
import { createSeen } from "./mutations.ts";
import { createMutex } from "./mutex.ts";
import { createRecords } from "./records.ts";
import { createSql, DEFAULT_DB_PATH, num, openDatabase, type Row, str } from "./sqlite-db.ts";
import type { Store, StoreReads, TxStore } from "./store-types.ts";
import { createVersions } from "./versions.ts";

export { DEFAULT_DB_PATH };
export type * from "./store-types.ts";

/** The SQLite store: the declared `Store` plus what only this engine has. */
export type SqliteStore = Store & {
  /** The raw connection, for tests and the backup command. */
  db: Database.Database;
  path: string;
  /** A consistent copy of the database while the server runs (SQLite online backup). */
  backup(file: string): Promise<void>;
};

/** Every method of every repository in `reads`, run under `gate`. */
const gated = (reads: StoreReads, gate: <T>(fn: () => Promise<T>) => Promise<T>): StoreReads => {
  const wrap = <R extends object>(repo: R): R => {
    const out: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(repo)) {
      if (typeof method === "function") out[name] = (...args: unknown[]) => gate(() => method(...args));
    }
    return out as R;
  };
  return {
    editions: wrap(reads.editions),
    references: wrap(reads.references),
    records: wrap(reads.records),
    feed: wrap(reads.feed),
    coordinators: wrap(reads.coordinators),
    sessions: wrap(reads.sessions),
    setupTokens: wrap(reads.setupTokens),
    devices: wrap(reads.devices),
    joinCodes: wrap(reads.joinCodes),
    seen: wrap(reads.seen),
    audit: wrap(reads.audit),
    currentVersion: () => gate(reads.currentVersion),
  };
};

export const createStore = (path: string = process.env.PANELIS_DB ?? DEFAULT_DB_PATH): SqliteStore => {
  const db = openDatabase(path);
  const sql = createSql(db);
  const versions = createVersions(sql);
  const references = createReferences(sql, versions);
  const inside: TxStore = {
    editions: createEditions(sql, versions, references),
    references,
    records: createRecords(sql, versions),
    feed: createFeed(sql),
    coordinators: createCoordinators(sql),
    sessions: createSessions(sql),
    setupTokens: createSetupTokens(sql),
    devices: createDevices(sql),
    joinCodes: createJoinCodes(sql),
    seen: createSeen(sql),
    audit: createAudit(sql),
    nextVersion: async () => versions.next(),
    currentVersion: async () => versions.current(),
    batchVersions: (fn) => versions.batch(fn),
  };
  const lock = createMutex();
  const outside = gated(inside, (fn) => lock.run(fn));

  const tx = <T>(fn: (s: TxStore) => Promise<T>): Promise<T> =>
    lock.run(async () => {
      sql.run("BEGIN IMMEDIATE");
      try {
        const result = await fn(inside);
        sql.run("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) sql.run("ROLLBACK");
        throw error;
      }
    });

  const counts = async (): Promise<Record<string, number>> => {
    const tables = sql.all(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const out: Record<string, number> = {};
    for (const t of tables) {
      const name = str(t, "name");
      out[name] = num(sql.one(`SELECT count(*) AS n FROM "${name}"`) as Row, "n");
    }
    out.version = versions.current();
    return out;
  };

  return {
    ...outside,
    tx,
    counts: () => lock.run(counts),
    db,
    path,
    backup: async (file) => {
      await db.backup(file);
    },
    close: () =>
      lock.run(async () => {
        if (db.open) db.close();
      }),
  };
};
