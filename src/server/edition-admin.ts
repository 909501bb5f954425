/*
 * The coordinator's running-the-day writes: the edition's state, its schedule and
 * current presenter, recusals recorded by the coordinator, and copying an edition.
 * Invariants: each is one transaction with its audit entry; state moves only along
 * `edition-lifecycle.ts`; state and schedule live on the edition row, so every change
 * takes a new version and reaches tablets with their next pull; a recusal is a sheet
 * write stamped by the server's clock after anything the sheet has seen, merged like
 * any device's write.
 */
import { copyEdition } from "../domain/edition-copy.ts";
import { checkTransition, stateOf } from "../domain/edition-lifecycle.ts";
import type { Clock } from "../domain/hlc.ts";
import { sheetKey } from "../domain/keys.ts";
import { applyMutation } from "../domain/merge.ts";
import { isGraded } from "../domain/progress.ts";
import { advancePresenter, emptySchedule, scheduleProblems } from "../domain/schedule.ts";
import type { Edition, EditionSchedule, EditionState, SheetRecord } from "../domain/types.ts";
import type { Actor } from "./editions.ts";
import { importBundle } from "./editions.ts";
import { auditBy } from "./actor-audit.ts";
import { ApiError } from "./errors.ts";
import type { Store, TxStore } from "./store/store-types.ts";

const editionIn = async (s: TxStore, id: string): Promise<Edition> => {
  const found = await s.editions.get(id);
  if (!found) throw new ApiError("not-found");
  return found.edition;
};

export const changeState = (
  store: Store,
  editionId: string,
  to: EditionState,
  actor: Actor,
  now: number,
): Promise<{ state: EditionState; version: number }> =>
  store.tx(async (s) => {
    const edition = await editionIn(s, editionId);
    const from = stateOf(edition);
    const scored = (await s.records.list("scores", editionId)).some((r) => isGraded(r.record));
    const check = checkTransition(from, to, scored);
    if (!check.ok) throw new ApiError("transition-refused", { from, to, reason: check.reason });
    const version = await s.editions.put({ ...edition, state: to }, now);
    await auditBy(
      s,
      editionId,
      actor,
      now,
    )({ table: "editions", key: editionId, field: "state", old: from, new: to, version });
    return { state: to, version };
  });

const putSchedule = async (
  s: TxStore,
  edition: Edition,
  schedule: EditionSchedule,
  actor: Actor,
  now: number,
  field: string,
): Promise<number> => {
  const version = await s.editions.put({ ...edition, schedule }, now);
  const old =
    field === "currentParticipantId" ? (edition.schedule?.currentParticipantId ?? null) : (edition.schedule ?? null);
  const next = field === "currentParticipantId" ? schedule.currentParticipantId : schedule;
  await auditBy(s, edition.id, actor, now)({ table: "editions", key: edition.id, field, old, new: next, version });
  return version;
};

/** Saves order, slots and attendance; the current presenter is kept (it moves only by advancing). */
export const saveSchedule = (
  store: Store,
  editionId: string,
  incoming: EditionSchedule,
  actor: Actor,
  now: number,
): Promise<{ schedule: EditionSchedule; version: number }> =>
  store.tx(async (s) => {
    const edition = await editionIn(s, editionId);
    if (incoming.editionId !== editionId) throw new ApiError("invalid-body", { errors: ["editionId"] });
    const participants = await s.references.list("participants", editionId);
    const members = new Set((await s.references.list("members", editionId)).map((m) => m.id));
    const known = new Set(participants.map((p) => p.id));
    const problems = scheduleProblems(incoming, known);
    const strangers = Object.keys(incoming.memberAttendance).filter((id) => !members.has(id));
    if (problems.length > 0 || strangers.length > 0)
      throw new ApiError("invalid-body", { problems, unknownMembers: strangers });
    const current = edition.schedule?.currentParticipantId ?? null;
    const schedule: EditionSchedule = {
      ...incoming,
      currentParticipantId: incoming.slots.some((x) => x.participantId === current) ? current : null,
    };
    const version = await putSchedule(s, edition, schedule, actor, now, "schedule");
    return { schedule, version };
  });

/** One tap: the next participant in the order presents (after the last, nobody). */
export const advanceSchedule = (
  store: Store,
  editionId: string,
  actor: Actor,
  now: number,
): Promise<{ schedule: EditionSchedule; version: number }> =>
  store.tx(async (s) => {
    const edition = await editionIn(s, editionId);
    const schedule = advancePresenter(edition.schedule ?? emptySchedule(editionId));
    const version = await putSchedule(s, edition, schedule, actor, now, "currentParticipantId");
    return { schedule, version };
  });

/** The coordinator records (or lifts) a member's recusal for a participant, with the reason. */
export const recordRecusal = (
  store: Store,
  clock: Clock,
  ids: { editionId: string; participantId: string; memberId: string },
  change: { recused: boolean; reason: string },
  actor: Actor,
  now: number,
): Promise<{ record: SheetRecord; version: number }> =>
  store.tx(async (s) => {
    if (!(await s.references.get("participants", ids.editionId, ids.participantId))) throw new ApiError("not-found");
    if (!(await s.references.get("members", ids.editionId, ids.memberId))) throw new ApiError("not-found");
    const key = sheetKey(ids.editionId, ids.participantId, ids.memberId);
    const current = await s.records.get("sheets", key);
    for (const stamp of Object.values(current?.record.stamps ?? {})) if (stamp) clock.receive(stamp);
    const stamp = clock.now();
    const outcome = applyMutation(current?.record, {
      table: "sheets",
      identity: ids,
      changes: { recused: change.recused, recusalReason: change.recused ? change.reason : "" },
      mutationId: `recusal-${stamp}`,
      deviceId: "server",
      seq: 1,
      key,
      baseVersion: current?.version ?? 0,
      stamp,
    });
    if (outcome.changed.length === 0 && current) return { record: current.record, version: current.version };
    const version = await s.records.put("sheets", outcome.record, false, current !== undefined);
    const audit = auditBy(s, ids.editionId, actor, now);
    await audit({
      table: "sheets",
      key,
      field: "recused",
      old: current?.record.recused ?? false,
      new: change.recused,
      version,
    });
    await audit({
      table: "sheets",
      key,
      field: "recusalReason",
      old: current?.record.recusalReason ?? "",
      new: outcome.record.recusalReason,
      version,
    });
    return { record: { ...outcome.record, version }, version };
  });

/** A new edition from an earlier one (rubric, settings, panel, groups, schedule order); no scores. */
export const copyEditionOnServer = async (
  store: Store,
  sourceId: string,
  target: { id: string; year: number },
  actor: Actor,
  now: number,
): Promise<void> => {
  const source = await store.editions.bundle(sourceId);
  if (!source) throw new ApiError("not-found");
  if (await store.editions.get(target.id)) throw new ApiError("edition-exists");
  // With a base check, an edition created under the same id meanwhile is refused, never overwritten.
  await importBundle(store, copyEdition(source.bundle, target), actor, now, { baseVersion: undefined });
};
