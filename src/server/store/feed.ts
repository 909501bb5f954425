/*
 * The pull feed: one query over every synced table and the deletion markers, in
 * version order. Invariant: a member's device sees the edition's reference rows and
 * only that member's own records and markers.
 */
import type { SyncTable } from "../../protocol/wire.ts";
import { REFERENCE_TABLES } from "./editions.ts";
import { num, type Sql, str } from "./sqlite-db.ts";
import type { FeedReads } from "./store-types.ts";

export const createFeed = ({ all }: Sql): FeedReads => ({
  async page(editionId, since, limit, memberId) {
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
  },
});
