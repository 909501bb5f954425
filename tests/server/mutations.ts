/*
 * Mutation factories for the server tests, on top of the domain builders: each call
 * gets a fresh mutation id and the next seq for its device, like a real outbox.
 */
import { sheetKey } from "../../src/domain/keys.ts";
import type { Mutation, NominationMutation, ScoreMutation, SheetMutation } from "../../src/protocol/mutation.ts";
import { aNominationMutation, aScoreMutation, aSheetMutation, stampAt, TEST_MILLIS } from "../fixtures/builders.ts";
import { deviceIdFor } from "../helpers/in-process-server.ts";

let counter = 0;
const seqs = new Map<string, number>();

const next = (deviceId: string, millis?: number) => {
  counter += 1;
  const seq = (seqs.get(deviceId) ?? 0) + 1;
  seqs.set(deviceId, seq);
  return {
    mutationId: `mut-${String(counter).padStart(8, "0")}`,
    deviceId,
    seq,
    stamp: stampAt(millis ?? TEST_MILLIS + counter, 0, deviceId),
  };
};

export type MutationOptions = { deviceId?: string; millis?: number };

type ScoreOptions = MutationOptions & { identity?: Partial<ScoreMutation["identity"]> };

const scoreOf = (
  memberId: string,
  participantId: string,
  cell: { componentId: string; indicatorId: string },
  grade: ScoreMutation["changes"]["grade"],
  o: ScoreOptions,
): ScoreMutation & Mutation =>
  aScoreMutation({
    ...next(o.deviceId ?? deviceIdFor(memberId), o.millis),
    identity: { participantId, ...cell, memberId, rubricVersion: 1, ...o.identity },
    changes: { grade },
  });

/** Paparan (numeric, panel) score of `memberId` for `participantId`. */
export const paparanScore = (memberId: string, participantId = "p-5201", points = 80, o: ScoreOptions = {}) =>
  scoreOf(memberId, participantId, { componentId: "cmp-paparan", indicatorId: "ind-p1" }, { level: null, points }, o);

/** Document-review (levels, technical) score. */
export const docScore = (memberId: string, participantId = "p-5201", level = "A", o: ScoreOptions = {}) =>
  scoreOf(memberId, participantId, { componentId: "cmp-doc", indicatorId: "ind-1.1" }, { level, points: null }, o);

export const sheetChange = (
  memberId: string,
  participantId: string,
  changes: SheetMutation["changes"],
  o: MutationOptions = {},
): SheetMutation & Mutation =>
  aSheetMutation({
    ...next(o.deviceId ?? deviceIdFor(memberId), o.millis),
    identity: { participantId, memberId },
    changes,
  });

export const nomination = (
  memberId: string,
  participantId: string,
  o: MutationOptions = {},
): NominationMutation & Mutation =>
  aNominationMutation({
    ...next(o.deviceId ?? deviceIdFor(memberId), o.millis),
    identity: { participantId, memberId, category: "inovatif" },
    changes: { nominated: true, reason: "Inovasi data desa" },
  });

export const sheetKeyOf = (memberId: string, participantId: string): string =>
  sheetKey("ed-test", participantId, memberId);
