/*
 * The server's SQLite store (the embedded default): the shared repositories
 * (repositories.ts) over one better-sqlite3 connection, composed into the declared
 * `Store` (store-types.ts). Invariants:
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
import { LATEST_SCHEMA_VERSION } from "./migrations.ts";
import { createMutex } from "./mutex.ts";
import { createRepositories, readsOf } from "./repositories.ts";
import { num, type Row, str } from "./sql.ts";
import { createSqliteSql, DEFAULT_DB_PATH, openDatabase } from "./sqlite-db.ts";
import type { Store } from "./store-types.ts";

export { DEFAULT_DB_PATH };
export type * from "./store-types.ts";

/** The SQLite store: the declared `Store` plus what only this engine has. */
export type SqliteStore = Store & {
  engine: "sqlite";
  /** The raw connection, for tests and the backup command. */
  db: Database.Database;
  path: string;
  /** A consistent copy of the database while the server runs (SQLite online backup). */
  backup(file: string): Promise<void>;
};

export const createStore = (path: string = process.env.PANELIS_DB ?? DEFAULT_DB_PATH): SqliteStore => {
  const db = openDatabase(path);
  const sql = createSqliteSql(db);
  const inside = createRepositories(sql);
  const lock = createMutex();

  const tx = <T>(fn: (s: typeof inside) => Promise<T>): Promise<T> =>
    lock.run(async () => {
      await sql.run("BEGIN IMMEDIATE");
      try {
        const result = await fn(inside);
        await sql.run("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) await sql.run("ROLLBACK");
        throw error;
      }
    });

  const counts = async (): Promise<Record<string, number>> => {
    const tables = await sql.all(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const out: Record<string, number> = {};
    for (const t of tables) {
      const name = str(t, "name");
      out[name] = num((await sql.one(`SELECT count(*) AS n FROM "${name}"`)) as Row, "n");
    }
    out.version = await inside.currentVersion();
    return out;
  };

  return {
    ...readsOf(inside, (fn) => lock.run(fn)),
    engine: "sqlite",
    tx,
    counts: () => lock.run(counts),
    health: () =>
      lock.run(async () => ({
        engine: "sqlite" as const,
        schemaVersion: db.pragma("user_version", { simple: true }) as number,
        latestSchemaVersion: LATEST_SCHEMA_VERSION,
      })),
    exec: (text, ...params) =>
      lock.run(async () => {
        const stmt = db.prepare(text);
        if (stmt.reader) return stmt.all(...params) as Row[];
        stmt.run(...params);
        return [];
      }),
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
