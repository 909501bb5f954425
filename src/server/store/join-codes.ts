/*
 * Join codes as stored. Invariant: issuing a code for a member retires that member's
 * unused codes in the same transaction, so only the latest printed code works.
 */
import { num, numOrNull, type Row, type Sql, str } from "./sql.ts";
import type { JoinCodeEntity, JoinCodeReads, JoinCodeWrites } from "./store-types.ts";

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

export const createJoinCodes = ({ one, all, run }: Sql): JoinCodeReads & JoinCodeWrites => ({
  async get(code) {
    const row = await one("SELECT * FROM join_codes WHERE code = ?", code);
    return row ? toJoinCode(row) : undefined;
  },
  async issue(c, now) {
    await run(
      "UPDATE join_codes SET revoked_at = ? WHERE edition_id = ? AND member_id = ? AND revoked_at IS NULL AND uses < max_uses",
      now,
      c.editionId,
      c.memberId,
    );
    await run(
      "INSERT INTO join_codes (code, edition_id, member_id, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?)",
      c.code,
      c.editionId,
      c.memberId,
      c.createdAt,
      c.expiresAt,
      c.maxUses,
    );
  },
  async use(code) {
    await run("UPDATE join_codes SET uses = uses + 1 WHERE code = ?", code);
  },
  async active(now, editionId) {
    const usable = "revoked_at IS NULL AND uses < max_uses AND expires_at > ?";
    const rows =
      editionId === undefined
        ? await all(`SELECT * FROM join_codes WHERE ${usable} ORDER BY edition_id, member_id`, now)
        : await all(`SELECT * FROM join_codes WHERE ${usable} AND edition_id = ? ORDER BY member_id`, now, editionId);
    return rows.map(toJoinCode);
  },
});
