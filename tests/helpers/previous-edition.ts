import type { Store } from "../../src/server/store/store-types.ts";

/**
 * Stores "last year's" copy of `editionId` as `lastId` — same districts, indicator codes and
 * members, every numeric score `pointsLower` points lower — and marks `editionId` as copied
 * from it, as `POST …/copy` does.
 */
export const storeLastYear = (store: Store, editionId: string, lastId: string, pointsLower: number): Promise<void> =>
  store.tx(async (s) => {
    const stored = await s.editions.bundle(editionId);
    if (!stored) throw new Error(`no edition ${editionId}`);
    const { edition, rubric, participants, members } = stored.bundle;
    await s.editions.put({ ...edition, id: lastId, year: edition.year - 1 }, 0);
    await s.editions.putRubric({ ...rubric, editionId: lastId });
    for (const p of participants) await s.references.put("participants", { ...p, editionId: lastId });
    for (const m of members) await s.references.put("members", { ...m, editionId: lastId });
    for (const { record } of await s.records.list("scores", editionId)) {
      const moved = { ...record, editionId: lastId, key: record.key.replace(editionId, lastId) };
      await s.records.put(
        "scores",
        record.points === null ? moved : { ...moved, points: record.points - pointsLower },
        false,
      );
    }
    await s.editions.put({ ...edition, sourceEditionId: lastId }, 0);
  });
