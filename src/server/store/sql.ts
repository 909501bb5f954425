/*
 * The dialect-neutral SQL core every repository is written against. Invariants:
 * - Queries use `?` placeholders and SQL that SQLite and PostgreSQL both accept
 *   (ON CONFLICT … DO UPDATE/NOTHING, RETURNING, CASE instead of two-argument max);
 *   an engine's driver (sqlite-db.ts, pg-db.ts) rewrites what it must and no more.
 * - The few places the dialects differ are the methods of `Dialect`, nowhere else.
 * - Integers come back as JS numbers on both engines (pg's BIGINT parser is set in
 *   pg-db.ts; every stored integer is a safe integer, the wire bounds guarantee it).
 */
export type Row = Record<string, unknown>;

export const str = (row: Row, col: string): string => String(row[col]);
export const num = (row: Row, col: string): number => Number(row[col]);
export const numOrNull = (row: Row, col: string): number | null =>
  row[col] === null || row[col] === undefined ? null : Number(row[col]);
export const parseJson = (text: unknown): unknown =>
  text === null || text === undefined ? null : JSON.parse(String(text));

export type Engine = "sqlite" | "postgres";

export type Dialect = {
  engine: Engine;
  /**
   * `column IN (…keys)` as one statement whatever the number of keys: json_each on
   * SQLite, `= ANY(text[])` on PostgreSQL. Returns the SQL and its one parameter.
   */
  inKeys(column: string, keys: readonly string[]): { sql: string; param: unknown };
};

/** Statement helpers over one connection (or, outside a transaction, a pool). */
export type Sql = Dialect & {
  one(text: string, ...params: unknown[]): Promise<Row | undefined>;
  all(text: string, ...params: unknown[]): Promise<Row[]>;
  run(text: string, ...params: unknown[]): Promise<{ changes: number }>;
  /** True while this connection is inside `tx`. */
  inTransaction(): boolean;
};
