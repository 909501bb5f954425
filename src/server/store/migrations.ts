/*
 * The server's SQLite schema, one ordered list of migrations keyed by SQLite's
 * `user_version` (PostgreSQL's twin list, same versions, is pg-migrations.ts).
 * Invariants: a migration is never edited once shipped (add a new one); each runs in
 * its own IMMEDIATE transaction together with the bump of `user_version`, re-reading
 * the version inside it, so opening a database twice (even from two processes at
 * once), or crashing mid-upgrade, leaves it at a whole version. `audit_log` is
 * append-only, enforced by triggers.
 */
import type Database from "better-sqlite3";

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  // Frozen SQL written out in full: same-shaped tables, and pg-migrations.ts's twin, repeat it on purpose.
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      -- The one server-wide version counter; every written row takes the next value.
      INSERT INTO meta (key, value) VALUES ('version', 0);

      CREATE TABLE editions (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE rubrics (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        rubric_version INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (edition_id, id)
      ) STRICT;

      CREATE TABLE participants (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (edition_id, id)
      ) STRICT;

      CREATE TABLE members (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (edition_id, id)
      ) STRICT;

      CREATE TABLE scores (
        key TEXT PRIMARY KEY,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        needs_review INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE sheets (
        key TEXT PRIMARY KEY,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        json TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE nominations (
        key TEXT PRIMARY KEY,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        json TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;

      -- A row removed from a synced table leaves a marker so devices learn of the removal.
      CREATE TABLE deletions (
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        edition_id TEXT NOT NULL,
        member_id TEXT,
        version INTEGER NOT NULL,
        PRIMARY KEY (tbl, key)
      ) STRICT;

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
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        coordinator_id TEXT NOT NULL REFERENCES coordinators(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;

      CREATE TABLE setup_tokens (
        token_hash TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) STRICT;

      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        member_id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_seen_at INTEGER
      ) STRICT;

      CREATE TABLE join_codes (
        code TEXT PRIMARY KEY,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        member_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX join_codes_member ON join_codes (edition_id, member_id);

      CREATE TABLE mutations_seen (
        mutation_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        result_json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        device_id TEXT,
        edition_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        field TEXT NOT NULL,
        old_json TEXT,
        new_json TEXT,
        mutation_id TEXT,
        version INTEGER
      ) STRICT;
      CREATE INDEX audit_log_edition ON audit_log (edition_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: "rubric history and revocation reasons",
    sql: `
      -- Every rubric version an edition has had: a mutation is checked against the version it names.
      CREATE TABLE rubric_versions (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        rubric_version INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (edition_id, rubric_version)
      ) STRICT;
      INSERT INTO rubric_versions (edition_id, rubric_version, json)
        SELECT edition_id, rubric_version, json FROM rubrics;
      -- Why a device lost access (e.g. member-removed), shown on the tablet with its 401.
      ALTER TABLE devices ADD COLUMN revoked_reason TEXT;
    `,
  },
  {
    version: 3,
    name: "shared rate-limit buckets and login lockouts",
    sql: `
      -- Used when several instances share one database (PostgreSQL, see pg-limits.ts); kept here so
      -- both engines have the same schema versions.
      CREATE TABLE rate_buckets (id TEXT PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL, ok INTEGER NOT NULL) STRICT;
      CREATE TABLE login_failures (account TEXT PRIMARY KEY, count INTEGER NOT NULL, until INTEGER NOT NULL) STRICT;
    `,
  },
  {
    version: 4,
    name: "refused changes in the audit log and pending changes per tablet",
    sql: `
      -- Set only on an entry recording a change the server refused (its payload is in new_json).
      ALTER TABLE audit_log ADD COLUMN refused_reason TEXT;
      -- How many changes the tablet said were still waiting in its outbox, and when it said so.
      ALTER TABLE devices ADD COLUMN pending_count INTEGER;
      ALTER TABLE devices ADD COLUMN pending_at INTEGER;
    `,
  },
  {
    version: 5,
    name: "publications and read-only links",
    sql: `
      -- Frozen, versioned snapshots of an edition's results and feedback (domain/publication.ts).
      CREATE TABLE publications (
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        previous_hash TEXT,
        content TEXT NOT NULL,
        PRIMARY KEY (edition_id, version)
      ) STRICT;
      -- Read-only links to the latest publication; the token is stored only as its sha256.
      CREATE TABLE read_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        participant_id TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX read_links_edition ON read_links (edition_id, created_at);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export const newerSchemaMessage = (current: number): string =>
  `Database schema ${current} is newer than this server (${LATEST_SCHEMA_VERSION}); upgrade the server`;

/** Brings the database up to the latest version; a no-op when it is already there. */
export const migrateSqlite = (db: Database.Database): number => {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(newerSchemaMessage(current));
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // IMMEDIATE, and the version read again inside: another process (the admin CLI, a second
    // server on the same file) that migrated in between makes this a no-op, not an error.
    db.transaction(() => {
      if ((db.pragma("user_version", { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return db.pragma("user_version", { simple: true }) as number;
};
