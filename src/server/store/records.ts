/*
 * Scores, sheets and nominations, one row per record key. Invariant: a stored record's
 * own `version` field always equals its row's version, taken fresh on every put.
 */
import type { RecordTable } from "../../protocol/wire.ts";
import { insertRows, num, parseJson, type Row, type Sql, str } from "./sql.ts";
import type { RecordByTable, RecordReads, RecordWrites, StoredRecord, VersionedPut } from "./store-types.ts";
import type { Versions } from "./versions.ts";

const RECORD_TABLES: readonly RecordTable[] = ["scores", "sheets", "nominations"];

const reviewColumn = (table: RecordTable, alias = ""): string =>
  table === "scores" ? `${alias}needs_review` : "0 AS needs_review";

const toStored = <T extends RecordTable>(row: Row): StoredRecord<T> => ({
  record: parseJson(row.json) as RecordByTable[T],
  version: num(row, "version"),
  needsReview: num(row, "needs_review") === 1,
});

const COLUMNS = ["key", "edition_id", "participant_id", "member_id", "json", "version"] as const;
const SCORE_COLUMNS = [...COLUMNS, "needs_review"] as const;
const UPSERT = "ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = excluded.version";
const SCORE_UPSERT = `${UPSERT}, needs_review = excluded.needs_review`;

/** One row's values in COLUMNS (SCORE_COLUMNS for scores) order; the stored JSON carries the row's version. */
const rowOf = <T extends RecordTable>(table: T, put: VersionedPut<T>): unknown[] => {
  const { record, version } = put;
  const row: unknown[] = [
    record.key,
    record.editionId,
    record.participantId,
    record.memberId,
    // The same text either way (a spread keeps `version` where it was); a push's records already carry theirs.
    JSON.stringify(record.version === version ? record : { ...record, version }),
    version,
  ];
  if (table === "scores") row.push(put.needsReview ? 1 : 0);
  return row;
};

export const createRecords = (sql: Sql, versions: Versions): RecordReads & RecordWrites => {
  const { one, all, run, inKeys } = sql;
  /** Multi-row upserts (sql.ts `insertRows`), then one DELETE for the deletion markers of rows that were not there. */
  const putMany = async <T extends RecordTable>(table: T, puts: readonly VersionedPut<T>[]): Promise<void> => {
    const scores = table === "scores";
    await insertRows(
      run,
      table,
      scores ? SCORE_COLUMNS : COLUMNS,
      puts.map((p) => rowOf(table, p)),
      scores ? SCORE_UPSERT : UPSERT,
    );
    const created = puts.filter((p) => !p.existed).map((p) => p.record.key);
    if (created.length > 0) await versions.clearDeletions(table, created);
  };
  return {
    putMany,
    async get<T extends RecordTable>(table: T, key: string): Promise<StoredRecord<T> | undefined> {
      const row = await one(`SELECT json, version, ${reviewColumn(table)} FROM ${table} WHERE key = ?`, key);
      return row ? toStored<T>(row) : undefined;
    },
    /** One statement whatever the number of keys. */
    async getMany<T extends RecordTable>(table: T, keys: readonly string[]): Promise<Map<string, StoredRecord<T>>> {
      const wanted = inKeys("t.key", keys);
      const rows = await all(
        `SELECT t.key, t.json, t.version, ${reviewColumn(table, "t.")} FROM ${table} AS t WHERE ${wanted.sql}`,
        wanted.param,
      );
      const out = new Map<string, StoredRecord<T>>();
      for (const row of rows) out.set(str(row, "key"), toStored<T>(row));
      return out;
    },
    /** Markers are only left by removing a row and every put clears them, so `existed` skips the DELETE. */
    async put<T extends RecordTable>(
      table: T,
      record: RecordByTable[T],
      needsReview = false,
      existed = false,
    ): Promise<number> {
      const version = await versions.next();
      await putMany(table, [{ record, version, needsReview, existed }]);
      return version;
    },
    async list<T extends RecordTable>(table: T, editionId: string): Promise<Array<StoredRecord<T>>> {
      return (
        await all(
          `SELECT json, version, ${reviewColumn(table)} FROM ${table} WHERE edition_id = ? ORDER BY key`,
          editionId,
        )
      ).map((row) => toStored<T>(row));
    },
    async count() {
      let n = 0;
      for (const t of RECORD_TABLES) n += num((await one(`SELECT count(*) AS n FROM ${t}`)) as Row, "n");
      return n;
    },
  };
};
