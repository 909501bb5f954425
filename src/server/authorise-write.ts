/*
 * The one authorisation path for a tablet's write (score, sheet or nomination).
 * Invariant: a mutation is applied only when every check passes, in this order —
 * device, edition, edition open, own record, member, role for the table, participant, target
 * (a score's component and indicator in the rubric version the mutation names,
 * with a grade that fits it; a sheet's or nomination's participant among the
 * member's assignments), and the member's sheet for that participant not final.
 * Anything that cannot be checked (an unknown rubric version) is refused, never stored.
 */
import type { MutationData, ScoreMutationData } from "../domain/schemas.ts";
import { checkScore } from "../domain/schemas.ts";
import type { Member, Participant, Rubric } from "../domain/types.ts";
import type { RecordTable, RejectReason } from "../protocol/wire.ts";
import type { DeviceEntity } from "./store/store-types.ts";

export type Verdict = { ok: true; needsReview: boolean } | { ok: false; reason: RejectReason };

/**
 * What the checks read; the push reads it for the whole batch before the first check
 * (push.ts), so every check is synchronous: no await per change.
 */
export type WriteScope = {
  device: DeviceEntity;
  member: Member | undefined;
  /** The edition's current rubric. */
  rubric: Rubric | undefined;
  /** False while the edition is a draft, closed or published: nothing is written then. */
  editionOpen: boolean;
  participant(id: string): Participant | undefined;
  /** The rubric as it was at `version`; undefined when the edition never had it. */
  rubricAt(version: number): Rubric | undefined;
  /** Whether the device member's sheet for the participant is finalised. */
  sheetFinalised(participantId: string): boolean;
};

const WRITING_ROLES: Record<RecordTable, ReadonlySet<Member["role"]>> = {
  scores: new Set(["ketua", "anggota", "technical"]),
  sheets: new Set(["ketua", "anggota", "technical"]),
  nominations: new Set(["ketua", "anggota"]),
};

const refuse = (reason: RejectReason): Verdict => ({ ok: false, reason });

const isAssigned = (member: Member, componentId: string, participantId: string): boolean =>
  member.assignments.some((a) => a.componentId === componentId && a.participantIds.includes(participantId));

const isAssignedAnywhere = (member: Member, participantId: string): boolean =>
  member.assignments.some((a) => a.participantIds.includes(participantId));

const scoreTarget = (scope: WriteScope, m: ScoreMutationData, member: Member): Verdict => {
  const current = scope.rubric;
  if (!current) return refuse("unknown-indicator");
  const { rubricVersion, componentId, indicatorId, participantId } = m.identity;
  if (rubricVersion > current.version) return refuse("rubric-version-ahead");
  const older = rubricVersion < current.version;
  const named = older ? scope.rubricAt(rubricVersion) : current;
  if (!named) return refuse("rubric-version-unknown");
  const assigned =
    isAssigned(member, componentId, participantId) ||
    // A component deleted from the rubric since may have taken the assignment with it; the score is kept for review.
    (older && !current.components.some((c) => c.id === componentId) && isAssignedAnywhere(member, participantId));
  if (!assigned) return refuse("not-assigned");
  // The grade the change would store (none = the defaults, as in the record it would create), not a whole record.
  const grade = {
    componentId,
    indicatorId,
    level: m.changes.grade?.level ?? null,
    points: m.changes.grade?.points ?? null,
  };
  if (checkScore(grade, named).length === 0) return { ok: true, needsReview: false };
  const indicatorExists = named.components.some((c) => c.indicators.some((i) => i.id === indicatorId));
  return refuse(indicatorExists ? "invalid-grade" : "unknown-indicator");
};

export const authoriseWrite = (scope: WriteScope, m: MutationData): Verdict => {
  const { device, member } = scope;
  if (m.deviceId !== device.id) return refuse("wrong-device");
  if (m.identity.editionId !== device.editionId) return refuse("wrong-edition");
  if (!scope.editionOpen) return refuse("edition-not-open");
  if (m.identity.memberId !== device.memberId) return refuse("not-own-record");
  if (!member) return refuse("unknown-member");
  if (!WRITING_ROLES[m.table].has(member.role)) return refuse("role-cannot-write");
  const participant = scope.participant(m.identity.participantId);
  if (!participant) return refuse("unknown-participant");
  let verdict: Verdict;
  if (m.table === "scores") verdict = scoreTarget(scope, m, member);
  else if (m.table === "nominations" && participant.role === "observer") verdict = refuse("observer-participant");
  else if (!isAssignedAnywhere(member, m.identity.participantId)) verdict = refuse("not-assigned");
  else verdict = { ok: true, needsReview: false };
  if (!verdict.ok) return verdict;
  // Re-sending "final" for a final sheet is harmless (a retry after a lost answer); anything else waits for a reopen.
  const reaffirmsFinal = m.table === "sheets" && m.changes.finalised === true && Object.keys(m.changes).length === 1;
  if (!reaffirmsFinal && scope.sheetFinalised(m.identity.participantId)) return refuse("sheet-finalised");
  return verdict;
};
