/*
 * The SQLite connection and the statement helpers every repository uses.
 * Invariant: WAL + synchronous=FULL, so an acknowledged commit survives a kill -9
 * or power loss; migrations run before the connection is handed out.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrations.ts";

export const DEFAULT_DB_PATH = "data/panelis.db";

export type Row = Record<string, unknown>;

export const str = (row: Row, col: string): string => String(row[col]);
export const num = (row: Row, col: string): number => Number(row[col]);
export const numOrNull = (row: Row, col: string): number | null => (row[col] === null ? null : Number(row[col]));
export const parseJson = (text: unknown): unknown =>
  text === null || text === undefined ? null : JSON.parse(String(text));

export const openDatabase = (path: string): Database.Database => {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a push is acknowledged only after commit.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
};

/** Synchronous statement helpers over one connection, with prepared statements cached by text. */
export type Sql = {
  db: Database.Database;
  one(text: string, ...params: unknown[]): Row | undefined;
  all(text: string, ...params: unknown[]): Row[];
  run(text: string, ...params: unknown[]): Database.RunResult;
};

export const createSql = (db: Database.Database): Sql => {
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
    db,
    one: (text, ...params) => prepared(text).get(...params) as Row | undefined,
    all: (text, ...params) => prepared(text).all(...params) as Row[],
    run: (text, ...params) => prepared(text).run(...params),
  };
};
