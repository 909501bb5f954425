/*
 * Wire types of the coordinator's set-up and running-the-day routes: edition states,
 * copies, schedule and attendance, recusals, the live board and the audit filter.
 * Kept apart from `wire.ts` (the sync protocol) because tablets never send these.
 */
import * as v from "valibot";
import type { BoardGrid } from "../domain/board.ts";
import { EDITION_STATES } from "../domain/edition-lifecycle.ts";
import { identity } from "../domain/schema-core.ts";
import type { Attendance, EditionSchedule, EditionState } from "../domain/types.ts";
import type { AuditEntryInfo, DeviceInfo } from "./wire.ts";

export type StateChangeRequest = { to: EditionState };

export const StateChangeSchema = v.object({ to: v.picklist(EDITION_STATES) });

export type StateChangeResponse = { editionId: string; state: EditionState; version: number };

export type CopyEditionRequest = { id: string; year: number };

export const CopyEditionSchema = v.object({
  id: v.pipe(identity(), v.regex(/^[A-Za-z0-9_-]+$/)),
  year: v.pipe(v.number(), v.integer(), v.minValue(2018), v.maxValue(2100)),
});

export { ScheduleSchema } from "../domain/reference-schemas.ts";

export type ScheduleResponse = { schedule: EditionSchedule; version: number };

export type RecusalRequest = { recused: boolean; reason: string };

export const RecusalSchema = v.object({
  recused: v.boolean(),
  reason: v.pipe(v.string(), v.trim(), v.maxLength(500)),
});

/** `refused`: how many of the tablet's changes the server refused (they are in the audit log). */
export type BoardDevice = DeviceInfo & { attendance: Attendance; refused: number };

export type BoardResponse = {
  editionId: string;
  state: EditionState;
  /** Digest of everything below; `?since=` equal to it answers `{ unchanged: true }` (cheap polling). */
  etag: string;
  generatedAt: number;
  grid: BoardGrid;
  devices: BoardDevice[];
  currentParticipantId: string | null;
};

export type BoardUnchanged = { unchanged: true; etag: string; generatedAt: number };

export const BoardQuerySchema = v.object({ since: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{1,64}$/))) });

export const AuditSearchSchema = v.object({
  member: v.optional(identity()),
  participant: v.optional(identity()),
  device: v.optional(identity()),
  from: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  to: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  /** "1": only changes the server refused. */
  refused: v.optional(v.picklist(["1"])),
});

export type AuditSearchResponse = { entries: AuditEntryInfo[]; total: number };
