/*
 * Record keys are derived from the record's identity, never random, so two
 * devices that write the same cell offline produce the same key and merge.
 */
import type { AwardCategory } from "./types.ts";

const SEP = "|";

// Template strings rather than [..].join(SEP): the same text without an array per key (a push derives several per change).
export const scoreKey = (editionId: string, participantId: string, indicatorId: string, memberId: string): string =>
  `${editionId}${SEP}${participantId}${SEP}${indicatorId}${SEP}${memberId}`;

export const sheetKey = (editionId: string, participantId: string, memberId: string): string =>
  `${editionId}${SEP}${participantId}${SEP}${memberId}`;

export const nominationKey = (
  editionId: string,
  participantId: string,
  memberId: string,
  category: AwardCategory,
): string => `${editionId}${SEP}${participantId}${SEP}${memberId}${SEP}${category}`;
