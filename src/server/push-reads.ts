/*
 * What a push reads before it handles its first change, all inside the push's
 * transaction: every record a change can touch (its own and its sheet, which says
 * whether the sheet is final), the participants the batch names and the earlier
 * rubric versions its scores name. Invariant: one read per table or per distinct id,
 * never one per change, and nothing here writes; push.ts keeps these maps current as
 * the batch writes, so a later change sees an earlier one's effect.
 */
import { sheetKey } from "../domain/keys.ts";
import type { MutationData } from "../domain/schemas.ts";
import type { Participant, Rubric } from "../domain/types.ts";
import type { RecordTable } from "../protocol/wire.ts";
import type { StoredRecord, TxStore } from "./store/store-types.ts";

export type Cached = StoredRecord<RecordTable>;

/** The batch's view of the records it touches: prefetched in one read per table, updated by every write. */
export type RecordCache = Record<RecordTable, Map<string, Cached | null>>;

export const prefetchRecords = async (store: TxStore, mutations: readonly MutationData[]): Promise<RecordCache> => {
  const keys: Record<RecordTable, Set<string>> = { scores: new Set(), sheets: new Set(), nominations: new Set() };
  for (const m of mutations) {
    keys[m.table].add(m.key);
    // Every write checks whether its sheet is finalised.
    keys.sheets.add(sheetKey(m.identity.editionId, m.identity.participantId, m.identity.memberId));
  }
  const load = async (table: RecordTable): Promise<Map<string, Cached | null>> => {
    const wanted = [...keys[table]];
    const found: Map<string, Cached | null> =
      wanted.length > 0 ? await store.records.getMany(table, wanted) : new Map();
    for (const key of wanted) if (!found.has(key)) found.set(key, null);
    return found;
  };
  return { scores: await load("scores"), sheets: await load("sheets"), nominations: await load("nominations") };
};

/** The participants the batch names, in the device's edition: what authorisation checks against. */
export const prefetchParticipants = async (
  store: TxStore,
  editionId: string,
  mutations: readonly MutationData[],
): Promise<Map<string, Participant>> => {
  const found = new Map<string, Participant>();
  for (const id of new Set(mutations.map((m) => m.identity.participantId))) {
    const participant = await store.references.get("participants", editionId, id);
    if (participant) found.set(id, participant);
  }
  return found;
};

/** The earlier rubric versions the batch's scores name (a tablet that has not pulled the latest yet). */
export const prefetchRubrics = async (
  store: TxStore,
  editionId: string,
  current: Rubric | undefined,
  mutations: readonly MutationData[],
): Promise<Map<number, Rubric | undefined>> => {
  const found = new Map<number, Rubric | undefined>();
  if (!current) return found;
  for (const m of mutations) {
    const version = m.table === "scores" ? m.identity.rubricVersion : current.version;
    if (version < current.version && !found.has(version))
      found.set(version, await store.editions.getRubricVersion(editionId, version));
  }
  return found;
};
