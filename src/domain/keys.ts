/*
 * Record keys are derived from the record's identity, never random, so two
 * devices that write the same cell offline produce the same key and merge.
 */
import type { AwardCategory } from "./types.ts";

const SEP = "|";

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
