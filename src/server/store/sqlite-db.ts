/*
 * The SQLite connection and its driver for the SQL core (sql.ts).
 * Invariant: WAL + synchronous=FULL, so an acknowledged commit survives a kill -9
 * or power loss; migrations run before the connection is handed out.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "./migrations.ts";
import type { Row, Sql } from "./sql.ts";

export const DEFAULT_DB_PATH = "data/panelis.db";

export const openDatabase = (path: string): Database.Database => {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a push is acknowledged only after commit.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrateSqlite(db);
  return db;
};

/** The SQL core over one better-sqlite3 connection, with prepared statements cached by text. */
export const createSqliteSql = (db: Database.Database): Sql => {
  const cache = new Map<string, Database.Statement>();
  const prepared = (text: string): Database.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  return {
    engine: "sqlite",
    inKeys: (column, keys) => ({
      sql: `${column} IN (SELECT value FROM json_each(?))`,
      param: JSON.stringify(keys),
    }),
    one: async (text, ...params) => prepared(text).get(...params) as Row | undefined,
    all: async (text, ...params) => prepared(text).all(...params) as Row[],
    run: async (text, ...params) => ({ changes: prepared(text).run(...params).changes }),
    inTransaction: () => db.inTransaction,
  };
};
