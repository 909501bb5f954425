/*
 * Wire types of the coordinator's set-up and running-the-day routes: edition states,
 * copies, schedule and attendance, recusals, the live board and the audit filter.
 * Kept apart from `wire.ts` (the sync protocol) because tablets never send these.
 */
import * as v from "valibot";
import type { BoardGrid } from "../domain/board.ts";
import { EDITION_STATES } from "../domain/edition-lifecycle.ts";
import { identity, isoDate, shortText } from "../domain/schema-core.ts";
import type { Attendance, EditionSchedule, EditionState } from "../domain/types.ts";
import type { DeviceInfo } from "./wire.ts";

export type StateChangeRequest = { to: EditionState };

export const StateChangeSchema = v.object({ to: v.picklist(EDITION_STATES) });

export type StateChangeResponse = { editionId: string; state: EditionState; version: number };

export type CopyEditionRequest = { id: string; year: number };

export const CopyEditionSchema = v.object({
  id: v.pipe(identity(), v.regex(/^[A-Za-z0-9_-]+$/)),
  year: v.pipe(v.number(), v.integer(), v.minValue(2018), v.maxValue(2100)),
});

const AttendanceSchema = v.picklist(["room", "remote"] as const satisfies readonly Attendance[]);

export const ScheduleSchema = v.object({
  editionId: identity(),
  slots: v.pipe(
    v.array(
      v.object({
        participantId: identity(),
        order: v.pipe(v.number(), v.integer(), v.minValue(1)),
        date: v.union([v.literal(""), isoDate()]),
        time: shortText(),
        room: shortText(),
      }),
    ),
    v.maxLength(1000),
  ),
  currentParticipantId: v.nullable(identity()),
  participantAttendance: v.record(identity(), AttendanceSchema),
  memberAttendance: v.record(identity(), AttendanceSchema),
}) satisfies v.GenericSchema<unknown, EditionSchedule>;

export type ScheduleResponse = { schedule: EditionSchedule; version: number };

export type RecusalRequest = { recused: boolean; reason: string };

export const RecusalSchema = v.object({
  recused: v.boolean(),
  reason: v.pipe(v.string(), v.trim(), v.maxLength(500)),
});

export type BoardDevice = DeviceInfo & { attendance: Attendance };

export type BoardResponse = {
  editionId: string;
  state: EditionState;
  /** Server version the board was computed at; `?since=` equal to it answers `{ unchanged: true }`. */
  version: number;
  generatedAt: number;
  grid: BoardGrid;
  devices: BoardDevice[];
  currentParticipantId: string | null;
};

export type BoardUnchanged = { unchanged: true; version: number; generatedAt: number };

export type AuditFilter = {
  member?: string;
  participant?: string;
  device?: string;
  from?: number;
  to?: number;
};
