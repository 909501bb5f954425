/*
 * The server's PostgreSQL schema: the same versions as the SQLite list
 * (migrations.ts), in PostgreSQL's dialect, recorded in `schema_migrations`.
 * Invariants:
 * - A migration is never edited once shipped (add a new one); each runs in its own
 *   transaction together with its `schema_migrations` row.
 * - Migrating holds a session-level advisory lock, so two instances starting at once
 *   run each migration exactly once: the second waits, then finds nothing to do.
 * - A server refuses to start against a schema newer than it knows.
 * - Integers are BIGINT (versions, millisecond times); `audit_log` is append-only,
 *   enforced by a trigger.
 * Deliberately a second copy of the schema: shipped migrations are frozen text per engine,
 * so the index lists here repeat migrations.ts line for line; a shared builder would let
 * an edit to one engine's helper rewrite the other's history.
 */
import type pg from "pg";
import { LATEST_SCHEMA_VERSION, type Migration, newerSchemaMessage } from "./migrations.ts";

/** pg_advisory_lock key: any constant; this one is "panel" in ASCII hex. */
const MIGRATION_LOCK = 0x70616e656c;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
      -- The one server-wide version counter; every written row takes the next value, and its
      -- row lock, taken at the start of every write transaction, orders the writers.
      INSERT INTO meta (key, value) VALUES ('version', 0);

      CREATE TABLE editions (
        id TEXT PRIMARY KEY, json TEXT NOT NULL, version BIGINT NOT NULL,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
      );
      CREATE TABLE rubrics (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE, id TEXT NOT NULL,
        json TEXT NOT NULL, rubric_version BIGINT NOT NULL, version BIGINT NOT NULL,
        PRIMARY KEY (edition_id, id)
      );
      CREATE TABLE participants (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE, id TEXT NOT NULL,
        json TEXT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (edition_id, id)
      );
      CREATE TABLE members (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE, id TEXT NOT NULL,
        json TEXT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (edition_id, id)
      );
      CREATE TABLE scores (
        key TEXT PRIMARY KEY, edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL, member_id TEXT NOT NULL, json TEXT NOT NULL,
        version BIGINT NOT NULL, needs_review INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE sheets (
        key TEXT PRIMARY KEY, edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL, member_id TEXT NOT NULL, json TEXT NOT NULL, version BIGINT NOT NULL
      );
      CREATE TABLE nominations (
        key TEXT PRIMARY KEY, edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL, member_id TEXT NOT NULL, json TEXT NOT NULL, version BIGINT NOT NULL
      );
      CREATE TABLE deletions (
        tbl TEXT NOT NULL, key TEXT NOT NULL, edition_id TEXT NOT NULL, member_id TEXT,
        version BIGINT NOT NULL, PRIMARY KEY (tbl, key)
      );
      CREATE INDEX editions_version ON editions (version);
      CREATE INDEX rubrics_version ON rubrics (edition_id, version);
      CREATE INDEX participants_version ON participants (edition_id, version);
      CREATE INDEX members_version ON members (edition_id, version);
      CREATE INDEX scores_version ON scores (edition_id, version);
      CREATE INDEX scores_member ON scores (edition_id, member_id, version);
      CREATE INDEX sheets_version ON sheets (edition_id, version);
      CREATE INDEX sheets_member ON sheets (edition_id, member_id, version);
      CREATE INDEX nominations_version ON nominations (edition_id, version);
      CREATE INDEX nominations_member ON nominations (edition_id, member_id, version);
      CREATE INDEX deletions_version ON deletions (edition_id, version);

      CREATE TABLE coordinators (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at BIGINT NOT NULL
      );
      -- SQLite's COLLATE NOCASE: names are unique ignoring case.
      CREATE UNIQUE INDEX coordinators_name ON coordinators (lower(name));
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, coordinator_id TEXT NOT NULL REFERENCES coordinators(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT
      );
      CREATE TABLE setup_tokens (
        token_hash TEXT PRIMARY KEY, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE, member_id TEXT NOT NULL,
        name TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT,
        last_seq BIGINT NOT NULL DEFAULT 0, last_seen_at BIGINT
      );
      CREATE TABLE join_codes (
        code TEXT PRIMARY KEY, edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        member_id TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
        max_uses BIGINT NOT NULL, uses BIGINT NOT NULL DEFAULT 0, revoked_at BIGINT
      );
      CREATE INDEX join_codes_member ON join_codes (edition_id, member_id);
      CREATE TABLE mutations_seen (
        mutation_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, payload_hash TEXT NOT NULL,
        result_json TEXT NOT NULL, created_at BIGINT NOT NULL
      );
      CREATE TABLE audit_log (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL,
        actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, device_id TEXT, edition_id TEXT NOT NULL,
        tbl TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, old_json TEXT, new_json TEXT,
        mutation_id TEXT, version BIGINT
      );
      CREATE INDEX audit_log_edition ON audit_log (edition_id, id);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 2,
    name: "rubric history and revocation reasons",
    sql: `
      CREATE TABLE rubric_versions (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        rubric_version BIGINT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (edition_id, rubric_version)
      );
      INSERT INTO rubric_versions (edition_id, rubric_version, json)
        SELECT edition_id, rubric_version, json FROM rubrics;
      ALTER TABLE devices ADD COLUMN revoked_reason TEXT;
    `,
  },
  {
    version: 3,
    name: "shared rate-limit buckets and login lockouts",
    sql: `
      -- The limits that guard secrets, shared by every instance (pg-limits.ts).
      -- ok: whether the last take was allowed (RETURNING sees only the new row).
      CREATE TABLE rate_buckets (
        id TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, at BIGINT NOT NULL, ok BOOLEAN NOT NULL
      );
      CREATE INDEX rate_buckets_at ON rate_buckets (at);
      CREATE TABLE login_failures (account TEXT PRIMARY KEY, count INTEGER NOT NULL, until BIGINT NOT NULL);
    `,
  },
  {
    version: 4,
    name: "refused changes in the audit log and pending changes per tablet",
    sql: `
      ALTER TABLE audit_log ADD COLUMN refused_reason TEXT;
      ALTER TABLE devices ADD COLUMN pending_count BIGINT;
      ALTER TABLE devices ADD COLUMN pending_at BIGINT;
    `,
  },
  {
    version: 5,
    name: "publications and read-only links",
    sql: `
      CREATE TABLE publications (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE, version INTEGER NOT NULL,
        published_at BIGINT NOT NULL, published_by TEXT NOT NULL, content_hash TEXT NOT NULL,
        previous_hash TEXT, content TEXT NOT NULL,
        PRIMARY KEY (edition_id, version)
      );
      CREATE TABLE read_links (
        id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, participant_id TEXT, created_at BIGINT NOT NULL, created_by TEXT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX read_links_edition ON read_links (edition_id, created_at);
    `,
  },
];

const schemaVersion = async (client: pg.PoolClient): Promise<number> => {
  const found = await client.query("SELECT to_regclass('schema_migrations') AS t");
  if (found.rows[0]?.t === null) return 0;
  const row = await client.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations");
  return Number(row.rows[0]?.v ?? 0);
};

/** The schema version of the database behind `pool` (0 = empty), without migrating. */
export const pgSchemaVersion = async (pool: pg.Pool): Promise<number> => {
  const client = await pool.connect();
  try {
    return await schemaVersion(client);
  } finally {
    client.release();
  }
};

/** Brings the database up to the latest version under the advisory lock; the version reached. */
export const migratePostgres = async (pool: pg.Pool): Promise<number> => {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const current = await schemaVersion(client);
      if (current > LATEST_SCHEMA_VERSION) throw new Error(newerSchemaMessage(current));
      for (const migration of PG_MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
          );
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
      return await schemaVersion(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
};
