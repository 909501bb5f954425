/*
 * Handling of one push. Invariants:
 * - The whole batch is handled in ONE transaction, in seq order; the response is
 *   sent only after commit, so an acknowledged mutation is durable.
 * - A mutation id is handled at most once: its result is stored in mutations_seen,
 *   a replay with the same payload gets that result back as "duplicate" and does
 *   nothing; a replay with a different payload refuses the whole request (409).
 * - Every mutation that passes schema validation is handled: applied, conflict or
 *   rejected (with the server's copy), and all three count towards last_seq, so one
 *   refused change never blocks the outbox behind it. A refused change's payload and
 *   reason go to the audit log in the same transaction, once per mutation id.
 * - Stamps are capped to the server clock + 5 minutes before merging, so a tablet
 *   with a clock days ahead cannot win every later edit.
 * - What the batch reads (seen ids, records, participants, earlier rubric versions) is read once up front and
 *   then kept in per-batch maps that every write of the batch updates, so a later
 *   mutation sees an earlier one's effect exactly as if it had read the database.
 * - Records, audit entries and seen rows are collected while handling and written in a
 *   few multi-row statements before the batch commits: nothing reads them back from the
 *   database within the batch (records are read from the batch's maps, a repeated id is
 *   answered from `handled`), and they share its transaction, so the invariants above
 *   hold unchanged. A record changed several times in one batch (a corrected grade, a
 *   note typed in bursts) is written once, in its last state and under its last version:
 *   the earlier states were never visible outside the transaction.
 */
import { hash } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json.ts";
import { capStamp, formatStamp, MAX_COUNTER, parseStamp } from "../domain/hlc.ts";
import { applyMutation } from "../domain/merge.ts";
import type { MutationData } from "../domain/schemas.ts";
import { checkScore } from "../domain/schemas.ts";
import { sheetKey } from "../domain/keys.ts";
import { shownValue } from "../domain/shown-value.ts";
import type { Locale, Member, Participant, Rubric, ScoreRecord, SheetRecord, Stamp } from "../domain/types.ts";
import type { PushResponse, PushResult, RecordTable } from "../protocol/wire.ts";
import { acceptsScores } from "../domain/edition-lifecycle.ts";
import { authoriseWrite, type WriteScope } from "./authorise-write.ts";
import { type Cached, prefetchParticipants, prefetchRecords, prefetchRubrics, type RecordCache } from "./push-reads.ts";
import { ApiError, rejectMessage } from "./errors.ts";
import type { DeviceEntity, NewAuditEntry, SeenMutation, Store, TxStore, VersionedPut } from "./store/store-types.ts";

export const MAX_STAMP_AHEAD_MS = 5 * 60 * 1000;

export const payloadHash = (mutation: MutationData): string => hash("sha256", canonicalJson(mutation), "hex");

type StoredResult = Omit<PushResult, "reason" | "serverRecord">;

/** One batch's state; `Context` adds what is derived from it once. */
type BatchState = {
  store: TxStore;
  device: DeviceEntity;
  member: Member | undefined;
  rubric: Rubric | undefined;
  /** Writes are accepted only while the edition is open (edition-lifecycle.ts). */
  editionOpen: boolean;
  now: number;
  /** The last stamp this batch was capped to: later mutations must still sort after it. */
  lastCapped: Stamp | null;
  records: RecordCache;
  /** Every participant the batch names, read up front; absent = does not exist. Reference rows do not change during a push. */
  participants: Map<string, Participant>;
  /** Every earlier rubric version the batch's scores name, read up front; undefined = the edition never had it. */
  rubrics: Map<number, Rubric | undefined>;
  /** The last state of every record the batch changed, by table and key, written before it commits (writeBatch). */
  writes: { [T in RecordTable]: Map<string, VersionedPut<T>> };
  /** Audit entries and seen rows of the batch, written together before it commits (writeBatch). */
  audit: NewAuditEntry[];
  seen: SeenMutation[];
};

type Context = BatchState & {
  /** What authorisation reads, built once per batch (see `scopeOf`). */
  scope: WriteScope;
};

/** A record the batch prefetched or wrote: every key a mutation can touch is prefetched (prefetchRecords). */
const cachedRecord = (ctx: BatchState, table: RecordTable, key: string): Cached | undefined => {
  const found = ctx.records[table].get(key);
  if (found === undefined) throw new Error(`push: ${table} ${key} was not prefetched`);
  return found ?? undefined;
};

/** The next stamp after `stamp` from the same node. */
const successor = (stamp: Stamp): Stamp => {
  const p = parseStamp(stamp);
  if (!p) throw new RangeError(`Not an HLC stamp: "${stamp}"`);
  return p.counter < MAX_COUNTER ? formatStamp(p.millis, p.counter + 1, p.node) : formatStamp(p.millis + 1, 0, p.node);
};

/**
 * Caps a stamp to server time + 5 minutes. A device's stamps only grow, so once one is
 * capped every later one in the batch is too; without care they would all collapse onto
 * the same bound and two edits of one field would tie. Keeping them strictly increasing
 * preserves the device's own order.
 */
const capInOrder = (ctx: Context, stamp: Stamp): Stamp => {
  const capped = capStamp(stamp, ctx.now, MAX_STAMP_AHEAD_MS);
  if (capped === stamp) return stamp;
  const ordered = ctx.lastCapped !== null && capped <= ctx.lastCapped ? successor(ctx.lastCapped) : capped;
  ctx.lastCapped = ordered;
  return ordered;
};

/** Built once per batch, not per mutation: it only reads the batch's context, and its closures cost an allocation each. */
const scopeOf = (ctx: BatchState): WriteScope => ({
  device: ctx.device,
  member: ctx.member,
  rubric: ctx.rubric,
  editionOpen: ctx.editionOpen,
  participant: (id) => ctx.participants.get(id),
  rubricAt: (version) => ctx.rubrics.get(version),
  sheetFinalised: (participantId) => {
    const key = sheetKey(ctx.device.editionId, participantId, ctx.device.memberId);
    return (cachedRecord(ctx, "sheets", key)?.record as SheetRecord | undefined)?.finalised === true;
  },
});

const scoreNeedsReview = (record: ScoreRecord, rubric: Rubric | undefined): boolean =>
  rubric !== undefined && checkScore(record, rubric).length > 0;

/**
 * What handling one mutation gave: its stored result, and whether the device's own
 * record already holds everything the server stored for it, so the reply can leave the
 * server's copy out (see `present`).
 */
type Handled = { result: StoredResult; deviceHasCopy: boolean };

const handleOne = async (ctx: Context, m: MutationData): Promise<Handled> => {
  const { store, device, now } = ctx;
  const verdict = authoriseWrite(ctx.scope, m);
  const current = cachedRecord(ctx, m.table, m.key);
  if (!verdict.ok) {
    // Kept for the coordinator; handled once per mutation id (mutations_seen), so a retry writes no second entry.
    ctx.audit.push({
      at: now,
      actorKind: "device",
      actorId: device.memberId,
      deviceId: device.id,
      editionId: device.editionId,
      table: m.table,
      key: m.key,
      field: Object.keys(m.changes).join(","),
      old: null,
      new: m.changes,
      mutationId: m.mutationId,
      version: null,
      refusedReason: verdict.reason,
    });
    const result: StoredResult = {
      mutationId: m.mutationId,
      status: "rejected",
      reasonCode: verdict.reason,
      ...(current ? { version: current.version } : {}),
    };
    return { result, deviceHasCopy: false };
  }
  const stamp = capInOrder(ctx, m.stamp);
  const capped = stamp === m.stamp ? m : { ...m, stamp };
  const outcome = applyMutation(current?.record, capped);
  if (outcome.changed.length === 0) {
    const result: StoredResult = {
      mutationId: m.mutationId,
      status: "conflict",
      ...(current ? { version: current.version } : {}),
    };
    return { result, deviceHasCopy: false };
  }
  const needsReview = m.table === "scores" ? scoreNeedsReview(outcome.record as ScoreRecord, ctx.rubric) : false;
  const version = await store.nextVersion();
  // The merge's record is a fresh object no one else holds: it takes its version in place rather than as a copy.
  outcome.record.version = version;
  ctx.records[m.table].set(m.key, { record: outcome.record, version, needsReview });
  const writes = ctx.writes[m.table] as Map<string, VersionedPut<RecordTable>>;
  // `existed` is whether the row was there before the batch: only its first write here can have created it.
  const existed = writes.get(m.key)?.existed ?? current !== undefined;
  writes.set(m.key, { record: outcome.record, version, needsReview, existed });
  for (const field of outcome.changed) {
    const old = shownValue(current?.record, field);
    const next = shownValue(outcome.record, field);
    // A newer stamp on the same value is not a change anyone needs to review.
    if (current && JSON.stringify(old) === JSON.stringify(next)) continue;
    ctx.audit.push({
      at: now,
      actorKind: "device",
      actorId: device.memberId,
      deviceId: device.id,
      editionId: m.identity.editionId,
      table: m.table,
      key: m.key,
      field,
      old,
      new: next,
      mutationId: m.mutationId,
      version,
    });
  }
  // Another tablet's value gave way to this one: its panelist is told on that tablet, this one on this.
  // (`overwritten` lists only fields whose shown value really changed: merge.ts compares their JSON.)
  const replaced = outcome.overwritten.flatMap((o) => {
    const by = parseStamp(o.previousStamp);
    if (!by || by.node === device.id) return [];
    return [{ field: o.field, previous: o.previousValue, byDeviceId: by.node, at: by.millis }];
  });
  const result: StoredResult = {
    mutationId: m.mutationId,
    status: "applied",
    version,
    ...(needsReview || verdict.needsReview ? { needsReview: true } : {}),
    ...(replaced.length > 0 ? { replaced } : {}),
  };
  // Every field won with the device's own stamp: the device wrote exactly these values and stamps itself.
  return { result, deviceHasCopy: capped.stamp === m.stamp && outcome.ignored.length === 0 };
};

/**
 * Adds the worded reason and the server's current copy; neither is stored, both are
 * derived again on replay. The copy is shown only when it is the device member's own:
 * a refused write to someone else's record must not reveal that record.
 *
 * A change applied as sent (`deviceHasCopy`: no field lost, stamp not capped) gets no
 * copy: the device already holds those values with those stamps, and whatever else the
 * server's record holds (another tablet of the same member) reaches it on the pull that
 * follows every push, which sends the member's changed records back, this one included.
 * Leaving it out is most of a push reply's size (a record per change). Every other
 * outcome, and every replay, carries the copy.
 */
const present = (
  ctx: Context,
  result: StoredResult,
  m: MutationData,
  locale: Locale,
  deviceHasCopy = false,
): PushResult => {
  const { device } = ctx;
  const stored = cachedRecord(ctx, m.table, m.key);
  const own = stored && stored.record.memberId === device.memberId && stored.record.editionId === device.editionId;
  const out: PushResult =
    deviceHasCopy && own ? { ...result } : { ...result, serverRecord: own ? stored.record : null };
  if (own) out.version = stored.version;
  else delete out.version;
  if (result.reasonCode) out.reason = rejectMessage(result.reasonCode, locale);
  if (own && stored.needsReview) out.needsReview = true;
  return out;
};

/** The batch's records (each in its last state), audit entries and seen rows, in the batch's transaction. */
const writeBatch = async (ctx: Context): Promise<void> => {
  const { records } = ctx.store;
  if (ctx.writes.scores.size > 0) await records.putMany("scores", [...ctx.writes.scores.values()]);
  if (ctx.writes.sheets.size > 0) await records.putMany("sheets", [...ctx.writes.sheets.values()]);
  if (ctx.writes.nominations.size > 0) await records.putMany("nominations", [...ctx.writes.nominations.values()]);
  await ctx.store.audit.appendMany(ctx.audit);
  await ctx.store.seen.insertMany(ctx.seen, ctx.now);
};

export type PushInput = {
  store: Store;
  device: DeviceEntity;
  mutations: MutationData[];
  now: number;
  locale: Locale;
  /** The device's outbox size as it sent the push: recorded in the push's own transaction (one commit). */
  pending?: number | undefined;
};

export const handlePush = async ({
  store,
  device,
  mutations,
  now,
  locale,
  pending,
}: PushInput): Promise<PushResponse> => {
  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const hashes = new Map<string, string>();
  for (const m of ordered) {
    const hash = payloadHash(m);
    const inBatch = hashes.get(m.mutationId);
    if (inBatch !== undefined && inBatch !== hash)
      throw new ApiError("mutation-id-reused", { mutationId: m.mutationId });
    hashes.set(m.mutationId, hash);
  }
  return store.tx((s) =>
    s.batchVersions(async () => {
      // Checked inside the transaction so a concurrent push cannot slip the same id in between.
      const seenBefore = await s.seen.getMany([...hashes.keys()]);
      for (const m of ordered) {
        const seen = seenBefore.get(m.mutationId);
        // Another device's id counts as reuse even with the same payload: its result is not this device's to see.
        if (seen && (seen.payloadHash !== hashes.get(m.mutationId) || seen.deviceId !== device.id))
          throw new ApiError("mutation-id-reused", { mutationId: m.mutationId });
      }
      const rubric = (await s.editions.getRubric(device.editionId))?.rubric;
      const state: BatchState = {
        store: s,
        device,
        member: await s.references.get("members", device.editionId, device.memberId),
        rubric,
        editionOpen: acceptsScores((await s.editions.get(device.editionId))?.edition ?? { state: "closed" }),
        now,
        lastCapped: null,
        records: await prefetchRecords(s, ordered),
        participants: await prefetchParticipants(s, device.editionId, ordered),
        rubrics: await prefetchRubrics(s, device.editionId, rubric, ordered),
        writes: { scores: new Map(), sheets: new Map(), nominations: new Map() },
        audit: [],
        seen: [],
      };
      const ctx: Context = Object.assign(state, { scope: scopeOf(state) });
      // Results handled earlier in this batch: the same id twice is a duplicate of the first, as on a retry.
      const handled = new Map<string, StoredResult>();
      const results: PushResult[] = [];
      let maxSeq = 0;
      for (const m of ordered) {
        maxSeq = Math.max(maxSeq, m.seq);
        const earlier = seenBefore.get(m.mutationId);
        const original = handled.get(m.mutationId) ?? (earlier && (JSON.parse(earlier.resultJson) as StoredResult));
        if (original) {
          const { status, ...rest } = original;
          const replay: StoredResult = { ...rest, status: "duplicate" };
          if (status !== "duplicate") replay.originalStatus = status;
          results.push(present(ctx, replay, m, locale));
          continue;
        }
        const { result, deviceHasCopy } = await handleOne(ctx, m);
        handled.set(m.mutationId, result);
        ctx.seen.push({
          mutationId: m.mutationId,
          deviceId: device.id,
          payloadHash: hashes.get(m.mutationId) ?? "",
          resultJson: JSON.stringify(result),
        });
        results.push(present(ctx, result, m, locale, deviceHasCopy));
      }
      await writeBatch(ctx);
      await s.devices.recordSeq(device.id, maxSeq, now);
      if (pending !== undefined) await s.devices.reportPending(device.id, pending, now);
      const lastSeq = (await s.devices.byId(device.id))?.lastSeq ?? maxSeq;
      return { results, serverTime: now, lastSeq };
    }),
  );
};
