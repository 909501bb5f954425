/*
 * The running order of the day. Orders are unique and 1-based; the slots' order is
 * what the panelist's district list follows; the current presenter is one of the
 * scheduled participants or nobody, and advancing walks the order without skipping.
 */
import type { Attendance, EditionSchedule, Participant, ScheduleSlot } from "./types.ts";

export const emptySchedule = (editionId: string): EditionSchedule => ({
  editionId,
  slots: [],
  currentParticipantId: null,
  participantAttendance: {},
  memberAttendance: {},
});

export const sortedSlots = (schedule: EditionSchedule): ScheduleSlot[] =>
  [...schedule.slots].sort((a, b) => a.order - b.order);

/** Participants in presentation order; unscheduled ones follow, by name, so nobody disappears. */
export const participantsInOrder = <P extends Pick<Participant, "id" | "name">>(
  participants: readonly P[],
  schedule: EditionSchedule | null,
): P[] => {
  const rank = new Map((schedule ? sortedSlots(schedule) : []).map((s, i) => [s.participantId, i] as const));
  return [...participants].sort((a, b) => {
    const ra = rank.get(a.id) ?? Number.POSITIVE_INFINITY;
    const rb = rank.get(b.id) ?? Number.POSITIVE_INFINITY;
    return ra === rb ? a.name.localeCompare(b.name, "id") : ra - rb;
  });
};

export type PresenterStatus = "presenting" | "next" | null;

export const presenterStatus = (schedule: EditionSchedule | null, participantId: string): PresenterStatus => {
  if (!schedule) return null;
  const slots = sortedSlots(schedule);
  const current = slots.findIndex((s) => s.participantId === schedule.currentParticipantId);
  if (current >= 0 && slots[current]?.participantId === participantId) return "presenting";
  const next = slots[current + 1];
  return next?.participantId === participantId && (current >= 0 || schedule.currentParticipantId === null)
    ? "next"
    : null;
};

/** One tap: the next scheduled participant presents; after the last, nobody does. */
export const advancePresenter = (schedule: EditionSchedule): EditionSchedule => {
  const slots = sortedSlots(schedule);
  const current = slots.findIndex((s) => s.participantId === schedule.currentParticipantId);
  return { ...schedule, currentParticipantId: slots[current + 1]?.participantId ?? null };
};

/** Renumbers 1…n in the given participant order, keeping each slot's date, time and room. */
export const reorderSlots = (schedule: EditionSchedule, participantIds: readonly string[]): EditionSchedule => {
  const byId = new Map(schedule.slots.map((s) => [s.participantId, s] as const));
  const slots = participantIds.map((participantId, i) => ({
    ...(byId.get(participantId) ?? { participantId, date: "", time: "", room: "" }),
    participantId,
    order: i + 1,
  }));
  const current = slots.some((s) => s.participantId === schedule.currentParticipantId)
    ? schedule.currentParticipantId
    : null;
  return { ...schedule, slots, currentParticipantId: current };
};

export type ScheduleProblem =
  | { kind: "duplicate-order"; participantId: string; order: number }
  | { kind: "duplicate-participant"; participantId: string }
  | { kind: "unknown-participant"; participantId: string }
  | { kind: "room-clash"; participantId: string; otherId: string };

/** What stops the schedule from being saved; a room clash is two participants in one room at one date and time. */
export const scheduleProblems = (schedule: EditionSchedule, participantIds: ReadonlySet<string>): ScheduleProblem[] => {
  const problems: ScheduleProblem[] = [];
  const orders = new Map<number, string>();
  const seen = new Set<string>();
  const places = new Map<string, string>();
  for (const s of schedule.slots) {
    if (!participantIds.has(s.participantId))
      problems.push({ kind: "unknown-participant", participantId: s.participantId });
    if (seen.has(s.participantId)) problems.push({ kind: "duplicate-participant", participantId: s.participantId });
    seen.add(s.participantId);
    if (orders.has(s.order)) problems.push({ kind: "duplicate-order", participantId: s.participantId, order: s.order });
    orders.set(s.order, s.participantId);
    if (s.date && s.time && s.room) {
      const place = `${s.date}|${s.time}|${s.room.trim().toLowerCase()}`;
      const other = places.get(place);
      if (other) problems.push({ kind: "room-clash", participantId: s.participantId, otherId: other });
      places.set(place, s.participantId);
    }
  }
  return problems;
};

export const attendanceOf = (map: Record<string, Attendance>, id: string): Attendance => map[id] ?? "room";
