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

/** Rows per multi-row INSERT: 100 × 13 audit columns stays far below both engines' parameter limits. */
export const INSERT_CHUNK = 100;

/**
 * Inserts `rows` (each one value per column, in order) with one statement per
 * INSERT_CHUNK rows, in the order given: a push of 500 changes is a handful of
 * statements instead of 500 (on PostgreSQL, round trips). Statement texts repeat,
 * so the drivers' prepared-statement caches hold at most INSERT_CHUNK of them.
 */
const insertTexts = new Map<string, string>();

/** The INSERT text for `count` rows (and its `ON CONFLICT …` tail), built once per table, tail and row count. */
const insertText = (table: string, columns: readonly string[], count: number, onConflict: string): string => {
  const id = `${table}(${columns.join(",")})${count}${onConflict}`;
  let text = insertTexts.get(id);
  if (text === undefined) {
    const one = `(${columns.map(() => "?").join(", ")})`;
    text = `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array.from({ length: count }, () => one).join(", ")}${onConflict ? ` ${onConflict}` : ""}`;
    insertTexts.set(id, text);
  }
  return text;
};

/**
 * `onConflict` (e.g. `ON CONFLICT (key) DO UPDATE SET …`) makes it an upsert; then no two
 * rows may share a key (PostgreSQL refuses to update one row twice in a statement).
 */
export const insertRows = async (
  run: Sql["run"],
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  onConflict = "",
): Promise<void> => {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const end = Math.min(rows.length, start + INSERT_CHUNK);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) for (const value of rows[i] as readonly unknown[]) params.push(value);
    await run(insertText(table, columns, end - start, onConflict), ...params);
  }
};
