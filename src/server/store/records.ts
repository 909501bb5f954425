/*
 * Scores, sheets and nominations, one row per record key. Invariant: a stored record's
 * own `version` field always equals its row's version, taken fresh on every put.
 */
import type { RecordTable } from "../../protocol/wire.ts";
import { num, parseJson, type Row, type Sql, str } from "./sql.ts";
import type { RecordByTable, RecordReads, RecordWrites, StoredRecord } from "./store-types.ts";
import type { Versions } from "./versions.ts";

const RECORD_TABLES: readonly RecordTable[] = ["scores", "sheets", "nominations"];

const reviewColumn = (table: RecordTable, alias = ""): string =>
  table === "scores" ? `${alias}needs_review` : "0 AS needs_review";

const toStored = <T extends RecordTable>(row: Row): StoredRecord<T> => ({
  record: parseJson(row.json) as RecordByTable[T],
  version: num(row, "version"),
  needsReview: num(row, "needs_review") === 1,
});

export const createRecords = ({ one, all, run, inKeys }: Sql, versions: Versions): RecordReads & RecordWrites => ({
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
    const json = JSON.stringify({ ...record, version });
    const review = table === "scores";
    await run(
      `INSERT INTO ${table} (key, edition_id, participant_id, member_id, json, version${review ? ", needs_review" : ""})
       VALUES (?, ?, ?, ?, ?, ?${review ? ", ?" : ""})
       ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = excluded.version${review ? ", needs_review = excluded.needs_review" : ""}`,
      record.key,
      record.editionId,
      record.participantId,
      record.memberId,
      json,
      version,
      ...(review ? [needsReview ? 1 : 0] : []),
    );
    if (!existed) await versions.clearDeletion(table, record.key);
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
});
