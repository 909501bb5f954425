/*
 * Editions and their rubrics. Invariant: every write takes a fresh version and clears
 * any deletion marker for the row, so a re-created row reaches devices again.
 */
import type { Edition, Rubric } from "../../domain/types.ts";
import type { ReferenceTable } from "../../protocol/wire.ts";
import type {
  PeopleRow,
  PeopleTable,
  EditionReads,
  EditionWrites,
  ReferenceReads,
  ReferenceWrites,
} from "./store-types.ts";
import { num, parseJson, type Row, type Sql } from "./sql.ts";
import type { Versions } from "./versions.ts";

export const REFERENCE_TABLES: readonly ReferenceTable[] = ["rubrics", "participants", "members"];

export const createReferences = ({ one, all, run }: Sql, versions: Versions): ReferenceReads & ReferenceWrites => ({
  async list<T extends PeopleTable>(table: T, editionId: string): Promise<Array<PeopleRow[T]>> {
    return (await all(`SELECT json FROM ${table} WHERE edition_id = ? ORDER BY id`, editionId)).map(
      (row) => parseJson(row.json) as PeopleRow[T],
    );
  },
  async get<T extends PeopleTable>(table: T, editionId: string, id: string): Promise<PeopleRow[T] | undefined> {
    const row = await one(`SELECT json FROM ${table} WHERE edition_id = ? AND id = ?`, editionId, id);
    return row ? (parseJson(row.json) as PeopleRow[T]) : undefined;
  },
  async put<T extends PeopleTable>(table: T, row: PeopleRow[T]): Promise<number | null> {
    const json = JSON.stringify(row);
    const existing = await one(`SELECT json FROM ${table} WHERE edition_id = ? AND id = ?`, row.editionId, row.id);
    if (existing && existing.json === json) return null;
    const version = await versions.next();
    await run(
      `INSERT INTO ${table} (edition_id, id, json, version) VALUES (?, ?, ?, ?)
       ON CONFLICT (edition_id, id) DO UPDATE SET json = excluded.json, version = excluded.version`,
      row.editionId,
      row.id,
      json,
      version,
    );
    await versions.clearDeletion(table, row.id);
    return version;
  },
  async delete(table: ReferenceTable, editionId: string, id: string): Promise<number> {
    await run(`DELETE FROM ${table} WHERE edition_id = ? AND id = ?`, editionId, id);
    return versions.markDeleted(table, id, editionId, null);
  },
});

export const createEditions = (
  { one, all, run }: Sql,
  versions: Versions,
  references: ReferenceReads,
): EditionReads & EditionWrites => {
  const get = async (id: string) => {
    const row = await one("SELECT json, version FROM editions WHERE id = ?", id);
    return row ? { edition: parseJson(row.json) as Edition, version: num(row, "version") } : undefined;
  };
  const getRubric = async (editionId: string) => {
    const row = await one(
      "SELECT json, version FROM rubrics WHERE edition_id = ? ORDER BY version DESC LIMIT 1",
      editionId,
    );
    return row ? { rubric: parseJson(row.json) as Rubric, version: num(row, "version") } : undefined;
  };
  return {
    get,
    getRubric,
    async list() {
      return (await all("SELECT json, version FROM editions ORDER BY created_at, id")).map((row) => ({
        edition: parseJson(row.json) as Edition,
        version: num(row, "version"),
      }));
    },
    async count() {
      return num((await one("SELECT count(*) AS n FROM editions")) as Row, "n");
    },
    async put(edition, now) {
      const version = await versions.next();
      await run(
        `INSERT INTO editions (id, json, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, version = excluded.version, updated_at = excluded.updated_at`,
        edition.id,
        JSON.stringify(edition),
        version,
        now,
        now,
      );
      await versions.clearDeletion("editions", edition.id);
      return version;
    },
    async putRubric(rubric) {
      const version = await versions.next();
      await run(
        `INSERT INTO rubrics (edition_id, id, json, rubric_version, version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (edition_id, id) DO UPDATE SET json = excluded.json, rubric_version = excluded.rubric_version, version = excluded.version`,
        rubric.editionId,
        rubric.id,
        JSON.stringify(rubric),
        rubric.version,
        version,
      );
      await run(
        `INSERT INTO rubric_versions (edition_id, rubric_version, json) VALUES (?, ?, ?)
         ON CONFLICT (edition_id, rubric_version) DO UPDATE SET json = excluded.json`,
        rubric.editionId,
        rubric.version,
        JSON.stringify(rubric),
      );
      await versions.clearDeletion("rubrics", rubric.id);
      return version;
    },
    async getRubricVersion(editionId, rubricVersion) {
      const row = await one(
        "SELECT json FROM rubric_versions WHERE edition_id = ? AND rubric_version = ?",
        editionId,
        rubricVersion,
      );
      return row ? (parseJson(row.json) as Rubric) : undefined;
    },
    /**
     * The version is read first, in one statement: outside a transaction (PostgreSQL reads
     * are not serialised) the content may then be newer than the version, never older, so
     * a client that continues from it re-reads a row at worst and never misses one.
     */
    async bundle(editionId) {
      const highest = REFERENCE_TABLES.map(
        (t) => `SELECT coalesce(max(version), 0) AS v FROM ${t} WHERE edition_id = ?`,
      ).join(" UNION ALL ");
      const versionRow = await one(
        `SELECT max(v) AS v FROM (SELECT version AS v FROM editions WHERE id = ? UNION ALL ${highest}) AS versions`,
        editionId,
        ...REFERENCE_TABLES.map(() => editionId),
      );
      const edition = await get(editionId);
      const rubric = await getRubric(editionId);
      if (!edition || !rubric) return undefined;
      const version = num(versionRow as Row, "v");
      return {
        bundle: {
          edition: edition.edition,
          rubric: rubric.rubric,
          participants: await references.list("participants", editionId),
          members: await references.list("members", editionId),
        },
        version,
      };
    },
  };
};
