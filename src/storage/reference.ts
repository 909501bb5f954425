/*
 * Reference data (edition, rubric, participants, members) and the reads of a
 * member's or an edition's records.
 *
 * Invariants:
 * - An edition bundle is validated whole before anything is written, and written in
 *   one transaction; nothing in it may belong to another edition.
 * - Starting records of a demo edition never overwrite what a panelist already entered.
 */
import { validate } from "../domain/schema-core.ts";
import type { Edition, Member, Participant, Rubric } from "../domain/types.ts";
import { editionRange, type StorageContext, type SyncedRecord } from "./context.ts";
import { guard, StorageValidationError } from "./errors.ts";
import { byEditionOrder, byParticipantOrder, META_KEYS } from "./meta-keys.ts";
import { recordTable, SYNC_RECORD_TABLES, validateRecord } from "./record-tables.ts";
import type { PanelisStorage } from "./storage-types.ts";

export type ReferenceAccess = Pick<
  PanelisStorage,
  "putEditionBundle" | "listEditions" | "loadEdition" | "loadMemberData" | "loadEditionData"
>;

export const createReference = (ctx: StorageContext): ReferenceAccess => {
  const { db, loadRange } = ctx;
  return {
    putEditionBundle: async (bundle) => {
      // Reference schemas load only here: an edition arrives once, taps happen all day.
      const { EditionSchema, MemberSchema, ParticipantSchema, RubricSchema } = (
        await import("./reference-validation.ts")
      ).referenceSchemas;
      const errors: string[] = [];
      const check = <S extends Parameters<typeof validate>[0]>(schema: S, data: unknown) => {
        const r = validate(schema, data, ctx.locale());
        if (!r.ok) errors.push(...r.errors);
        return r.ok ? r.value : undefined;
      };
      const edition = check(EditionSchema, bundle.edition) as Edition | undefined;
      const rubric = check(RubricSchema, bundle.rubric) as Rubric | undefined;
      const participants = bundle.participants.map((p) => check(ParticipantSchema, p) as Participant);
      const members = bundle.members.map((m) => check(MemberSchema, m) as Member);
      const records = SYNC_RECORD_TABLES.map((table) => {
        const rows = bundle[table] ?? [];
        const checked = rows.map((r) => validateRecord(table, r, ctx.locale()));
        for (const c of checked) if (!c.ok) errors.push(...c.errors);
        return { table, rows: checked.flatMap((c) => (c.ok ? [c.value as SyncedRecord] : [])) };
      });
      const editionId = bundle.edition.id;
      const foreign = [bundle.rubric, ...bundle.participants, ...bundle.members, ...records.flatMap((r) => r.rows)]
        .filter((r) => r && r.editionId !== editionId)
        .map((r) => `${"id" in r ? r.id : r.key}: not part of edition ${editionId}`);
      errors.push(...foreign);
      if (errors.length > 0 || !edition || !rubric) throw new StorageValidationError(errors);

      await guard(() =>
        db.transaction(
          "rw",
          [db.editions, db.rubrics, db.participants, db.members, db.scores, db.sheets, db.nominations, db.meta],
          async () => {
            await db.rubrics.where("editionId").equals(editionId).delete();
            await db.meta.put({ key: META_KEYS.rubricToken(editionId), value: ctx.ids.newId() });
            await db.participants.where("editionId").equals(editionId).delete();
            await db.members.where("editionId").equals(editionId).delete();
            await db.editions.put(edition);
            await db.rubrics.put(rubric);
            await db.participants.bulkPut(participants);
            await db.members.bulkPut(members);
            for (const { table, rows } of records) {
              const store = recordTable(db, table);
              // Starting records never overwrite what a panelist already entered.
              const existing = new Set((await store.bulkGet(rows.map((r) => r.key))).map((r) => r?.key));
              await store.bulkPut(rows.filter((r) => !existing.has(r.key)));
            }
          },
        ),
      );
    },

    listEditions: () => guard(async () => (await db.editions.toArray()).sort(byEditionOrder)),

    loadEdition: (editionId) =>
      guard(() =>
        db.transaction("r", [db.editions, db.rubrics, db.participants, db.members], async () => {
          const edition = await db.editions.get(editionId);
          if (!edition) return undefined;
          const rubric =
            (await db.rubrics.get(edition.rubricId)) ?? (await db.rubrics.where("editionId").equals(editionId).first());
          const participants = (await db.participants.where("editionId").equals(editionId).toArray()).sort(
            byParticipantOrder,
          );
          const members = await db.members.where("editionId").equals(editionId).toArray();
          return { edition, rubric, participants, members };
        }),
      ),

    loadMemberData: (editionId, memberId) =>
      guard(() =>
        db.transaction("r", [db.scores, db.sheets, db.nominations], () =>
          loadRange([editionId, memberId], [editionId, memberId]),
        ),
      ),

    loadEditionData: (editionId) =>
      guard(() =>
        db.transaction("r", [db.scores, db.sheets, db.nominations], () => loadRange(...editionRange(editionId))),
      ),
  };
};
