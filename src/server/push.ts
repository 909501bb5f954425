/*
 * Handling of one push. Invariants:
 * - The whole batch is handled in ONE transaction, in seq order; the response is
 *   sent only after commit, so an acknowledged mutation is durable.
 * - A mutation id is handled at most once: its result is stored in mutations_seen,
 *   a replay with the same payload gets that result back as "duplicate" and does
 *   nothing; a replay with a different payload refuses the whole request (409).
 * - Every mutation that passes schema validation is handled: applied, conflict or
 *   rejected (with the server's copy), and all three count towards last_seq, so one
 *   refused change never blocks the outbox behind it.
 * - Stamps are capped to the server clock + 5 minutes before merging, so a tablet
 *   with a clock days ahead cannot win every later edit.
 */
import { createHash } from "node:crypto";
import { capStamp, formatStamp, MAX_COUNTER, parseStamp } from "../domain/hlc.ts";
import { applyMutation, recordFromMutation } from "../domain/merge.ts";
import type { MutationData, ScoreMutationData } from "../domain/schemas.ts";
import { checkScore } from "../domain/schemas.ts";
import { sheetKey } from "../domain/keys.ts";
import type { Locale, Member, Rubric, ScoreRecord, Stamp } from "../domain/types.ts";
import type { PushResponse, PushResult, RejectReason, SyncRecord } from "../protocol/wire.ts";
import { ApiError, rejectMessage } from "./errors.ts";
import type { DeviceEntity, Store } from "./store/store.ts";

export const MAX_STAMP_AHEAD_MS = 5 * 60 * 1000;

const SCORING_ROLES: ReadonlySet<Member["role"]> = new Set(["ketua", "anggota", "technical"]);
const NOMINATING_ROLES: ReadonlySet<Member["role"]> = new Set(["ketua", "anggota"]);

/** Key order fixed by sorting, so the hash does not depend on how the client serialised. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};

export const payloadHash = (mutation: MutationData): string =>
  createHash("sha256").update(canonical(mutation)).digest("hex");

type StoredResult = Omit<PushResult, "reason" | "serverRecord">;

type Context = {
  store: Store;
  device: DeviceEntity;
  member: Member | undefined;
  rubric: Rubric | undefined;
  now: number;
  /** The last stamp this batch was capped to: later mutations must still sort after it. */
  lastCapped: Stamp | null;
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

type Verdict = { ok: true; needsReview: boolean } | { ok: false; reason: RejectReason };

const isAssigned = (member: Member, componentId: string, participantId: string): boolean =>
  member.assignments.some((a) => a.componentId === componentId && a.participantIds.includes(participantId));

const isAssignedAnywhere = (member: Member, participantId: string): boolean =>
  member.assignments.some((a) => a.participantIds.includes(participantId));

const sheetFinalised = (store: Store, editionId: string, participantId: string, memberId: string): boolean => {
  const sheet = store.records.get("sheets", sheetKey(editionId, participantId, memberId));
  return sheet?.record.finalised === true;
};

const authoriseScore = (ctx: Context, m: ScoreMutationData, member: Member): Verdict => {
  const { rubric } = ctx;
  if (!rubric) return { ok: false, reason: "unknown-indicator" };
  if (m.identity.rubricVersion > rubric.version) return { ok: false, reason: "rubric-version-ahead" };
  const older = m.identity.rubricVersion < rubric.version;
  const componentExists = rubric.components.some((c) => c.id === m.identity.componentId);
  const assigned =
    isAssigned(member, m.identity.componentId, m.identity.participantId) ||
    // A component deleted from the rubric may have taken the assignment with it; the score is kept for review.
    (older && !componentExists && isAssignedAnywhere(member, m.identity.participantId));
  if (!assigned) return { ok: false, reason: "not-assigned" };
  const problems = checkScore(recordFromMutation(m), rubric);
  if (problems.length === 0) return { ok: true, needsReview: false };
  if (older) return { ok: true, needsReview: true };
  const indicatorExists = rubric.components.some((c) => c.indicators.some((i) => i.id === m.identity.indicatorId));
  return { ok: false, reason: indicatorExists ? "invalid-grade" : "unknown-indicator" };
};

const authorise = (ctx: Context, m: MutationData): Verdict => {
  const { store, device, member } = ctx;
  if (m.deviceId !== device.id) return { ok: false, reason: "wrong-device" };
  if (m.identity.editionId !== device.editionId) return { ok: false, reason: "wrong-edition" };
  if (m.identity.memberId !== device.memberId) return { ok: false, reason: "not-own-record" };
  if (!member) return { ok: false, reason: "unknown-member" };
  const participant = store.editions.getParticipant(device.editionId, m.identity.participantId);
  if (!participant) return { ok: false, reason: "unknown-participant" };
  if (m.table === "nominations") {
    if (!NOMINATING_ROLES.has(member.role)) return { ok: false, reason: "role-cannot-write" };
    if (participant.role === "observer") return { ok: false, reason: "observer-participant" };
    return { ok: true, needsReview: false };
  }
  if (!SCORING_ROLES.has(member.role)) return { ok: false, reason: "role-cannot-write" };
  if (m.table === "sheets") {
    if (!isAssignedAnywhere(member, m.identity.participantId)) return { ok: false, reason: "not-assigned" };
    const reaffirmsFinal = m.changes.finalised === true && Object.keys(m.changes).length === 1;
    if (!reaffirmsFinal && sheetFinalised(store, m.identity.editionId, m.identity.participantId, member.id))
      return { ok: false, reason: "sheet-finalised" };
    return { ok: true, needsReview: false };
  }
  const verdict = authoriseScore(ctx, m, member);
  if (verdict.ok && sheetFinalised(store, m.identity.editionId, m.identity.participantId, member.id))
    return { ok: false, reason: "sheet-finalised" };
  return verdict;
};

/** The user-facing value of a field, as the audit log shows it. */
const shownValue = (record: SyncRecord | undefined, field: string): unknown => {
  if (!record) return null;
  if (field === "grade") {
    const s = record as ScoreRecord;
    return { level: s.level, points: s.points };
  }
  return (record as unknown as Record<string, unknown>)[field] ?? null;
};

const scoreNeedsReview = (record: ScoreRecord, rubric: Rubric | undefined): boolean =>
  rubric !== undefined && checkScore(record, rubric).length > 0;

const handleOne = (ctx: Context, m: MutationData): StoredResult => {
  const { store, device, now } = ctx;
  const verdict = authorise(ctx, m);
  const current = store.records.get(m.table, m.key);
  if (!verdict.ok) {
    return {
      mutationId: m.mutationId,
      status: "rejected",
      reasonCode: verdict.reason,
      ...(current ? { version: current.version } : {}),
    };
  }
  const capped = { ...m, stamp: capInOrder(ctx, m.stamp) };
  const outcome = applyMutation(current?.record, capped);
  if (outcome.changed.length === 0) {
    return { mutationId: m.mutationId, status: "conflict", ...(current ? { version: current.version } : {}) };
  }
  const needsReview = m.table === "scores" ? scoreNeedsReview(outcome.record as ScoreRecord, ctx.rubric) : false;
  const version = store.records.put(m.table, outcome.record, needsReview);
  for (const field of outcome.changed) {
    const old = shownValue(current?.record, field);
    const next = shownValue(outcome.record, field);
    // A newer stamp on the same value is not a change anyone needs to review.
    if (current && JSON.stringify(old) === JSON.stringify(next)) continue;
    store.audit.append({
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
  return {
    mutationId: m.mutationId,
    status: "applied",
    version,
    ...(needsReview || verdict.needsReview ? { needsReview: true } : {}),
  };
};

/**
 * Adds the worded reason and the server's current copy; neither is stored, both are
 * derived again on replay. The copy is shown only when it is the device member's own:
 * a refused write to someone else's record must not reveal that record.
 */
const present = (
  store: Store,
  device: DeviceEntity,
  result: StoredResult,
  m: MutationData,
  locale: Locale,
): PushResult => {
  const stored = store.records.get(m.table, m.key);
  const own = stored && stored.record.memberId === device.memberId && stored.record.editionId === device.editionId;
  const out: PushResult = { ...result, serverRecord: own ? stored.record : null };
  if (own) out.version = stored.version;
  else delete out.version;
  if (result.reasonCode) out.reason = rejectMessage(result.reasonCode, locale);
  if (own && stored.needsReview) out.needsReview = true;
  return out;
};

export type PushInput = {
  store: Store;
  device: DeviceEntity;
  mutations: MutationData[];
  now: number;
  locale: Locale;
};

export const handlePush = ({ store, device, mutations, now, locale }: PushInput): PushResponse => {
  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const hashes = new Map<string, string>();
  for (const m of ordered) {
    const hash = payloadHash(m);
    const inBatch = hashes.get(m.mutationId);
    if (inBatch !== undefined && inBatch !== hash)
      throw new ApiError("mutation-id-reused", { mutationId: m.mutationId });
    hashes.set(m.mutationId, hash);
  }
  return store.tx(() => {
    // Checked inside the transaction so a concurrent push cannot slip the same id in between.
    for (const m of ordered) {
      const seen = store.seen.get(m.mutationId);
      // Another device's id counts as reuse even with the same payload: its result is not this device's to see.
      if (seen && (seen.payloadHash !== hashes.get(m.mutationId) || seen.deviceId !== device.id))
        throw new ApiError("mutation-id-reused", { mutationId: m.mutationId });
    }
    const member = store.editions.getMember(device.editionId, device.memberId);
    const rubric = store.editions.getRubric(device.editionId)?.rubric;
    const ctx: Context = { store, device, member, rubric, now, lastCapped: null };
    const results: PushResult[] = [];
    let maxSeq = 0;
    for (const m of ordered) {
      maxSeq = Math.max(maxSeq, m.seq);
      const seen = store.seen.get(m.mutationId);
      if (seen) {
        const original = JSON.parse(seen.resultJson) as StoredResult;
        const { status, ...rest } = original;
        const replay: StoredResult = { ...rest, status: "duplicate" };
        if (status !== "duplicate") replay.originalStatus = status;
        results.push(present(store, device, replay, m, locale));
        continue;
      }
      const result = handleOne(ctx, m);
      store.seen.insert(
        {
          mutationId: m.mutationId,
          deviceId: device.id,
          payloadHash: hashes.get(m.mutationId) ?? "",
          resultJson: JSON.stringify(result),
        },
        now,
      );
      results.push(present(store, device, result, m, locale));
    }
    store.devices.recordSeq(device.id, maxSeq, now);
    const lastSeq = store.devices.byId(device.id)?.lastSeq ?? maxSeq;
    return { results, serverTime: now, lastSeq };
  });
};
