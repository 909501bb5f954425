/*
 * The server's SQLite store. Invariants: every write that changes a synced row
 * (reference rows, scores, sheets, nominations, deletion markers) happens inside
 * `store.tx` and takes a fresh value of the one server-wide version counter, so
 * versions are unique per row and `version > since` paging never skips a row.
 * Inside `batchVersions` the counter is handed out from memory and written back
 * once; the immediate transaction holds the write lock, so no other writer can
 * take a value in between, and readers only ever see the committed counter.
 * better-sqlite3 is synchronous and the process is single-threaded, so a
 * transaction is the serialisation point; WAL + synchronous=FULL make an
 * acknowledged commit survive a kill -9 or power loss.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type {
  Edition,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
} from "../../domain/types.ts";
import type { AuditEntryInfo, EditionReference, RecordTable, ReferenceTable, SyncTable } from "../../protocol/wire.ts";
import { migrate } from "./migrations.ts";

export const DEFAULT_DB_PATH = "data/panelis.db";

export type RecordByTable = { scores: ScoreRecord; sheets: SheetRecord; nominations: NominationRecord };

export type StoredRecord<T extends RecordTable> = {
  record: RecordByTable[T];
  version: number;
  needsReview: boolean;
};

export type DeviceEntity = {
  id: string;
  editionId: string;
  memberId: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeq: number;
  lastSeenAt: number | null;
};

export type JoinCodeEntity = {
  code: string;
  editionId: string;
  memberId: string;
  createdAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revokedAt: number | null;
};

export type CoordinatorEntity = { id: string; name: string; passwordHash: string; createdAt: number };

/** What the audit route shows, plus the edition it belongs to. */
export type AuditEntry = AuditEntryInfo & { editionId: string };

export type NewAuditEntry = Omit<AuditEntry, "id">;

export type SeenMutation = { mutationId: string; deviceId: string; payloadHash: string; resultJson: string };

/** One row of the pull feed as stored; `json` is null for a deletion marker. */
export type FeedRow = { table: SyncTable; key: string; version: number; json: string | null; needsReview: boolean };

const RECORD_TABLES: readonly RecordTable[] = ["scores", "sheets", "nominations"];
const REFERENCE_TABLES: readonly ReferenceTable[] = ["rubrics", "participants", "members"];

type Row = Record<string, unknown>;

const str = (row: Row, col: string): string => String(row[col]);
const num = (row: Row, col: string): number => Number(row[col]);
const numOrNull = (row: Row, col: string): number | null => (row[col] === null ? null : Number(row[col]));

const toDevice = (row: Row): DeviceEntity => ({
  id: str(row, "id"),
  editionId: str(row, "edition_id"),
  memberId: str(row, "member_id"),
  name: str(row, "name"),
  createdAt: num(row, "created_at"),
  revokedAt: numOrNull(row, "revoked_at"),
  lastSeq: num(row, "last_seq"),
  lastSeenAt: numOrNull(row, "last_seen_at"),
});

const toJoinCode = (row: Row): JoinCodeEntity => ({
  code: str(row, "code"),
  editionId: str(row, "edition_id"),
  memberId: str(row, "member_id"),
  createdAt: num(row, "created_at"),
  expiresAt: num(row, "expires_at"),
  maxUses: num(row, "max_uses"),
  uses: num(row, "uses"),
  revokedAt: numOrNull(row, "revoked_at"),
});

const parseJson = (text: unknown): unknown => (text === null || text === undefined ? null : JSON.parse(String(text)));

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

export const createStore = (path: string = process.env.PANELIS_DB ?? DEFAULT_DB_PATH) => {
  const db = openDatabase(path);
  const cache = new Map<string, Database.Statement>();
  const sql = (text: string): Database.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  const one = (text: string, ...params: unknown[]): Row | undefined => sql(text).get(...params) as Row | undefined;
  const all = (text: string, ...params: unknown[]): Row[] => sql(text).all(...params) as Row[];
  const run = (text: string, ...params: unknown[]): Database.RunResult => sql(text).run(...params);

  /** Immediate transaction: takes the write lock up front so the admin CLI and the server never deadlock. */
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();

  /** The counter while `batchVersions` runs: the last value handed out from memory, not yet written. */
  let leased: { last: number } | null = null;

  const nextVersion = (): number => {
    if (!db.inTransaction) throw new Error("nextVersion outside a transaction");
    if (leased) {
      leased.last += 1;
      return leased.last;
    }
    return num(one("UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value") as Row, "value");
  };
  const currentVersion = (): number =>
    leased ? leased.last : num(one("SELECT value FROM meta WHERE key = 'version'") as Row, "value");

  /**
   * Runs `fn` (inside a transaction) with versions handed out from memory and the counter
   * written once at the end: one UPDATE per push instead of one per stored row. The
   * write-back is in `finally` so even a caller that catches an error and commits leaves
   * the counter at or above every version it stored.
   */
  const batchVersions = <T>(fn: () => T): T => {
    if (!db.inTransaction) throw new Error("batchVersions outside a transaction");
    if (leased) return fn();
    const start = num(one("SELECT value FROM meta WHERE key = 'version'") as Row, "value");
    const lease = { last: start };
    leased = lease;
    try {
      return fn();
    } finally {
      leased = null;
      if (lease.last !== start && db.inTransaction) run("UPDATE meta SET value = ? WHERE key = 'version'", lease.last);
    }
  };

  const clearDeletion = (table: SyncTable, key: string): void => {
    run("DELETE FROM deletions WHERE tbl = ? AND key = ?", table, key);
  };

  const markDeleted = (table: SyncTable, key: string, editionId: string, memberId: string | null): number => {
    const version = nextVersion();
    run(
      `INSERT INTO deletions (tbl, key, edition_id, member_id, version) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version, edition_id = excluded.edition_id, member_id = excluded.member_id`,
      table,
      key,
      editionId,
      memberId,
      version,
    );
    return version;
  };

  const editions = {
    get(id: string): { edition: Edition; version: number } | undefined {
      const row = one("SELECT json, version FROM editions WHERE id = ?", id);
      return row ? { edition: parseJson(row.json) as Edition, version: num(row, "version") } : undefined;
    },
    list(): Array<{ edition: Edition; version: number }> {
      return all("SELECT json, version FROM editions ORDER BY created_at, id").map((row) => ({
        edition: parseJson(row.json) as Edition,
        version: num(row, "version"),
      }));
    },
    count(): number {
      return num(one("SELECT count(*) AS n FROM editions") as Row, "n");
    },
    put(edition: Edition, now: number): number {
      const version = nextVersion();
      run(
        `INSERT INTO editions (id, json, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, version = excluded.version, updated_at = excluded.updated_at`,
        edition.id,
        JSON.stringify(edition),
        version,
        now,
        now,
      );
      clearDeletion("editions", edition.id);
      return version;
    },
    getRubric(editionId: string): { rubric: Rubric; version: number } | undefined {
      const row = one(
        "SELECT json, version FROM rubrics WHERE edition_id = ? ORDER BY version DESC LIMIT 1",
        editionId,
      );
      return row ? { rubric: parseJson(row.json) as Rubric, version: num(row, "version") } : undefined;
    },
    putRubric(rubric: Rubric): number {
      const version = nextVersion();
      run(
        `INSERT INTO rubrics (edition_id, id, json, rubric_version, version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (edition_id, id) DO UPDATE SET json = excluded.json, rubric_version = excluded.rubric_version, version = excluded.version`,
        rubric.editionId,
        rubric.id,
        JSON.stringify(rubric),
        rubric.version,
        version,
      );
      clearDeletion("rubrics", rubric.id);
      return version;
    },
    listParticipants(editionId: string): Participant[] {
      return all("SELECT json FROM participants WHERE edition_id = ? ORDER BY id", editionId).map(
        (row) => parseJson(row.json) as Participant,
      );
    },
    getParticipant(editionId: string, id: string): Participant | undefined {
      const row = one("SELECT json FROM participants WHERE edition_id = ? AND id = ?", editionId, id);
      return row ? (parseJson(row.json) as Participant) : undefined;
    },
    listMembers(editionId: string): Member[] {
      return all("SELECT json FROM members WHERE edition_id = ? ORDER BY id", editionId).map(
        (row) => parseJson(row.json) as Member,
      );
    },
    getMember(editionId: string, id: string): Member | undefined {
      const row = one("SELECT json FROM members WHERE edition_id = ? AND id = ?", editionId, id);
      return row ? (parseJson(row.json) as Member) : undefined;
    },
    /** Writes a reference row only when its content changed, so re-importing an unchanged bundle is silent. */
    putReference(table: "participants" | "members", row: Participant | Member): number | null {
      const json = JSON.stringify(row);
      const existing = one(`SELECT json FROM ${table} WHERE edition_id = ? AND id = ?`, row.editionId, row.id);
      if (existing && existing.json === json) return null;
      const version = nextVersion();
      run(
        `INSERT INTO ${table} (edition_id, id, json, version) VALUES (?, ?, ?, ?)
         ON CONFLICT (edition_id, id) DO UPDATE SET json = excluded.json, version = excluded.version`,
        row.editionId,
        row.id,
        json,
        version,
      );
      clearDeletion(table, row.id);
      return version;
    },
    deleteReference(table: ReferenceTable, editionId: string, id: string): number {
      run(`DELETE FROM ${table} WHERE edition_id = ? AND id = ?`, editionId, id);
      return markDeleted(table, id, editionId, null);
    },
    bundle(editionId: string): { bundle: EditionReference; version: number } | undefined {
      const edition = editions.get(editionId);
      const rubric = editions.getRubric(editionId);
      if (!edition || !rubric) return undefined;
      const maxVersion = (table: ReferenceTable): number =>
        num(one(`SELECT coalesce(max(version), 0) AS v FROM ${table} WHERE edition_id = ?`, editionId) as Row, "v");
      const version = Math.max(edition.version, ...REFERENCE_TABLES.map(maxVersion));
      return {
        bundle: {
          edition: edition.edition,
          rubric: rubric.rubric,
          participants: editions.listParticipants(editionId),
          members: editions.listMembers(editionId),
        },
        version,
      };
    },
  };

  const records = {
    get<T extends RecordTable>(table: T, key: string): StoredRecord<T> | undefined {
      const row = one(
        `SELECT json, version, ${table === "scores" ? "needs_review" : "0 AS needs_review"} FROM ${table} WHERE key = ?`,
        key,
      );
      if (!row) return undefined;
      return {
        record: parseJson(row.json) as RecordByTable[T],
        version: num(row, "version"),
        needsReview: num(row, "needs_review") === 1,
      };
    },
    /**
     * Reads many records of one table in one statement; keys not found are absent from the map.
     * json_each keeps it one prepared statement whatever the number of keys.
     */
    getMany<T extends RecordTable>(table: T, keys: readonly string[]): Map<string, StoredRecord<T>> {
      const rows = all(
        `SELECT t.key, t.json, t.version, ${table === "scores" ? "t.needs_review" : "0 AS needs_review"}
         FROM json_each(?) AS k JOIN ${table} AS t ON t.key = k.value`,
        JSON.stringify(keys),
      );
      const out = new Map<string, StoredRecord<T>>();
      for (const row of rows)
        out.set(str(row, "key"), {
          record: parseJson(row.json) as RecordByTable[T],
          version: num(row, "version"),
          needsReview: num(row, "needs_review") === 1,
        });
      return out;
    },
    /**
     * Stores the record under a fresh version and returns it; the record's own `version` field is set to match.
     * `existed`: the caller knows the row is already there, so no deletion marker can be pending for it
     * (markers are only left by removing a row, and every put clears them) and the DELETE is skipped.
     */
    put<T extends RecordTable>(table: T, record: RecordByTable[T], needsReview = false, existed = false): number {
      const version = nextVersion();
      const stored = { ...record, version };
      const json = JSON.stringify(stored);
      if (table === "scores") {
        run(
          `INSERT INTO scores (key, edition_id, participant_id, member_id, json, version, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = excluded.version, needs_review = excluded.needs_review`,
          record.key,
          record.editionId,
          record.participantId,
          record.memberId,
          json,
          version,
          needsReview ? 1 : 0,
        );
      } else {
        run(
          `INSERT INTO ${table} (key, edition_id, participant_id, member_id, json, version) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = excluded.version`,
          record.key,
          record.editionId,
          record.participantId,
          record.memberId,
          json,
          version,
        );
      }
      if (!existed) clearDeletion(table, record.key);
      return version;
    },
    list<T extends RecordTable>(table: T, editionId: string): Array<StoredRecord<T>> {
      return all(
        `SELECT json, version, ${table === "scores" ? "needs_review" : "0 AS needs_review"} FROM ${table} WHERE edition_id = ? ORDER BY key`,
        editionId,
      ).map((row) => ({
        record: parseJson(row.json) as RecordByTable[T],
        version: num(row, "version"),
        needsReview: num(row, "needs_review") === 1,
      }));
    },
    count(): number {
      return RECORD_TABLES.reduce((n, t) => n + num(one(`SELECT count(*) AS n FROM ${t}`) as Row, "n"), 0);
    },
  };

  /**
   * The pull feed: rows with version > since, in version order, across every synced table.
   * `memberId` null = everything in the edition (coordinator); otherwise only that member's
   * own records besides the edition's reference rows.
   */
  const feed = (editionId: string, since: number, limit: number, memberId: string | null): FeedRow[] => {
    const own = memberId === null ? "" : "AND member_id = @memberId";
    const parts = [
      `SELECT 'editions' AS tbl, id AS key, version, json, 0 AS needs_review FROM editions WHERE id = @editionId AND version > @since`,
      ...REFERENCE_TABLES.map(
        (t) =>
          `SELECT '${t}' AS tbl, id AS key, version, json, 0 AS needs_review FROM ${t} WHERE edition_id = @editionId AND version > @since`,
      ),
      `SELECT 'scores' AS tbl, key, version, json, needs_review FROM scores WHERE edition_id = @editionId AND version > @since ${own}`,
      ...(["sheets", "nominations"] as const).map(
        (t) =>
          `SELECT '${t}' AS tbl, key, version, json, 0 AS needs_review FROM ${t} WHERE edition_id = @editionId AND version > @since ${own}`,
      ),
      `SELECT tbl, key, version, NULL AS json, 0 AS needs_review FROM deletions WHERE edition_id = @editionId AND version > @since
         AND (member_id IS NULL ${memberId === null ? "OR 1" : "OR member_id = @memberId"})`,
    ];
    const text = `${parts.join(" UNION ALL ")} ORDER BY version LIMIT @limit`;
    const params: Record<string, unknown> = { editionId, since, limit };
    if (memberId !== null) params.memberId = memberId;
    return all(text, params).map((row) => ({
      table: str(row, "tbl") as SyncTable,
      key: str(row, "key"),
      version: num(row, "version"),
      json: row.json === null ? null : str(row, "json"),
      needsReview: num(row, "needs_review") === 1,
    }));
  };

  const toCoordinator = (row: Row | undefined): CoordinatorEntity | undefined =>
    row
      ? {
          id: str(row, "id"),
          name: str(row, "name"),
          passwordHash: str(row, "password_hash"),
          createdAt: num(row, "created_at"),
        }
      : undefined;

  const coordinators = {
    count(): number {
      return num(one("SELECT count(*) AS n FROM coordinators") as Row, "n");
    },
    byName(name: string): CoordinatorEntity | undefined {
      return toCoordinator(one("SELECT * FROM coordinators WHERE name = ?", name));
    },
    byId(id: string): CoordinatorEntity | undefined {
      return toCoordinator(one("SELECT * FROM coordinators WHERE id = ?", id));
    },
    insert(c: CoordinatorEntity): void {
      run(
        "INSERT INTO coordinators (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
        c.id,
        c.name,
        c.passwordHash,
        c.createdAt,
      );
    },
    setPassword(id: string, passwordHash: string): void {
      run("UPDATE coordinators SET password_hash = ? WHERE id = ?", passwordHash, id);
    },
  };

  const sessions = {
    insert(tokenHash: string, coordinatorId: string, now: number, expiresAt: number): void {
      run(
        "INSERT INTO sessions (token_hash, coordinator_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        tokenHash,
        coordinatorId,
        now,
        expiresAt,
      );
    },
    coordinatorFor(tokenHash: string, now: number): CoordinatorEntity | undefined {
      const row = one(
        "SELECT coordinator_id FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
        tokenHash,
        now,
      );
      return row ? coordinators.byId(str(row, "coordinator_id")) : undefined;
    },
    revoke(tokenHash: string, now: number): void {
      run("UPDATE sessions SET revoked_at = ? WHERE token_hash = ?", now, tokenHash);
    },
  };

  const setupTokens = {
    /** Only the newest unused token is valid: printing a new one at start retires the old. */
    replace(tokenHash: string, now: number, expiresAt: number): void {
      run("DELETE FROM setup_tokens WHERE used_at IS NULL");
      run("INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)", tokenHash, now, expiresAt);
    },
    /** Marks the token used; false when unknown, used or expired. */
    consume(tokenHash: string, now: number): boolean {
      const result = run(
        "UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        now,
        tokenHash,
        now,
      );
      return result.changes === 1;
    },
  };

  const devices = {
    byTokenHash(tokenHash: string): DeviceEntity | undefined {
      const row = one("SELECT * FROM devices WHERE token_hash = ?", tokenHash);
      return row ? toDevice(row) : undefined;
    },
    byId(id: string): DeviceEntity | undefined {
      const row = one("SELECT * FROM devices WHERE id = ?", id);
      return row ? toDevice(row) : undefined;
    },
    list(editionId?: string): DeviceEntity[] {
      const rows =
        editionId === undefined
          ? all("SELECT * FROM devices ORDER BY created_at, id")
          : all("SELECT * FROM devices WHERE edition_id = ? ORDER BY created_at, id", editionId);
      return rows.map(toDevice);
    },
    /** One token per device: enrolling again replaces the token (and un-revokes), keeping last_seq. */
    upsert(d: Omit<DeviceEntity, "revokedAt" | "lastSeq" | "lastSeenAt">, tokenHash: string): void {
      run(
        `INSERT INTO devices (id, token_hash, edition_id, member_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, edition_id = excluded.edition_id,
           member_id = excluded.member_id, name = excluded.name, created_at = excluded.created_at, revoked_at = NULL`,
        d.id,
        tokenHash,
        d.editionId,
        d.memberId,
        d.name,
        d.createdAt,
      );
    },
    revoke(id: string, now: number): boolean {
      return run("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id).changes === 1;
    },
    recordSeq(id: string, seq: number, now: number): void {
      run("UPDATE devices SET last_seq = max(last_seq, ?), last_seen_at = ? WHERE id = ?", seq, now, id);
    },
    touch(id: string, now: number): void {
      run("UPDATE devices SET last_seen_at = ? WHERE id = ?", now, id);
    },
  };

  const joinCodes = {
    get(code: string): JoinCodeEntity | undefined {
      const row = one("SELECT * FROM join_codes WHERE code = ?", code);
      return row ? toJoinCode(row) : undefined;
    },
    /** Issuing a code retires the member's earlier unused codes, so only the latest printed code works. */
    issue(c: Omit<JoinCodeEntity, "uses" | "revokedAt">, now: number): void {
      run(
        "UPDATE join_codes SET revoked_at = ? WHERE edition_id = ? AND member_id = ? AND revoked_at IS NULL AND uses < max_uses",
        now,
        c.editionId,
        c.memberId,
      );
      run(
        "INSERT INTO join_codes (code, edition_id, member_id, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?)",
        c.code,
        c.editionId,
        c.memberId,
        c.createdAt,
        c.expiresAt,
        c.maxUses,
      );
    },
    use(code: string): void {
      run("UPDATE join_codes SET uses = uses + 1 WHERE code = ?", code);
    },
    active(now: number): JoinCodeEntity[] {
      return all(
        "SELECT * FROM join_codes WHERE revoked_at IS NULL AND uses < max_uses AND expires_at > ? ORDER BY edition_id, member_id",
        now,
      ).map(toJoinCode);
    },
  };

  const toSeen = (row: Row): SeenMutation => ({
    mutationId: str(row, "mutation_id"),
    deviceId: str(row, "device_id"),
    payloadHash: str(row, "payload_hash"),
    resultJson: str(row, "result_json"),
  });

  const seen = {
    get(mutationId: string): SeenMutation | undefined {
      const row = one("SELECT * FROM mutations_seen WHERE mutation_id = ?", mutationId);
      return row ? toSeen(row) : undefined;
    },
    /** The ones of `mutationIds` already handled, by id: one statement for a whole push. */
    getMany(mutationIds: readonly string[]): Map<string, SeenMutation> {
      const rows = all(
        `SELECT s.mutation_id, s.device_id, s.payload_hash, s.result_json
         FROM json_each(?) AS k JOIN mutations_seen AS s ON s.mutation_id = k.value`,
        JSON.stringify(mutationIds),
      );
      return new Map(rows.map((row) => [str(row, "mutation_id"), toSeen(row)]));
    },
    insert(s: SeenMutation, now: number): void {
      run(
        "INSERT INTO mutations_seen (mutation_id, device_id, payload_hash, result_json, created_at) VALUES (?, ?, ?, ?, ?)",
        s.mutationId,
        s.deviceId,
        s.payloadHash,
        s.resultJson,
        now,
      );
    },
    count(): number {
      return num(one("SELECT count(*) AS n FROM mutations_seen") as Row, "n");
    },
  };

  const audit = {
    append(e: NewAuditEntry): void {
      run(
        `INSERT INTO audit_log (at, actor_kind, actor_id, device_id, edition_id, tbl, key, field, old_json, new_json, mutation_id, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        e.at,
        e.actorKind,
        e.actorId,
        e.deviceId,
        e.editionId,
        e.table,
        e.key,
        e.field,
        e.old === undefined ? null : JSON.stringify(e.old),
        e.new === undefined ? null : JSON.stringify(e.new),
        e.mutationId,
        e.version,
      );
    },
    list(editionId: string, afterId: number, limit: number): AuditEntry[] {
      return all(
        "SELECT * FROM audit_log WHERE edition_id = ? AND id > ? ORDER BY id LIMIT ?",
        editionId,
        afterId,
        limit,
      ).map((row) => ({
        id: num(row, "id"),
        at: num(row, "at"),
        actorKind: str(row, "actor_kind") as AuditEntry["actorKind"],
        actorId: str(row, "actor_id"),
        deviceId: row.device_id === null ? null : str(row, "device_id"),
        editionId: str(row, "edition_id"),
        table: str(row, "tbl"),
        key: str(row, "key"),
        field: str(row, "field"),
        old: parseJson(row.old_json),
        new: parseJson(row.new_json),
        mutationId: row.mutation_id === null ? null : str(row, "mutation_id"),
        version: numOrNull(row, "version"),
      }));
    },
    count(): number {
      return num(one("SELECT count(*) AS n FROM audit_log") as Row, "n");
    },
  };

  /** Row counts of every table, for tests that prove a refused request changed nothing. */
  const counts = (): Record<string, number> => {
    const tables = all(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const out: Record<string, number> = {};
    for (const t of tables) out[str(t, "name")] = num(one(`SELECT count(*) AS n FROM "${str(t, "name")}"`) as Row, "n");
    out.version = currentVersion();
    return out;
  };

  return {
    db,
    path,
    tx,
    nextVersion,
    currentVersion,
    batchVersions,
    markDeleted,
    editions,
    records,
    feed,
    coordinators,
    sessions,
    setupTokens,
    devices,
    joinCodes,
    seen,
    audit,
    counts,
    backup: (file: string) => db.backup(file),
    close: () => {
      if (db.open) db.close();
    },
  };
};

export type Store = ReturnType<typeof createStore>;
