/*
 * Record keys are derived from the record's identity, never random, so two
 * devices that write the same cell offline produce the same key and merge.
 */
import type { AwardCategory } from "./types.ts";

const SEP = "|";

// join, not a template string: join gives one flat string, a template a rope of cons cells that every Map lookup
// flattens again (a national results input's keys took 74 instead of 50 MB that way).

export const scoreKey = (editionId: string, participantId: string, indicatorId: string, memberId: string): string =>
  [editionId, participantId, indicatorId, memberId].join(SEP);

export const sheetKey = (editionId: string, participantId: string, memberId: string): string =>
  [editionId, participantId, memberId].join(SEP);

export const nominationKey = (
  editionId: string,
  participantId: string,
  memberId: string,
  category: AwardCategory,
): string => [editionId, participantId, memberId, category].join(SEP);
