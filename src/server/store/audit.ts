/*
 * The audit log. Invariant: append-only (the schema's triggers refuse UPDATE and
 * DELETE); old and new values are stored as JSON, absent values as NULL.
 */
import type { RejectReason } from "../../protocol/wire.ts";
import { insertRows, num, numOrNull, parseJson, type Row, type Sql, str } from "./sql.ts";
import type { AuditEntry, AuditReads, AuditWrites, NewAuditEntry } from "./store-types.ts";

const AUDIT_COLUMNS = [
  "at",
  "actor_kind",
  "actor_id",
  "device_id",
  "edition_id",
  "tbl",
  "key",
  "field",
  "old_json",
  "new_json",
  "mutation_id",
  "version",
  "refused_reason",
] as const;

const auditRow = (e: NewAuditEntry): unknown[] => [
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
  e.refusedReason ?? null,
];

export const createAudit = ({ one, all, run }: Sql): AuditReads & AuditWrites => {
  const appendMany: AuditWrites["appendMany"] = (entries) =>
    insertRows(run, "audit_log", AUDIT_COLUMNS, entries.map(auditRow));
  return {
    append: (e) => appendMany([e]),
    appendMany,
    async list(editionId, afterId, limit) {
      return (
        await all(
          "SELECT * FROM audit_log WHERE edition_id = ? AND id > ? ORDER BY id LIMIT ?",
          editionId,
          afterId,
          limit,
        )
      ).map((row: Row) => ({
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
        ...(row.refused_reason === null || row.refused_reason === undefined
          ? {}
          : { refusedReason: str(row, "refused_reason") as RejectReason }),
      }));
    },
    async refusedCounts(editionId) {
      const rows = await all(
        `SELECT device_id, count(*) AS n FROM audit_log
       WHERE edition_id = ? AND refused_reason IS NOT NULL AND device_id IS NOT NULL GROUP BY device_id`,
        editionId,
      );
      return new Map(rows.map((row) => [str(row, "device_id"), num(row, "n")]));
    },
    async count() {
      return num((await one("SELECT count(*) AS n FROM audit_log")) as Row, "n");
    },
  };
};
