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
 * - Inside a transaction, the per-row writes of a push (the log INSERTs, the record
 *   upserts, the clearing of deletion markers: see DEFERRABLE) are held back and sent
 *   as one multi-row statement per kind before the next read, before any other
 *   statement and before COMMIT: a push costs a fixed number of round trips instead of
 *   several per mutation, and nothing in the transaction can tell the difference
 *   (every statement still runs after everything written before it, and the held-back
 *   ones touch tables none of the others depend on). An error in them surfaces at
 *   that flush and rolls the whole transaction back, as it would have anyway.
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

/**
 * The statements a transaction may hold back, each on a table no other held-back statement
 * depends on (no foreign keys among them): the append-only logs, the record upserts (the
 * last write of a key wins, as it would have), and the clearing of deletion markers.
 */
type Deferrable = { pattern: RegExp; combine: (match: RegExpExecArray, rows: unknown[][]) => [string, unknown[]] };

const tuples = (tuple: string, rows: unknown[][]): string => {
  let n = 0;
  return rows.map(() => `(${tuple.replace(/\?/g, () => `$${++n}`)})`).join(", ");
};

const DEFERRABLE: readonly Deferrable[] = [
  {
    pattern: /^INSERT INTO (audit_log|mutations_seen) \(([^)]*)\)\s+VALUES \(([?,\s]*)\)$/,
    combine: ([, table, columns, tuple], rows) => [
      `INSERT INTO ${table} (${columns}) VALUES ${tuples(tuple ?? "", rows)}`,
      rows.flat(),
    ],
  },
  {
    pattern:
      /^INSERT INTO (scores|sheets|nominations) \(([^)]*)\)\s+VALUES \(([?,\s]*)\)\s+(ON CONFLICT \(key\) DO UPDATE SET [^;?]*)$/,
    combine: ([, table, columns, tuple, conflict], rows) => {
      // One row per key (the first parameter), the last write kept: an upsert may not touch a row twice.
      const last = [...new Map(rows.map((r) => [r[0], r] as const)).values()];
      return [`INSERT INTO ${table} (${columns}) VALUES ${tuples(tuple ?? "", last)} ${conflict}`, last.flat()];
    },
  },
  {
    pattern: /^DELETE FROM deletions WHERE tbl = \? AND key = \?$/,
    combine: (_match, rows) => [
      `DELETE FROM deletions WHERE (tbl, key) IN (VALUES ${tuples("?, ?", rows)})`,
      rows.flat(),
    ],
  },
];

/** Rows per combined statement, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 1000;

const deferrable = (text: string): { spec: Deferrable; match: RegExpExecArray } | null => {
  const trimmed = text.trim().replace(/\s+/g, " ");
  for (const spec of DEFERRABLE) {
    const match = spec.pattern.exec(trimmed);
    if (match) return { spec, match };
  }
  return null;
};

export type PgSql = Sql & {
  /** Sends the held-back statements; `tx` calls it before COMMIT. */
  flush(): Promise<void>;
};

export const createPgSql = (db: Queryable, inTransaction: () => boolean): PgSql => {
  const query = async (text: string, params: unknown[]) =>
    (db as pg.Pool).query({ ...toPositional(text), values: params });
  /** Held-back rows by statement text, in the order they were written. */
  const held = new Map<string, { spec: Deferrable; match: RegExpExecArray; rows: unknown[][] }>();
  const flush = async (): Promise<void> => {
    if (held.size === 0) return;
    const batches = [...held.values()];
    held.clear();
    for (const { spec, match, rows } of batches) {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const [text, values] = spec.combine(match, rows.slice(i, i + ROWS_PER_STATEMENT));
        await (db as pg.Pool).query(text, values);
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
      if (inTransaction()) {
        let entry = held.get(text);
        if (!entry) {
          const found = deferrable(text);
          if (found) {
            entry = { ...found, rows: [] };
            held.set(text, entry);
          }
        }
        if (entry) {
          entry.rows.push(params);
          return { changes: 1 };
        }
      }
      // Anything else runs in order after everything held back before it.
      await flush();
      return { changes: (await query(text, params)).rowCount ?? 0 };
    },
    inTransaction,
    flush,
  };
};
