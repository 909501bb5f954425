/*
 * Moves a hall's SQLite data into the national PostgreSQL database
 * (`npm run admin -- migrate-to-postgres <file>`). Invariants:
 * - Idempotent: running it again (or after a partial run) changes nothing that is
 *   already there. Editions and their records go through `importBundle`, which merges
 *   by stamp exactly as a push does, so a re-run writes nothing and never undoes a
 *   later edit made on the national server; every other row is copied with
 *   ON CONFLICT DO NOTHING; the hall's audit trail is copied once per edition (a
 *   marker row in meta records that it was, written after the copy).
 * - No tablet misses a row: the national version counter is first raised above the
 *   hall's highest version, so every copied row gets a version above any pull cursor
 *   a hall tablet holds. A tablet moved over pulls its rows again (re-applying is
 *   harmless) and keeps its token (the device rows and their token hashes are copied),
 *   its last seq, and its acknowledged mutation ids (a retry is still a duplicate).
 * - Sessions and setup tokens are not copied: coordinators sign in again.
 */
import { SYSTEM_ACTORS } from "../domain/audit-wording.ts";
import { importBundle } from "./editions.ts";
import type { Row } from "./store/sql.ts";
import type { Store } from "./store/store-types.ts";

export type TransferReport = { editions: number; recordsApplied: number; copied: Record<string, number> };

/** Copies `rows` into `table` of `target`, skipping any that conflict with a row already there; how many were new. */
const copyRows = async (target: Store, table: string, rows: Row[], skip: readonly string[] = []): Promise<number> => {
  let added = 0;
  for (const row of rows) {
    const columns = Object.keys(row).filter((c) => !skip.includes(c));
    const placeholders = columns.map(() => "?").join(", ");
    const inserted = await target.exec(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING 1 AS n`,
      ...columns.map((c) => row[c]),
    );
    added += inserted.length;
  }
  return added;
};

export const transferHall = async (source: Store, target: Store, now: number): Promise<TransferReport> => {
  const highest = await source.currentVersion();
  await target.exec("UPDATE meta SET value = ? WHERE key = 'version' AND value < ?", highest, highest);

  const copied: Record<string, number> = {};
  copied.coordinators = await copyRows(target, "coordinators", await source.exec("SELECT * FROM coordinators"));
  let recordsApplied = 0;
  const editions = await source.editions.list();
  for (const { edition } of editions) {
    const found = await source.editions.bundle(edition.id);
    if (!found) continue;
    const records = async <T extends "scores" | "sheets" | "nominations">(table: T) =>
      (await source.records.list(table, edition.id)).map((r) => r.record);
    const result = await importBundle(
      target,
      {
        ...found.bundle,
        scores: await records("scores"),
        sheets: await records("sheets"),
        nominations: await records("nominations"),
      },
      { kind: "system", id: SYSTEM_ACTORS.migrateToPostgres },
      now,
    );
    recordsApplied += result.recordsApplied;
    const history = await source.exec("SELECT * FROM rubric_versions WHERE edition_id = ?", edition.id);
    copied.rubric_versions = (copied.rubric_versions ?? 0) + (await copyRows(target, "rubric_versions", history));
    // Marked after the copy: a run cut off half-way copies again (a repeated audit line), never loses one.
    const marker = `audit-copied:${edition.id}`;
    if ((await target.exec("SELECT 1 AS n FROM meta WHERE key = ?", marker)).length === 0) {
      const audit = await source.exec("SELECT * FROM audit_log WHERE edition_id = ? ORDER BY id", edition.id);
      copied.audit_log = (copied.audit_log ?? 0) + (await copyRows(target, "audit_log", audit, ["id"]));
      await target.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", marker, now);
    }
  }
  copied.devices = await copyRows(target, "devices", await source.exec("SELECT * FROM devices"));
  copied.join_codes = await copyRows(target, "join_codes", await source.exec("SELECT * FROM join_codes"));
  copied.mutations_seen = await copyRows(target, "mutations_seen", await source.exec("SELECT * FROM mutations_seen"));
  return { editions: editions.length, recordsApplied, copied };
};
