/*
 * Coordinator accounts, their sessions and the one-time setup token. Invariant: only
 * hashes are stored (sha256 of tokens, scrypt of passwords); a session is valid only
 * while unrevoked and unexpired, and only the newest unused setup token works.
 */
import { num, type Row, type Sql, str } from "./sql.ts";
import type {
  CoordinatorEntity,
  CoordinatorReads,
  CoordinatorWrites,
  SessionReads,
  SessionWrites,
  SetupTokenReads,
  SetupTokenWrites,
} from "./store-types.ts";

const toCoordinator = (row: Row | undefined): CoordinatorEntity | undefined =>
  row
    ? {
        id: str(row, "id"),
        name: str(row, "name"),
        passwordHash: str(row, "password_hash"),
        createdAt: num(row, "created_at"),
      }
    : undefined;

export const createCoordinators = ({ one, run }: Sql): CoordinatorReads & CoordinatorWrites => ({
  async count() {
    return num((await one("SELECT count(*) AS n FROM coordinators")) as Row, "n");
  },
  async byName(name) {
    return toCoordinator(await one("SELECT * FROM coordinators WHERE lower(name) = lower(?)", name));
  },
  async byId(id) {
    return toCoordinator(await one("SELECT * FROM coordinators WHERE id = ?", id));
  },
  async insert(c) {
    await run(
      "INSERT INTO coordinators (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
      c.id,
      c.name,
      c.passwordHash,
      c.createdAt,
    );
  },
  async setPassword(id, passwordHash) {
    await run("UPDATE coordinators SET password_hash = ? WHERE id = ?", passwordHash, id);
  },
});

export const createSessions = ({ one, run }: Sql): SessionReads & SessionWrites => ({
  async insert(tokenHash, coordinatorId, now, expiresAt) {
    await run(
      "INSERT INTO sessions (token_hash, coordinator_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      tokenHash,
      coordinatorId,
      now,
      expiresAt,
    );
  },
  async coordinatorFor(tokenHash, now) {
    return toCoordinator(
      await one(
        `SELECT c.* FROM sessions AS s JOIN coordinators AS c ON c.id = s.coordinator_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
        tokenHash,
        now,
      ),
    );
  },
  async revoke(tokenHash, now) {
    await run("UPDATE sessions SET revoked_at = ? WHERE token_hash = ?", now, tokenHash);
  },
});

export const createSetupTokens = ({ one, run }: Sql): SetupTokenReads & SetupTokenWrites => ({
  async isValid(tokenHash, now) {
    return (
      (await one(
        "SELECT 1 FROM setup_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        tokenHash,
        now,
      )) !== undefined
    );
  },
  async pending(now) {
    return (await one("SELECT 1 FROM setup_tokens WHERE used_at IS NULL AND expires_at > ?", now)) !== undefined;
  },
  async replace(tokenHash, now, expiresAt) {
    await run("DELETE FROM setup_tokens WHERE used_at IS NULL");
    await run(
      "INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)",
      tokenHash,
      now,
      expiresAt,
    );
  },
  async consume(tokenHash, now) {
    const result = await run(
      "UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
      now,
      tokenHash,
      now,
    );
    return result.changes === 1;
  },
});
