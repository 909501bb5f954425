/*
 * Copying an edition keeps its rubric (as version 1 of a new rubric with the same
 * indicator ids and codes), settings, participants with their ranking groups, panel
 * and assignments; it clears every score, sheet and nomination, starts in draft, and
 * remembers its source so feedback can compare with the earlier year. Participant and
 * member ids are kept: they are scoped by edition, and keeping them lets "last year"
 * be found by id as well as by region code.
 */
import type { Edition, EditionSchedule, Member, Participant, Rubric } from "./types.ts";

export type EditionSetup = {
  edition: Edition;
  rubric: Rubric;
  participants: Participant[];
  members: Member[];
};

export type CopyOptions = {
  id: string;
  year: number;
  periodAssessed?: string;
  title?: Edition["title"];
  startDate?: string;
  endDate?: string;
};

/** The marker a sample edition's title ends with ("(contoh)", "(sample)"); a copy is a real edition, so it goes. */
const SAMPLE_MARKER = / \((contoh|sample)\)$/;

/**
 * Replaces the year in a title ("… Tahun 2021" → "… Tahun 2022"), or leaves it alone; a copy of a sample edition
 * drops the sample marker, since the copy is not sample data (`isSample: false`).
 */
const retitle = (text: string, from: number, to: number, fromSample: boolean): string => {
  const renamed = text.split(String(from)).join(String(to));
  return fromSample ? renamed.replace(SAMPLE_MARKER, "") : renamed;
};

export const copyEdition = (source: EditionSetup, options: CopyOptions): EditionSetup => {
  const { edition } = source;
  const id = options.id;
  const shift = options.year - edition.year;
  const period = /^\d{4}$/.test(edition.periodAssessed)
    ? String(Number(edition.periodAssessed) + shift)
    : edition.periodAssessed;
  const title = options.title ?? {
    id: retitle(edition.title.id, edition.year, options.year, edition.isSample),
    ...(edition.title.en ? { en: retitle(edition.title.en, edition.year, options.year, edition.isSample) } : {}),
  };
  const copy: Edition = {
    ...edition,
    id,
    year: options.year,
    periodAssessed: options.periodAssessed ?? period,
    title,
    startDate:
      options.startDate ?? edition.startDate.replace(/^\d{4}/, String(Number(edition.startDate.slice(0, 4)) + shift)),
    endDate: options.endDate ?? edition.endDate.replace(/^\d{4}/, String(Number(edition.endDate.slice(0, 4)) + shift)),
    rubricId: `rubric-${id}`,
    isSample: false,
    state: "draft",
    sourceEditionId: edition.id,
    settings: structuredClone(edition.settings),
    ...(edition.schedule ? { schedule: copySchedule(edition.schedule, id) } : {}),
  };
  return {
    edition: copy,
    rubric: { ...structuredClone(source.rubric), id: copy.rubricId, editionId: id, version: 1, isTemplate: false },
    participants: source.participants.map((p) => ({ ...p, editionId: id })),
    members: source.members.map((m) => ({ ...structuredClone(m), editionId: id })),
  };
};

/** The schedule's order and rooms carry over; dates, the current presenter and attendance do not. */
export const copySchedule = (schedule: EditionSchedule, editionId: string): EditionSchedule => ({
  editionId,
  slots: schedule.slots.map((s) => ({ ...s, date: "" })),
  currentParticipantId: null,
  participantAttendance: {},
  memberAttendance: {},
});
