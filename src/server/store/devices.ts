/*
 * Enrolled tablets. Invariant: a device's token is stored only as its sha256, one
 * token per device; a revoked device stays listed (its last seq and last contact are
 * kept) but its token no longer authenticates.
 */
import type { RevokeReason } from "../../protocol/wire.ts";
import { num, numOrNull, type Row, type Sql, str } from "./sql.ts";
import type { DeviceEntity, DeviceReads, DeviceWrites } from "./store-types.ts";

const toDevice = (row: Row): DeviceEntity => ({
  id: str(row, "id"),
  editionId: str(row, "edition_id"),
  memberId: str(row, "member_id"),
  name: str(row, "name"),
  createdAt: num(row, "created_at"),
  revokedAt: numOrNull(row, "revoked_at"),
  revokedReason:
    row.revoked_reason === null || row.revoked_reason === undefined
      ? null
      : (str(row, "revoked_reason") as RevokeReason),
  lastSeq: num(row, "last_seq"),
  lastSeenAt: numOrNull(row, "last_seen_at"),
  pendingCount: numOrNull(row, "pending_count"),
  pendingAt: numOrNull(row, "pending_at"),
});

export const createDevices = ({ one, all, run }: Sql): DeviceReads & DeviceWrites => ({
  async byTokenHash(tokenHash) {
    const row = await one("SELECT * FROM devices WHERE token_hash = ?", tokenHash);
    return row ? toDevice(row) : undefined;
  },
  async byId(id) {
    const row = await one("SELECT * FROM devices WHERE id = ?", id);
    return row ? toDevice(row) : undefined;
  },
  async list(editionId) {
    const rows =
      editionId === undefined
        ? await all("SELECT * FROM devices ORDER BY created_at, id")
        : await all("SELECT * FROM devices WHERE edition_id = ? ORDER BY created_at, id", editionId);
    return rows.map(toDevice);
  },
  async upsert(d, tokenHash) {
    await run(
      `INSERT INTO devices (id, token_hash, edition_id, member_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, edition_id = excluded.edition_id,
         member_id = excluded.member_id, name = excluded.name, created_at = excluded.created_at, revoked_at = NULL,
         revoked_reason = NULL`,
      d.id,
      tokenHash,
      d.editionId,
      d.memberId,
      d.name,
      d.createdAt,
    );
  },
  async revoke(id, now, reason) {
    const result = await run(
      "UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
      now,
      reason,
      id,
    );
    return result.changes === 1;
  },
  async revokeMember(editionId, memberId, now, reason) {
    const rows = await all(
      `UPDATE devices SET revoked_at = ?, revoked_reason = ?
       WHERE edition_id = ? AND member_id = ? AND revoked_at IS NULL RETURNING id`,
      now,
      reason,
      editionId,
      memberId,
    );
    return rows.map((row) => str(row, "id"));
  },
  async recordSeq(id, seq, now) {
    await run(
      "UPDATE devices SET last_seq = CASE WHEN last_seq > ? THEN last_seq ELSE ? END, last_seen_at = ? WHERE id = ?",
      seq,
      seq,
      now,
      id,
    );
  },
  async touch(id, now) {
    await run("UPDATE devices SET last_seen_at = ? WHERE id = ?", now, id);
  },
  async reportPending(id, pending, now) {
    await run(
      "UPDATE devices SET pending_count = ?, pending_at = ?, last_seen_at = ? WHERE id = ?",
      pending,
      now,
      now,
      id,
    );
  },
});
