/*
 * The assignment matrix: members × components. A cell is "all" when the member scores
 * that component for every assessed participant, "none" when for nobody, and "some"
 * when per-participant exceptions were made. Observers (peninjau) are assigned like
 * any participant when ticked one by one, but "all" means every *assessed* one, since
 * they are never ranked. An assignment never names a participant the edition lacks.
 */
import type { Assignment, Member, Participant } from "./types.ts";

export type MatrixCell = "all" | "some" | "none";

const idsFor = (member: Member, componentId: string): string[] =>
  member.assignments.find((a) => a.componentId === componentId)?.participantIds ?? [];

const withIds = (member: Member, componentId: string, ids: string[]): Member => {
  const rest = member.assignments.filter((a) => a.componentId !== componentId);
  const assignments: Assignment[] =
    ids.length === 0
      ? rest
      : [...rest, { componentId, participantIds: ids }].sort((a, b) => a.componentId.localeCompare(b.componentId));
  return { ...member, assignments };
};

const assessedIds = (participants: readonly Participant[]): string[] =>
  participants.filter((p) => p.role === "assessed").map((p) => p.id);

export const isAssigned = (member: Member, componentId: string, participantId: string): boolean =>
  idsFor(member, componentId).includes(participantId);

export const matrixCell = (member: Member, componentId: string, participants: readonly Participant[]): MatrixCell => {
  const ids = new Set(idsFor(member, componentId));
  if (ids.size === 0) return "none";
  const assessed = assessedIds(participants);
  return assessed.length > 0 && assessed.every((id) => ids.has(id)) && ids.size === assessed.length ? "all" : "some";
};

/** One tap on a matrix cell: all assessed participants, or none. */
export const setCell = (
  member: Member,
  componentId: string,
  on: boolean,
  participants: readonly Participant[],
): Member => withIds(member, componentId, on ? assessedIds(participants) : []);

/** A per-participant exception inside a cell. */
export const setException = (member: Member, componentId: string, participantId: string, on: boolean): Member => {
  const ids = idsFor(member, componentId).filter((id) => id !== participantId);
  return withIds(member, componentId, on ? [...ids, participantId] : ids);
};

/** Drops assignments to participants and components the edition no longer has. */
export const pruneAssignments = (
  member: Member,
  participantIds: ReadonlySet<string>,
  componentIds: ReadonlySet<string>,
): Member => ({
  ...member,
  assignments: member.assignments
    .filter((a) => componentIds.has(a.componentId))
    .map((a) => ({ ...a, participantIds: a.participantIds.filter((id) => participantIds.has(id)) }))
    .filter((a) => a.participantIds.length > 0),
});
