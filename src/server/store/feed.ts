/*
 * The pull feed: one query over every synced table and the deletion markers, in
 * version order. Invariants: a member's device sees the edition's reference rows and
 * only that member's own records and markers; being one statement, a page is read
 * from one committed state on both engines.
 */
import type { SyncTable } from "../../protocol/wire.ts";
import { REFERENCE_TABLES } from "./editions.ts";
import { num, type Sql, str } from "./sql.ts";
import type { FeedReads } from "./store-types.ts";

export const createFeed = ({ all }: Sql): FeedReads => ({
  async page(editionId, since, limit, memberId) {
    const params: unknown[] = [];
    /** Each part's WHERE, with its parameters appended in placeholder order. */
    const where = (column: string, own: boolean): string => {
      params.push(editionId, since);
      if (!own || memberId === null) return `${column} = ? AND version > ?`;
      params.push(memberId);
      return `${column} = ? AND version > ? AND member_id = ?`;
    };
    const parts = [
      `SELECT 'editions' AS tbl, id AS key, version, json, 0 AS needs_review FROM editions WHERE ${where("id", false)}`,
      ...REFERENCE_TABLES.map(
        (t) =>
          `SELECT '${t}' AS tbl, id AS key, version, json, 0 AS needs_review FROM ${t} WHERE ${where("edition_id", false)}`,
      ),
      `SELECT 'scores' AS tbl, key, version, json, needs_review FROM scores WHERE ${where("edition_id", true)}`,
      ...(["sheets", "nominations"] as const).map(
        (t) =>
          `SELECT '${t}' AS tbl, key, version, json, 0 AS needs_review FROM ${t} WHERE ${where("edition_id", true)}`,
      ),
    ];
    params.push(editionId, since);
    let markers =
      "SELECT tbl, key, version, NULL AS json, 0 AS needs_review FROM deletions WHERE edition_id = ? AND version > ?";
    if (memberId !== null) {
      markers += " AND (member_id IS NULL OR member_id = ?)";
      params.push(memberId);
    }
    parts.push(markers);
    params.push(limit);
    const text = `${parts.join(" UNION ALL ")} ORDER BY version LIMIT ?`;
    return (await all(text, ...params)).map((row) => ({
      table: str(row, "tbl") as SyncTable,
      key: str(row, "key"),
      version: num(row, "version"),
      json: row.json === null ? null : str(row, "json"),
      needsReview: num(row, "needs_review") === 1,
    }));
  },
});
