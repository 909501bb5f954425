/*
 * The server's PostgreSQL store (DATABASE_URL=postgres://…): the shared repositories
 * (repositories.ts) over a `pg` pool, for several stateless server instances on one
 * database. Invariants:
 * - Every transaction begins by locking the version counter's row
 *   (`SELECT … FROM meta WHERE key = 'version' FOR UPDATE`) and holds that lock until
 *   COMMIT/ROLLBACK. So writers, from any instance, run one at a time, exactly as on
 *   SQLite, and versions are handed out in commit order: when a transaction takes
 *   version v+1, the one that took v has already committed (its lock was released
 *   only after its commit became visible). A pull (`version > since`, one statement)
 *   therefore can never see v+1 while v is still in flight, and a cursor never skips
 *   a row whose transaction commits late.
 * - Idempotency across instances: the same batch pushed to two instances at once is
 *   two transactions; the second waits on the counter lock, then (READ COMMITTED:
 *   each statement sees what committed before it) reads the first one's
 *   mutations_seen rows and answers `duplicate`. The primary key on mutation_id
 *   backs this up: a double apply is impossible even if the lock were bypassed.
 * - Transactions take their connections from a small pool of their own: writers queue
 *   on the counter lock anyway, and a queue of them must not hold every connection a
 *   pull needs. Reads outside a transaction run on the other pool concurrently, each statement seeing
 *   one committed state; multi-statement reads are ordered so that a concurrent
 *   write can only make them conservative (see editions.bundle).
 * - Migrations run at open under an advisory lock (pg-migrations.ts).
 */
import type pg from "pg";
import { LATEST_SCHEMA_VERSION } from "./migrations.ts";
import { createPgSql, createPool, type PgOptions } from "./pg-db.ts";
import { migratePostgres, pgSchemaVersion } from "./pg-migrations.ts";
import { createRepositories, readsOf } from "./repositories.ts";
import { num, type Row, str } from "./sql.ts";
import type { Store, TxStore } from "./store-types.ts";

export type PgStore = Store & { engine: "postgres"; pool: pg.Pool };

export const createPgStore = async (options: PgOptions): Promise<PgStore> => {
  const pool = createPool(options);
  const txPool = createPool({ ...options, max: options.txMax ?? Math.max(2, Math.ceil((options.max ?? 10) / 2)) });
  const end = () => Promise.all([pool.end(), txPool.end()]).then(() => {});
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await migratePostgres(pool);
  } catch (error) {
    await end();
    throw error;
  }
  const outsideSql = createPgSql(pool, () => false);
  const outside = createRepositories(outsideSql);

  const tx = async <T>(fn: (s: TxStore) => Promise<T>): Promise<T> => {
    const client = await txPool.connect();
    let open = false;
    let broken: Error | undefined;
    try {
      // One round trip: BEGIN and the counter row's lock (held to COMMIT), returning its value.
      open = true;
      const [, locked] = (await client.query(
        "BEGIN; SELECT value FROM meta WHERE key = 'version' FOR UPDATE",
      )) as unknown as pg.QueryResult[];
      const sql = createPgSql(client, () => open);
      const counter = Number(locked?.rows[0]?.value);
      const repos = createRepositories(sql, Number.isSafeInteger(counter) ? counter : undefined);
      // The counter row is locked already, so every transaction can hand versions out from memory.
      const result = await repos.batchVersions(() => fn(repos));
      await sql.flush();
      open = false;
      // A failed COMMIT (connection lost: outcome unknown, the client retries and idempotency decides) discards the connection.
      await client.query("COMMIT").catch((e: Error) => {
        broken = e;
        throw e;
      });
      return result;
    } catch (error) {
      if (open) {
        open = false;
        await client.query("ROLLBACK").catch((e: Error) => {
          broken = e;
        });
      }
      throw error;
    } finally {
      // A connection that failed to commit or roll back is discarded, never reused mid-transaction.
      client.release(broken);
    }
  };

  let countQuery: string | null = null;
  /** Every table's count and the counter in one statement, so from one committed state. */
  const counts = async (): Promise<Record<string, number>> => {
    if (!countQuery) {
      const tables = await outsideSql.all(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename",
      );
      const parts = tables.map((t) => `(SELECT count(*) FROM "${str(t, "name")}") AS "${str(t, "name")}"`);
      countQuery = `SELECT ${parts.join(", ")}, (SELECT value FROM meta WHERE key = 'version') AS version`;
    }
    const row = (await outsideSql.one(countQuery)) as Row;
    return Object.fromEntries(Object.keys(row).map((k) => [k, num(row, k)]));
  };

  let closed: Promise<void> | null = null;
  return {
    ...readsOf(outside),
    engine: "postgres",
    tx,
    counts,
    health: async () => ({
      engine: "postgres" as const,
      schemaVersion: await pgSchemaVersion(pool),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
    }),
    exec: (text, ...params) => outsideSql.all(text, ...params),
    pool,
    close: () => {
      closed ??= end();
      return closed;
    },
  };
};
