/*
 * A mutation is the unit that travels from a device's outbox to the server.
 * It names the changed stamp-fields only (never whole records), so two devices
 * editing different fields of one record both win, and a replay of the same
 * mutation id is recognisable as a duplicate.
 */
import type { AwardCategory, Stamp } from "../domain/types.ts";

export const PROTOCOL_VERSION = 1;

export type Grade = { level: string | null; points: number | null };

export type ScoreMutation = {
  table: "scores";
  identity: {
    editionId: string;
    participantId: string;
    componentId: string;
    indicatorId: string;
    memberId: string;
    rubricVersion: number;
  };
  changes: { grade?: Grade; note?: string };
};

export type SheetMutation = {
  table: "sheets";
  identity: { editionId: string; participantId: string; memberId: string };
  changes: {
    strengths?: string;
    recommendations?: string;
    recused?: boolean;
    recusalReason?: string;
    finalised?: boolean;
  };
};

export type NominationMutation = {
  table: "nominations";
  identity: { editionId: string; participantId: string; memberId: string; category: AwardCategory };
  changes: { nominated?: boolean; reason?: string };
};

export type MutationBody = ScoreMutation | SheetMutation | NominationMutation;

export type MutationTable = MutationBody["table"];

export type Mutation = MutationBody & {
  /** Random, unique per mutation: the idempotency key. */
  mutationId: string;
  deviceId: string;
  /** Per-device, strictly increasing from 1. */
  seq: number;
  /** The record key (`scoreKey` / `sheetKey` / `nominationKey` of the identity). */
  key: string;
  /** Server version of the record this change was made on top of (0 = none seen). */
  baseVersion: number;
  /** One stamp for every field in `changes`. */
  stamp: Stamp;
};
