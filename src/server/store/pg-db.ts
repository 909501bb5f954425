/*
 * The PostgreSQL pool and its driver for the SQL core (sql.ts). Invariants:
 * - BIGINT (int8) and count(*) come back as JS numbers: every stored integer is a
 *   safe integer (the wire bounds refuse anything larger), so nothing is rounded.
 * - `?` placeholders become `$1…$n` in order; the core's queries hold no `?` inside
 *   string literals, so the rewrite is purely positional. Each distinct text is a
 *   named prepared statement, parsed and planned once per connection.
 * - A `Sql` bound to a pool runs each statement in its own implicit transaction
 *   (reads see committed rows only); one bound to a client inside `tx` runs on that
 *   client's open transaction.
 * - Inside a transaction, plain INSERTs into the append-only logs (audit_log,
 *   mutations_seen: no foreign keys, never updated, nothing else refers to them) are
 *   held back and sent as one multi-row INSERT per table before the next read and
 *   before COMMIT: a push's per-mutation round trips halve, and no read in the
 *   transaction can tell the difference. An error in them surfaces at that flush and
 *   rolls the whole transaction back, as it would have anyway.
 */
import pg from "pg";
import type { Row, Sql } from "./sql.ts";

const INT8_OID = 20;

export type PgOptions = {
  url: string;
  /** A schema to use instead of public (tests: one per test file); created if missing. */
  schema?: string;
  /** Pool size for reads outside a transaction; default 10. */
  max?: number;
  /** Pool size for transactions (writers are serialised by the counter lock); default half of `max`, at least 2. */
  txMax?: number;
};

export const createPool = (options: PgOptions): pg.Pool => {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text"),
  };
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's connection dropped (database restart): the pool replaces it; do not crash the process.
  pool.on("error", () => {});
  return pool;
};

type Prepared = { name: string; text: string };
const rewritten = new Map<string, Prepared>();

/** `?` → `$n`, and a statement name; cached by query text. */
export const toPositional = (text: string): Prepared => {
  let out = rewritten.get(text);
  if (out === undefined) {
    let n = 0;
    out = { name: `p${rewritten.size + 1}`, text: text.replace(/\?/g, () => `$${++n}`) };
    rewritten.set(text, out);
  }
  return out;
};

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

const DEFERRABLE = /^INSERT INTO (audit_log|mutations_seen) \(([^)]*)\)\s+VALUES \(([?,\s]*)\)$/;
/** Rows per multi-row INSERT, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 1000;

export type PgSql = Sql & {
  /** Sends the held-back log INSERTs; `tx` calls it before COMMIT. */
  flush(): Promise<void>;
};

export const createPgSql = (db: Queryable, inTransaction: () => boolean): PgSql => {
  const query = async (text: string, params: unknown[]) =>
    (db as pg.Pool).query({ ...toPositional(text), values: params });
  /** Held-back rows by statement text, in the order they were written. */
  const held = new Map<string, unknown[][]>();
  const flush = async (): Promise<void> => {
    if (held.size === 0) return;
    const batches = [...held];
    held.clear();
    for (const [text, rows] of batches) {
      const [, table, columns, tuple] = DEFERRABLE.exec(text.trim()) ?? [];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        let n = 0;
        const values = chunk.map(() => `(${(tuple ?? "").replace(/\?/g, () => `$${++n}`)})`).join(", ");
        await (db as pg.Pool).query(`INSERT INTO ${table} (${columns}) VALUES ${values}`, chunk.flat());
      }
    }
  };
  return {
    engine: "postgres",
    inKeys: (column, keys) => ({ sql: `${column} = ANY(?::text[])`, param: [...keys] }),
    one: async (text, ...params) => {
      await flush();
      return (await query(text, params)).rows[0] as Row | undefined;
    },
    all: async (text, ...params) => {
      await flush();
      return (await query(text, params)).rows as Row[];
    },
    run: async (text, ...params) => {
      if (inTransaction() && DEFERRABLE.test(text.trim())) {
        const rows = held.get(text) ?? [];
        rows.push(params);
        held.set(text, rows);
        return { changes: 1 };
      }
      return { changes: (await query(text, params)).rowCount ?? 0 };
    },
    inTransaction,
    flush,
  };
};
