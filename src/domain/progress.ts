/*
 * What a member has to score for a participant, and how far they are. A cell
 * counts as scored only when its grade is set: a note alone is not a score.
 */
import { participantsInOrder } from "./schedule.ts";
import type {
  EditionSchedule,
  Indicator,
  Member,
  Participant,
  Rubric,
  RubricComponent,
  ScoreRecord,
  SheetRecord,
} from "./types.ts";

export type AssignedComponent = { component: RubricComponent; indicators: Indicator[] };

export type SheetProgress = {
  participant: Participant;
  scored: number;
  total: number;
  finalised: boolean;
  recused: boolean;
};

export const assignedComponents = (rubric: Rubric, member: Member, participantId: string): AssignedComponent[] =>
  rubric.components
    .filter((component) =>
      member.assignments.some((a) => a.componentId === component.id && a.participantIds.includes(participantId)),
    )
    .map((component) => ({ component, indicators: component.indicators }));

/** The member's districts in presentation order: the day's schedule when there is one, else `order`, then name. */
export const assignedParticipants = (
  member: Member,
  participants: Participant[],
  schedule?: EditionSchedule,
): Participant[] => {
  const ids = new Set(member.assignments.flatMap((a) => a.participantIds));
  if (schedule && schedule.slots.length > 0)
    return participantsInOrder(
      participants.filter((p) => ids.has(p.id)),
      schedule,
    );
  return participants
    .filter((p) => ids.has(p.id))
    .sort(
      (a, b) =>
        (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name),
    );
};

export const isGraded = (score: ScoreRecord | undefined): boolean =>
  score !== undefined && (score.level !== null || score.points !== null);

export const sheetProgress = (
  rubric: Rubric,
  member: Member,
  participant: Participant,
  scoresByIndicator: ReadonlyMap<string, ScoreRecord>,
  sheet: SheetRecord | undefined,
): SheetProgress => {
  const indicators = assignedComponents(rubric, member, participant.id).flatMap((c) => c.indicators);
  const scored = indicators.filter((i) => isGraded(scoresByIndicator.get(i.id))).length;
  return {
    participant,
    scored,
    total: indicators.length,
    finalised: sheet?.finalised ?? false,
    recused: sheet?.recused ?? false,
  };
};

export const missingIndicators = (
  rubric: Rubric,
  member: Member,
  participantId: string,
  scoresByIndicator: ReadonlyMap<string, ScoreRecord>,
): Array<{ component: RubricComponent; indicator: Indicator }> =>
  assignedComponents(rubric, member, participantId).flatMap(({ component, indicators }) =>
    indicators.filter((i) => !isGraded(scoresByIndicator.get(i.id))).map((indicator) => ({ component, indicator })),
  );
