/*
 * Every mutation id the server has handled, with its payload hash and result.
 * Invariant: a row is written in the same transaction as the mutation's effect, so
 * "seen" and "applied" can never disagree after a crash.
 */
import { insertRows, num, type Row, type Sql, str } from "./sql.ts";
import type { SeenMutation, SeenReads, SeenWrites } from "./store-types.ts";

const SEEN_COLUMNS = ["mutation_id", "device_id", "payload_hash", "result_json", "created_at"] as const;

const toSeen = (row: Row): SeenMutation => ({
  mutationId: str(row, "mutation_id"),
  deviceId: str(row, "device_id"),
  payloadHash: str(row, "payload_hash"),
  resultJson: str(row, "result_json"),
});

export const createSeen = ({ one, all, run, inKeys }: Sql): SeenReads & SeenWrites => {
  const insertMany: SeenWrites["insertMany"] = (rows, now) =>
    insertRows(
      run,
      "mutations_seen",
      SEEN_COLUMNS,
      rows.map((s) => [s.mutationId, s.deviceId, s.payloadHash, s.resultJson, now]),
    );
  return {
    async get(mutationId) {
      const row = await one("SELECT * FROM mutations_seen WHERE mutation_id = ?", mutationId);
      return row ? toSeen(row) : undefined;
    },
    /** One statement for a whole push. */
    async getMany(mutationIds) {
      const wanted = inKeys("s.mutation_id", mutationIds);
      const rows = await all(
        `SELECT s.mutation_id, s.device_id, s.payload_hash, s.result_json FROM mutations_seen AS s WHERE ${wanted.sql}`,
        wanted.param,
      );
      return new Map(rows.map((row) => [str(row, "mutation_id"), toSeen(row)]));
    },
    insert: (s, now) => insertMany([s], now),
    insertMany,
    async count() {
      return num((await one("SELECT count(*) AS n FROM mutations_seen")) as Row, "n");
    },
  };
};
